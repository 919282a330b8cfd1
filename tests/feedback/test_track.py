"""/track: reference + contact detail -> timeline, the resident's words, adding more."""
import pytest

from app.audit.models import AuditEvent
from app.feedback import tracking
from app.feedback.models import FeedbackStatusChange, FeedbackUpdate
from app.mail.models import OutboxMessage
from tests.factories import create_feedback, create_person
from tests.web import h1_count, submit, title_starts_with_h1


@pytest.fixture
def item(app):
    person = create_person(name="Ann Example", email="ann@example.com", phone="07700 900982")
    item = create_feedback(kind="complaint", person=person, text="The pothole is deep.\nFix it.",
                           put_right="Repair it")
    FeedbackStatusChange.create(item=item, status="acknowledged", public_note="We have called you.")
    FeedbackStatusChange.create(item=item, status="in_progress")
    FeedbackUpdate.create(item=item, channel="phone", text="INTERNAL: resident sounded cross",
                          from_resident=False)
    return item


def track(client, reference, contact):
    return submit(client, "/track", {"reference": reference, "contact": contact})


@pytest.mark.parametrize("contact", ["ann@example.com", " ANN@Example.COM ", "07700900982",
                                     "+44 7700 900982", "(07700) 900-982"])
def test_right_contact_shows_the_timeline(client, item, contact):
    response = track(client, item.reference, contact)
    assert response.status_code == 302 and response.headers["Location"].endswith("/track/status")
    html = client.get("/track/status").get_data(as_text=True)
    assert h1_count(html) == 1 and title_starts_with_h1(html)[0]
    assert item.reference in html
    for label in ("Received", "Acknowledged", "Being looked at", "We have called you."):
        assert label in html
    assert "The pothole is deep.<br>Fix it." in html and "Repair it" in html
    assert "INTERNAL" not in html


def test_references_are_read_generously(item):
    year, number = item.reference.split("-")[1:]
    for typed in (item.reference.lower(), f"HRD {year} {int(number)}", f"hrd{year}{number}",
                  f" {item.reference} "):
        assert tracking.normalise_reference(typed) == item.reference, typed
    assert tracking.normalise_reference("DROP TABLE feedback_item") is None


@pytest.mark.parametrize("reference, contact", [
    ("right", "someone@example.com"), ("right", "01632 960001"),
    ("HRD-1999-000001", "ann@example.com"), ("nonsense", "ann@example.com")])
def test_wrong_details_get_one_generic_error(client, item, reference, contact):
    response = track(client, item.reference if reference == "right" else reference, contact)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and h1_count(html) == 1
    assert "We could not find feedback with that reference and contact detail" in html
    assert "<title>Error: " in html
    assert client.get("/track/status").status_code == 302


def test_anonymous_feedback_cannot_be_tracked(client, app):
    anonymous = create_feedback(kind="comment", anonymous=True)
    html = track(client, anonymous.reference, "").get_data(as_text=True)
    assert "Enter the email address or phone number you gave us" in html


def test_empty_form_errors(client):
    html = submit(client, "/track", {}).get_data(as_text=True)
    assert "Enter your reference number" in html and h1_count(html) == 1


def test_reference_is_prefilled_from_the_link(client):
    assert 'value="HRD-2026-000007"' in client.get("/track?reference=HRD-2026-000007").get_data(as_text=True)


def test_adding_more_information(client, item, tmp_path):
    track(client, item.reference, "ann@example.com")
    response = submit(client, "/track/status", {"text": "  Another car hit it today.\r\n"})
    assert response.status_code == 302
    update = FeedbackUpdate.get(FeedbackUpdate.item == item, FeedbackUpdate.from_resident == True)  # noqa: E712
    assert update.text == "  Another car hit it today.\r\n" and update.channel == "web"
    assert AuditEvent.select().where(AuditEvent.action == "feedback.more_information").count() == 1
    message = OutboxMessage.get(OutboxMessage.idempotency_key == f"more-info:feedback-update:{update.id}")
    assert message.purpose == "more_information_received" and item.reference in message.subject
    html = client.get("/track/status").get_data(as_text=True)
    assert "Another car hit it today." in html and "We have added your information" in html


def test_more_information_cannot_be_empty(client, item):
    track(client, item.reference, "ann@example.com")
    html = submit(client, "/track/status", {"text": "   "}).get_data(as_text=True)
    assert "Enter the information you want to add" in html and h1_count(html) == 1
    assert FeedbackUpdate.select().where(FeedbackUpdate.from_resident == True).count() == 0  # noqa: E712


def test_access_lasts_an_hour(client, item, monkeypatch):
    track(client, item.reference, "ann@example.com")
    assert client.get("/track/status").status_code == 200
    real = tracking.time.time
    monkeypatch.setattr(tracking.time, "time", lambda: real() + 3601)
    response = client.get("/track/status")
    assert response.status_code == 302 and response.headers["Location"].endswith("/track")


def test_tracking_is_rate_limited(settings_overrides, item):
    from app import create_app

    client = create_app(dict(settings_overrides, public_rate_limit=3)).test_client()
    statuses = [track(client, item.reference, f"guess{n}@example.com").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
