"""Sending through a real SMTP server (aiosmtpd on loopback)."""
import pytest

from app.mail.models import OutboxMessage
from app.mail.tasks import send
from tests.mail.conftest import ACK


def test_the_message_arrives_with_the_right_headers_and_parts(smtp_server, queue):
    row = queue(purpose="acknowledgement")
    [envelope] = smtp_server.envelopes
    assert envelope.mail_from == "feedback@testshire.gov.uk"
    assert envelope.rcpt_tos == ["resident@example.com"]
    [message] = smtp_server.messages()
    assert message["From"] == "Testshire County Council <feedback@testshire.gov.uk>"
    assert message["To"] == "resident@example.com"
    assert message["Subject"] == "We have received your complaint – reference HRD-2026-000123"
    assert message["Message-ID"] == OutboxMessage.get_by_id(row.id).message_id
    assert message["Message-ID"].endswith("@testshire.gov.uk>")
    assert message["Date"] and message["Auto-Submitted"] == "auto-generated"
    assert message["X-Auto-Response-Suppress"] == "All"
    assert "In-Reply-To" not in message and "Reply-To" not in message
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert "HRD-2026-000123" in message.get_body(("plain",)).get_content()
    assert "HRD-2026-000123" in message.get_body(("html",)).get_content()
    assert OutboxMessage.get_by_id(row.id).status == "sent"


def test_answers_to_mail_are_auto_replied_and_threaded(smtp_server, queue):
    queue(template="auto_reply_received_by_email", key="reply",
          context={"reference": "HRD-2026-000123", "original_subject": "Bins"},
          in_reply_to="<CAF=abc.123@mail.gmail.com>")
    [message] = smtp_server.messages()
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["In-Reply-To"] == "<CAF=abc.123@mail.gmail.com>"
    assert message["References"] == "<CAF=abc.123@mail.gmail.com>"
    assert message["Subject"] == "Re: Bins [HRD-2026-000123]"


def test_a_person_written_message_has_no_auto_submitted_header(smtp_server, queue):
    queue(auto_submitted="no")
    [message] = smtp_server.messages()
    assert "Auto-Submitted" not in message


@pytest.fixture
def reply_to(settings_overrides):
    settings_overrides["mail_reply_to"] = "complaints@testshire.gov.uk"


def test_reply_to_comes_from_the_settings(reply_to, smtp_server, queue):
    queue()
    assert smtp_server.messages()[0]["Reply-To"] == "complaints@testshire.gov.uk"


def test_running_the_send_task_twice_sends_once(smtp_server, queue):
    row = queue()
    assert send.call_local(row.id) == "skipped"
    assert send.call_local(row.id) == "skipped"
    assert len(smtp_server.envelopes) == 1


def test_queueing_twice_with_one_key_sends_one_email(smtp_server, queue):
    first, second = queue(key="ack:1"), queue(key="ack:1")
    assert first.id == second.id and len(smtp_server.envelopes) == 1


INJECTIONS = [
    "Complaint\r\nBcc: evil@attacker.example",
    "Complaint\nBcc: evil@attacker.example",
    "Complaint\rBcc: evil@attacker.example",
    "Complaint\r\n\r\n<html>body</html>",
    "Complaint\u2028Bcc: evil@attacker.example",
    "Complaint\x00\x0bBcc: evil@attacker.example",
]


@pytest.mark.parametrize("hostile", INJECTIONS)
def test_hostile_values_never_make_headers(smtp_server, queue, hostile):
    queue(key="subject", subject=hostile)
    queue(key="context", template="auto_reply_received_by_email",
          context={"reference": "HRD-2026-000123", "original_subject": hostile, "name": hostile})
    queue(key="reference", context=dict(ACK, reference=hostile, service=hostile))
    assert len(smtp_server.envelopes) == 3
    for envelope in smtp_server.envelopes:
        assert envelope.rcpt_tos == ["resident@example.com"]
        head = envelope.original_content.split(b"\r\n\r\n", 1)[0]
        names = [line.split(b":", 1)[0].lower() for line in head.split(b"\r\n")
                 if line and not line[:1].isspace()]
        assert b"bcc" not in names and names.count(b"subject") == 1
        assert b"\n" not in head.replace(b"\r\n", b"") and b"\r" not in head.replace(b"\r\n", b"")
    for message in smtp_server.messages():
        assert "Bcc" not in message and "\n" not in message["Subject"]


def test_header_injection_in_the_address_is_refused_before_anything_is_stored(smtp_server, queue):
    from app.mail.headers import InvalidAddress

    with pytest.raises(InvalidAddress):
        queue(to="a@b.com\r\nBcc: x@y.com")
    assert OutboxMessage.select().count() == 0 and smtp_server.envelopes == []


def test_the_message_builder_itself_refuses_stored_crlf(app, smtp_server, queue):
    """Even a row changed behind our back cannot carry a header break."""
    from app.mail import message

    row = queue()
    OutboxMessage.update(subject="Hi\r\nBcc: evil@attacker.example",
                         in_reply_to="<a@b>\r\nBcc: evil@attacker.example").execute()
    built = message.build(OutboxMessage.get_by_id(row.id), app.config["HEARD"])
    assert "Bcc" not in built and built["Subject"] == "Hi Bcc: evil@attacker.example"
    assert "In-Reply-To" not in built
    OutboxMessage.update(to_address="a@b.com\r\nBcc: x@y.com").execute()
    with pytest.raises(ValueError):
        message.build(OutboxMessage.get_by_id(row.id), app.config["HEARD"])


def test_a_refused_recipient_fails_at_once(smtp_server, queue):
    smtp_server.refuse = True
    row = OutboxMessage.get_by_id(queue().id)
    assert row.status == "failed" and row.attempts == 1
    assert "550" in row.last_error and "resident@example.com" not in row.last_error
