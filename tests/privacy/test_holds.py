"""Legal holds: administrators place one on a case (by reference) or a resident (by email or
phone) with a reason, retention then keeps everything about it, and releasing it (with a
reason) lets the schedule apply again."""
import datetime

import pytest

from app.db import utcnow
from app.privacy import retention
from app.privacy.models import LegalHold
from tests.factories import create_feedback, create_person, create_user
from tests.web import get_page, sign_in, submit

PASSWORD = "correct horse battery staple"
OLD = utcnow() - datetime.timedelta(days=3 * 365)


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, intake_listeners=("cases",))


@pytest.fixture
def admin_client(app):
    admin = create_user(role="administrator", password=PASSWORD)
    client = app.test_client()
    sign_in(client, admin.email, PASSWORD)
    return client


def old_comment(person):
    from app.feedback.models import FeedbackItem

    item = create_feedback(kind="comment", person=person, text="The park gates were locked early.")
    FeedbackItem.update(received_at=OLD).where(FeedbackItem.id == item.id).execute()
    return item


def test_a_hold_on_a_resident_keeps_their_old_feedback_until_it_is_released(app, admin_client):
    from app.audit.models import AuditEvent
    from app.feedback.models import FeedbackItem

    person = create_person(email="held.resident@example.org", phone="07700 900321")
    item = old_comment(person)
    response = submit(admin_client, "/staff/admin/privacy/holds/new",
                      {"target": "07700900321", "reason": "A claim for a trip on the pavement"})
    assert response.status_code == 302
    html = get_page(admin_client, "/staff/admin/privacy/holds")
    assert "A claim for a trip on the pavement" in html and "Standing" in html
    assert "feedback" not in retention.run() and FeedbackItem.get_or_none(id=item.id) is not None
    hold = LegalHold.get()
    assert submit(admin_client, f"/staff/admin/privacy/holds/{hold.id}/release",
                  {"reason": "The claim was settled"}).status_code == 302
    assert "Ended" in get_page(admin_client, "/staff/admin/privacy/holds")
    assert retention.run()["feedback"] == 1 and FeedbackItem.get_or_none(id=item.id) is None
    events = [e.summary for e in AuditEvent.select().where(AuditEvent.action.startswith("privacy.hold"))]
    assert len(events) == 2 and not any("claim" in e or "900321" in e for e in events)


def test_a_hold_by_reference_keeps_the_case(app, admin_client):
    from app.cases.models import Case

    item = create_feedback(kind="complaint", person=create_person())
    case = Case.get()
    response = submit(admin_client, "/staff/admin/privacy/holds/new",
                      {"target": item.reference.lower(), "reason": "Ombudsman investigation"})
    assert response.status_code == 302
    assert LegalHold.get().case_id == case.id
    Case.update(closed_at=utcnow() - datetime.timedelta(days=8 * 365), status="closed").execute()
    assert "complaint_cases" not in retention.run() and Case.get_or_none(id=case.id) is not None


@pytest.mark.parametrize("target, reason, message", [
    ("", "Because", "Enter a reference, or the resident"),
    ("nobody@example.org", "Because", "No resident has that email address"),
    ("HRD-2026-999999", "Because", "No case or feedback has that reference"),
    ("nobody@example.org", "", "Enter why the records must be kept"),
    ("x" * 5000, "y" * 3000, "2,000 characters or fewer"),
])
def test_mistakes_are_explained_and_what_was_typed_is_kept(app, admin_client, target, reason, message):
    response = submit(admin_client, "/staff/admin/privacy/holds/new", {"target": target, "reason": reason})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and message in html and "govuk-error-summary" in html
    assert (reason[:50] in html) and (target[:50] in html)
    assert not LegalHold.select().exists()


def test_releasing_needs_a_reason_and_only_once(app, admin_client):
    create_person(email="r@example.org")
    submit(admin_client, "/staff/admin/privacy/holds/new", {"target": "r@example.org", "reason": "Claim"})
    hold = LegalHold.get()
    page = f"/staff/admin/privacy/holds/{hold.id}/release"
    response = submit(admin_client, page, {"reason": "  "})
    assert response.status_code == 200 and "Enter why the hold can end" in response.get_data(as_text=True)
    assert submit(admin_client, page, {"reason": "Settled"}).status_code == 302
    assert "This hold ended" in get_page(admin_client, page)
    assert admin_client.get("/staff/admin/privacy/holds/999/release").status_code == 404
