"""The staff Outbox pages: who may see them, what they show, and 'Send again'."""
import email
from email.policy import default

import pytest

from app.audit.models import AuditEvent
from app.mail.models import OutboxMessage
from tests.factories import create_user
from tests.mail.conftest import ACK
from tests.web import csrf_token, h1_count, sign_in, title_starts_with_h1

PASSWORD = "correct horse battery staple"


def signed_in(app, role):
    user = create_user(role=role, password=PASSWORD)
    client = app.test_client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    return client


def test_anonymous_visitors_are_sent_to_sign_in(client, queue):
    row = queue()
    for path in ("/staff/outbox", f"/staff/outbox/{row.id}", f"/staff/outbox/{row.id}/raw"):
        response = client.get(path)
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["analyst", "service_lead", "panel_facilitator"])
def test_other_roles_are_forbidden(app, queue, role):
    row = queue()
    client = signed_in(app, role)
    for path in ("/staff/outbox", f"/staff/outbox/{row.id}", f"/staff/outbox/{row.id}/raw"):
        assert client.get(path).status_code == 403, path


@pytest.mark.parametrize("role", ["complaints_officer", "administrator"])
def test_officers_and_administrators_see_the_outbox(app, queue, role):
    row = queue(purpose="acknowledgement")
    client = signed_in(app, role)
    for path in ("/staff/outbox", f"/staff/outbox/{row.id}"):
        response = client.get(path)
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and h1_count(html) == 1
        assert title_starts_with_h1(html)[0]
        assert "HRD-2026-000123" in html and "Sent" in html


def test_the_message_page_shows_headers_text_and_escaped_html(app, queue):
    row = queue(context=dict(ACK, name='<script>alert("x")</script>'))
    html = signed_in(app, "complaints_officer").get(f"/staff/outbox/{row.id}").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "Auto-Submitted" in html and "auto-generated" in html and row.message_id in html.replace("&lt;", "<").replace("&gt;", ">")
    assert "&lt;!DOCTYPE html&gt;" in html, "the HTML part is shown as source, never rendered"
    assert "Send again" not in html, "only failed messages can be sent again"


def test_the_raw_download_is_the_whole_message(app, queue):
    row = queue()
    response = signed_in(app, "complaints_officer").get(f"/staff/outbox/{row.id}/raw")
    assert response.status_code == 200 and response.mimetype == "message/rfc822"
    assert "attachment" in response.headers["Content-Disposition"]
    message = email.message_from_bytes(response.data, policy=default)
    assert message["Message-ID"] == row.message_id and message["To"] == "resident@example.com"


def test_list_filters_and_pagination(app, queue):
    for n in range(55):
        queue(key=f"bulk:{n}", template="survey_reminder" if n % 5 else "acknowledgement",
              context=dict(ACK, survey_title="Library visit", link="https://example.com/s/i/x",
                           council_name="Testshire", service="Libraries", closes_on=None, expires_at=None))
    client = signed_in(app, "complaints_officer")
    page_one = client.get("/staff/outbox").get_data(as_text=True)
    assert "55 messages, page 1 of 2" in page_one and 'rel="next"' in page_one
    assert page_one.count('href="/staff/outbox/') == 50
    page_two = client.get("/staff/outbox?page=2").get_data(as_text=True)
    assert page_two.count('href="/staff/outbox/') == 5 and 'rel="prev"' in page_two
    filtered = client.get("/staff/outbox?kind=acknowledgement&status=sent").get_data(as_text=True)
    assert "11 messages" in filtered
    assert "No messages" in client.get("/staff/outbox?status=failed").get_data(as_text=True)


@pytest.mark.parametrize("query", ["page=0", "page=-3", "page=abc", "page=99999", "status=%00",
                                   "kind=<script>", "status=sent&status=failed", "page=1e9"])
def test_odd_queries_never_break_the_list(app, queue, query):
    queue()
    response = signed_in(app, "complaints_officer").get(f"/staff/outbox?{query}")
    assert response.status_code == 200


def test_missing_messages_are_404(app):
    client = signed_in(app, "complaints_officer")
    assert client.get("/staff/outbox/999").status_code == 404
    assert client.get("/staff/outbox/999/raw").status_code == 404


def test_a_failed_message_is_visible_and_can_be_sent_again(app, queue, dead_smtp_port):
    row = queue()
    OutboxMessage.update(status="failed", attempts=5, last_error="ConnectionRefusedError: Connection refused").execute()
    client = signed_in(app, "complaints_officer")
    listing = client.get("/staff/outbox?status=failed").get_data(as_text=True)
    assert "1 failed" in listing and "Failed" in listing and "1 message" in listing
    page = client.get(f"/staff/outbox/{row.id}").get_data(as_text=True)
    assert "Send again" in page and "Connection refused" in page

    response = client.post(f"/staff/outbox/{row.id}/resend",
                           data={"csrf_token": csrf_token(client, f"/staff/outbox/{row.id}")})
    assert response.status_code == 302
    again = OutboxMessage.get_by_id(row.id)
    assert OutboxMessage.select().count() == 1, "the same row, never a duplicate"
    assert again.status == "pending" and again.attempts == 1  # the server is still down
    event = AuditEvent.get(AuditEvent.action == "mail.resend")
    assert event.object_id == str(row.id) and "resident@example.com" not in event.summary + event.details

    # Not failed any more: a second press changes nothing.
    client.post(f"/staff/outbox/{row.id}/resend",
                data={"csrf_token": csrf_token(client, f"/staff/outbox/{row.id}")})
    assert AuditEvent.select().where(AuditEvent.action == "mail.resend").count() == 1


def test_send_again_delivers_once_the_server_is_back(app, queue, smtp_server):
    smtp_server.refuse = True
    row = queue()
    assert OutboxMessage.get_by_id(row.id).status == "failed"
    smtp_server.refuse = False
    client = signed_in(app, "administrator")
    client.post(f"/staff/outbox/{row.id}/resend",
                data={"csrf_token": csrf_token(client, f"/staff/outbox/{row.id}")})
    assert OutboxMessage.get_by_id(row.id).status == "sent"
    assert len(smtp_server.envelopes) == 1


def test_send_again_needs_the_right_role_and_a_csrf_token(app, queue):
    row = queue()
    OutboxMessage.update(status="failed").execute()
    analyst = signed_in(app, "analyst")
    token = csrf_token(analyst, "/staff/")
    assert analyst.post(f"/staff/outbox/{row.id}/resend", data={"csrf_token": token}).status_code == 403
    officer = signed_in(app, "complaints_officer")
    assert officer.post(f"/staff/outbox/{row.id}/resend").status_code == 400
    assert OutboxMessage.get_by_id(row.id).status == "failed"


def test_a_row_that_cannot_be_built_still_shows(app, queue):
    row = queue()
    OutboxMessage.update(to_address="broken\r\nBcc: x@y.com").execute()
    client = signed_in(app, "complaints_officer")
    assert client.get(f"/staff/outbox/{row.id}").status_code == 200
    assert client.get(f"/staff/outbox/{row.id}/raw").status_code == 404
