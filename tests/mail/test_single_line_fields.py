"""Names, subjects and other one-line values reach an email as one clean line: a name typed
with line breaks cannot add lines (or headers) to the message, and bidi overrides or
zero-width characters cannot disguise it."""
import email
from email.policy import default
from pathlib import Path

from app.mail.models import OutboxMessage
from tests.mail.conftest import ACK

HOSTILE_NAME = "Sam\r\nBcc: victim@example.org\r\n\r\nPay your fine at http://evil.example\u202e\u200b"


def sent_files(app):
    return sorted((Path(app.instance_path) / "outbox").glob("*.eml"))


def test_a_name_with_line_breaks_stays_on_the_greeting_line(app, queue):
    row = OutboxMessage.get_by_id(queue(context=dict(ACK, name=HOSTILE_NAME, service="High\nways\u2066")).id)
    greeting = next(line for line in row.text_body.splitlines() if line.startswith("Hello"))
    assert greeting == "Hello Sam Bcc: victim@example.org Pay your fine at http://evil.example,"
    assert "\nPay your fine" not in row.text_body and "\u202e" not in row.text_body + row.html_body
    assert "about: High ways." in row.text_body  # the line break is a space; the isolate is gone
    assert "Pay your fine at http://evil.example," in row.html_body


def test_a_subject_from_a_resident_is_one_line_in_the_header(app, queue):
    row = queue(subject="Re: Bins\r\nBcc: victim@example.org\u2028X-Injected: 1\x00 \u202egnp.exe")
    assert OutboxMessage.get_by_id(row.id).subject == "Re: Bins Bcc: victim@example.org X-Injected: 1 gnp.exe"
    [path] = sent_files(app)
    sent = email.message_from_bytes(path.read_bytes(), policy=default)
    assert sent["Subject"] == "Re: Bins Bcc: victim@example.org X-Injected: 1 gnp.exe"
    assert sent.get_all("Bcc") is None and sent.get_all("X-Injected") is None
    assert sent["To"] == "resident@example.com"


def test_a_long_subject_is_cut_to_one_header_line_of_250(app, queue):
    row = queue(subject="Bins " * 100)
    assert len(OutboxMessage.get_by_id(row.id).subject) == 249  # 250, then the trailing space trimmed
