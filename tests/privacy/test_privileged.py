"""The append-only tables stay append-only, except through the one privileged, audited path
that retention and erasure use."""
import datetime

import peewee
import pytest

from app.audit.models import AuditEvent
from app.audit.services import record
from app.db import db, utcnow
from app.privacy import retention
from app.privacy.models import PrivilegedChange
from app.privacy.privileged import privileged


def test_outside_the_path_the_audit_log_cannot_change(app):
    event = record("test.event", summary="Something happened")
    with pytest.raises(peewee.DatabaseError):
        with db.atomic():
            AuditEvent.delete().where(AuditEvent.id == event.id).execute()
    with pytest.raises(peewee.DatabaseError):
        with db.atomic():
            AuditEvent.update(summary="Rewritten").where(AuditEvent.id == event.id).execute()
    assert AuditEvent.get_by_id(event.id).summary == "Something happened"


def test_the_path_allows_it_once_leaves_no_leave_behind_and_is_audited(app):
    event = record("test.event", summary="An email address slipped in: someone@example.org")
    with privileged("erasure test"):
        AuditEvent.update(summary="An email address slipped in: [erased]").where(AuditEvent.id == event.id).execute()
    assert AuditEvent.get_by_id(event.id).summary.endswith("[erased]")
    assert not PrivilegedChange.select().exists()
    assert AuditEvent.select().where(AuditEvent.action == "privacy.privileged_change",
                                     AuditEvent.summary.contains("erasure test")).exists()
    with pytest.raises(peewee.DatabaseError):
        with db.atomic():
            AuditEvent.delete().where(AuditEvent.id == event.id).execute()


def test_a_failure_inside_the_path_changes_nothing(app):
    event = record("test.event", summary="Kept")
    with pytest.raises(RuntimeError):
        with privileged("a change that fails"):
            AuditEvent.delete().where(AuditEvent.id == event.id).execute()
            raise RuntimeError("disk full")
    assert AuditEvent.get_or_none(id=event.id) is not None and not PrivilegedChange.select().exists()


def test_case_events_follow_the_same_rule(app):
    from app.cases.models import CaseEvent
    from tests.factories import create_feedback

    from app.cases import services as cases

    case = cases.make_complaint(create_feedback())
    event = CaseEvent.select().where(CaseEvent.case == case).first()
    with pytest.raises(peewee.DatabaseError):
        with db.atomic():
            CaseEvent.update(body="changed").where(CaseEvent.id == event.id).execute()
    with privileged("erasure test"):
        CaseEvent.update(body="[erased]").where(CaseEvent.id == event.id).execute()
    assert CaseEvent.get_by_id(event.id).body == "[erased]"


def test_retention_removes_audit_events_past_seven_years(app):
    old = record("test.old", summary="Long ago")
    new = record("test.new", summary="Recently")
    with privileged("test setup: backdate"):
        AuditEvent.update(at=utcnow() - datetime.timedelta(days=8 * 365)).where(AuditEvent.id == old.id).execute()
    done = retention.run()
    assert done["audit_events"] == 1
    assert AuditEvent.get_or_none(id=old.id) is None and AuditEvent.get_or_none(id=new.id) is not None
