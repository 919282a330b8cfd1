"""Officers see quarantined email, download it raw (never rendered), release or discard it."""
import pytest

from app.audit.models import AuditEvent
from app.inbox.models import InboundMessage
from app.inbox.services import receive
from tests.factories import create_user
from tests.inbox.conftest import fixture_bytes
from tests.web import csrf_token, h1_count, sign_in, title_starts_with_h1

PASSWORD = "correct horse battery staple"


def quarantine(app, name):
    with app.app_context():
        result = receive(fixture_bytes(name), f"file:{name}")
    assert result.outcome == "quarantined"
    return InboundMessage.get_by_id(result.inbound_id)


def officer(app, role="complaints_officer"):
    user = create_user(role=role, password=PASSWORD)
    client = app.test_client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    return client


def post(client, url):
    return client.post(url, data={"csrf_token": csrf_token(client, "/staff/inbox/quarantine")})


def test_the_list_and_the_message_page(app):
    row = quarantine(app, "no_sender.eml")
    client = officer(app)
    html = client.get("/staff/inbox/quarantine").get_data(as_text=True)
    assert "Who am I" in html and "no sender address" in html
    page = client.get(f"/staff/inbox/{row.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and h1_count(html) == 1 and title_starts_with_h1(html)[0]
    assert "Release as feedback" in html and "Discard" in html


def test_raw_is_a_plain_text_download_never_html(app):
    hostile = (b"From: x <x@example.com>\r\nSubject: hi\r\nContent-Type: text/html\r\n\r\n"
               b"<script>alert(1)</script>")
    big = hostile + b"<!--" + b"x" * 120_000 + b"-->"
    with app.app_context():
        row = InboundMessage.get_by_id(receive(big, "file:big.html.eml").inbound_id)
    assert row.outcome == "quarantined"
    response = officer(app).get(f"/staff/inbox/{row.id}/raw")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.get_data() == big


def test_release_turns_an_oversized_message_into_feedback(app):
    row = quarantine(app, "oversized.eml")
    client = officer(app)
    response = post(client, f"/staff/inbox/{row.id}/release")
    assert response.status_code == 302
    row = InboundMessage.get_by_id(row.id)
    assert row.outcome == "released" and row.feedback_item.channel == "email"
    assert "All the letters are attached." in row.feedback_item.text
    assert AuditEvent.select().where(AuditEvent.action == "inbox.released").count() == 1
    from app.mail.models import OutboxMessage

    assert OutboxMessage.select().where(OutboxMessage.to_address == "big.sender@example.com").count() == 1
    again = post(client, f"/staff/inbox/{row.id}/release")  # a second click changes nothing
    assert again.status_code == 302
    assert InboundMessage.get_by_id(row.id).feedback_item_id == row.feedback_item_id


def test_release_of_a_message_without_a_sender_makes_anonymous_feedback(app):
    row = quarantine(app, "no_sender.eml")
    post(officer(app, "administrator"), f"/staff/inbox/{row.id}/release")
    row = InboundMessage.get_by_id(row.id)
    assert row.outcome == "released" and row.feedback_item.person_id is None


def test_discard_keeps_the_raw_message(app):
    row = quarantine(app, "broken_mime.eml")
    client = officer(app)
    response = post(client, f"/staff/inbox/{row.id}/discard")
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/inbox/quarantine")
    row = InboundMessage.get_by_id(row.id)
    assert row.outcome == "discarded" and bytes(row.raw) == fixture_bytes("broken_mime.eml")
    assert AuditEvent.select().where(AuditEvent.action == "inbox.discarded").count() == 1
    assert "There are no emails in quarantine" in client.get("/staff/inbox/quarantine").get_data(as_text=True)


def test_anonymous_visitors_are_sent_to_sign_in(app, client):
    row = quarantine(app, "no_sender.eml")
    for url in ("/staff/inbox/quarantine", f"/staff/inbox/{row.id}", f"/staff/inbox/{row.id}/raw"):
        response = client.get(url)
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    response = client.post(f"/staff/inbox/{row.id}/discard",
                           data={"csrf_token": csrf_token(client, "/staff/login")})
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    assert InboundMessage.get_by_id(row.id).outcome == "quarantined"


@pytest.mark.parametrize("role", ["analyst", "service_lead", "panel_facilitator"])
def test_other_roles_are_forbidden(app, role):
    row = quarantine(app, "no_sender.eml")
    client = officer(app, role)
    for url in ("/staff/inbox/quarantine", f"/staff/inbox/{row.id}", f"/staff/inbox/{row.id}/raw"):
        assert client.get(url).status_code == 403, url
    token = csrf_token(client, "/staff/")
    assert client.post(f"/staff/inbox/{row.id}/release", data={"csrf_token": token}).status_code == 403
    assert InboundMessage.get_by_id(row.id).outcome == "quarantined"


def test_an_unknown_message_is_404(app):
    assert officer(app).get("/staff/inbox/999999").status_code == 404


def test_an_email_written_in_another_language_says_so(app):
    from app.feedback.models import FeedbackItem

    raw = (b"From: Ola <ola@example.com>\r\nSubject: Skarga\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           + "Od trzech tygodni nikt nie odebra\u0142 \u015bmieci z naszej ulicy i nikt nie odpowiada na telefony.".encode())
    with app.app_context():
        result = receive(raw, "file:polish.eml")
    row = InboundMessage.get_by_id(result.inbound_id)
    assert row.feedback_item_id
    FeedbackItem.update(language="pl", language_confidence=0.99).where(
        FeedbackItem.id == row.feedback_item_id).execute()  # as the worker's classification leaves it
    html = officer(app).get(f"/staff/inbox/{row.id}").get_data(as_text=True)
    assert "Written in Polish" in html
