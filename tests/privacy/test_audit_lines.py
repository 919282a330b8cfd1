"""Audit lines an older Heard wrote with residents' details in them are cleaned by the retention
run, through the privileged path; who did what, when, to which record stays, and staff stay named."""
import json

from app.audit.models import AuditEvent
from app.audit.services import record
from app.privacy import retention
from tests.factories import create_person, create_user


def test_older_audit_lines_lose_residents_details_and_keep_the_rest(app):
    officer = create_user("complaints_officer", email="officer@council.example")
    create_person(name="Philippa Dunstable", email="pd@example.org")
    old = [
        record("mail.sent", summary="Acknowledgement sent to pd@example.org (Philippa Dunstable)",
               details={"to": "pd@example.org", "phone": "07700 900123"}),
        record("case.note", actor=officer, summary="Rang 01632 960 001 about OX16 5AB; told officer@council.example"),
        record("case.viewed", actor=officer, summary="Viewed case CMP-2026-000001"),
    ]
    done = retention.run()
    assert done["older_audit_lines_cleaned"] == 2
    first, second, third = (AuditEvent.get_by_id(e.id) for e in old)
    assert first.summary == "Acknowledgement sent to [email removed] ([name removed])"
    assert json.loads(first.details) == {"to": "[email removed]", "phone": "[phone removed]"}
    assert second.summary == "Rang [phone removed] about [postcode removed]; told officer@council.example"
    assert second.actor_id == officer.id and second.action == "case.note" and second.at == old[1].at
    assert third.summary == "Viewed case CMP-2026-000001"
    assert AuditEvent.select().where(AuditEvent.action == "privacy.privileged_change").exists()
    assert "older_audit_lines_cleaned" not in retention.run()  # only lines written since are read


def test_the_log_is_still_append_only_outside_the_privileged_path(app):
    import peewee
    import pytest

    event = record("case.viewed", summary="x@example.org")
    with pytest.raises(peewee.DatabaseError):
        AuditEvent.update(summary="changed").where(AuditEvent.id == event.id).execute()
