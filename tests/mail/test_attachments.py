"""Attachments through the outbox: stored with the message, sent as MIME attachments byte for byte
(through a real SMTP server), names cleaned, idempotency unchanged, shown on the Outbox pages."""
from app.mail.models import OutboxAttachment, OutboxMessage
from tests.factories import a_pdf, create_user
from tests.web import sign_in


def test_a_pdf_arrives_attached_byte_for_byte_and_only_once(app, smtp_server, queue):
    pdf = a_pdf("Lessons learnt: Parking, March 2026")
    row = queue(key="report:1", attachments=[("../../reports/Parking\r\nBcc: x@evil.test.pdf", "Application/PDF", pdf),
                                             ("notes.txt", "not a type", b"plain words")])
    again = queue(key="report:1", attachments=[("other.pdf", "application/pdf", b"%PDF-other")])
    assert again.id == row.id
    assert OutboxAttachment.select().count() == 2 and OutboxMessage.select().count() == 1

    [message] = smtp_server.messages()
    assert message.get_content_type() == "multipart/mixed"
    assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
    files = list(message.iter_attachments())
    assert [f.get_content_type() for f in files] == ["application/pdf", "application/octet-stream"]
    assert files[0].get_filename() == "Parking Bcc: x@evil.test.pdf"  # one line, no folder
    assert files[0].get_content() == pdf and files[1].get_content() == b"plain words"
    assert "Bcc" not in message and len(smtp_server.envelopes[0].rcpt_tos) == 1

    staff = create_user(role="complaints_officer", password="a long test password")
    client = app.test_client()
    sign_in(client, staff.email, "a long test password")
    listing = client.get("/staff/outbox").get_data(as_text=True)
    assert "Attached: Parking Bcc: x@evil.test.pdf (" in listing and "Attached: notes.txt (11 Bytes)" in listing
    page = client.get(f"/staff/outbox/{row.id}").get_data(as_text=True)
    assert "notes.txt, 11 Bytes" in page
