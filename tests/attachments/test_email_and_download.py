"""Email attachments are kept (checked and cleaned in the reader's sandbox), and staff download
residents' files only when they may see what the file came with: as a download, never shown."""
from email.message import EmailMessage

import pytest

from app.attachments import store
from app.attachments.models import Attachment
from app.audit.models import AuditEvent
from app.feedback.models import FeedbackItem
from tests.attachments.files import HTML, has_location, jpeg_with_location, pdf
from tests.factories import create_feedback, create_user
from tests.web import sign_in


def email_with(*files, sender="pat.resident@example.org", subject="Fly-tipping behind the shops"):
    message = EmailMessage()
    message["From"] = f"Pat Resident <{sender}>"
    message["To"] = "feedback@council.example"
    message["Subject"] = subject
    message["Message-ID"] = f"<{abs(hash((sender, subject, len(files))))}@example.org>"
    message.set_content("Photos attached. It has been there for a week.")
    for name, maintype, subtype, content in files:
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def receive(raw):
    from app.inbox.services import receive as take

    take(raw, "test:attachments.eml")
    return FeedbackItem.select().order_by(FeedbackItem.id.desc()).first()


def test_an_emails_photos_and_documents_are_kept_cleaned_and_refusals_recorded(app):
    item = receive(email_with(("tip.jpg", "image", "jpeg", jpeg_with_location()),
                              ("report.pdf", "application", "pdf", pdf("Fly-tipping report")),
                              ("invoice.jpg", "image", "jpeg", HTML)))
    rows = {row.filename: row for row in item.attachments}
    assert set(rows) == {"tip.jpg", "report.pdf", "invoice.jpg"}
    assert rows["tip.jpg"].kept and rows["tip.jpg"].location_removed
    assert not has_location(store.read(rows["tip.jpg"].storage_name))
    assert store.read(rows["report.pdf"].storage_name).startswith(b"%PDF")
    assert not rows["invoice.jpg"].kept and "must be a JPG" in rows["invoice.jpg"].refused_reason
    assert all(row.inbound_id for row in rows.values())


def test_reading_the_same_email_twice_keeps_its_files_once(app):
    from app.inbox.models import InboundMessage
    from app.inbox.services import process

    receive(email_with(("report.pdf", "application", "pdf", pdf())))
    inbound = InboundMessage.get()
    InboundMessage.update(outcome="received").execute()
    process(inbound.id)
    assert Attachment.select().count() == 1


@pytest.fixture
def file_on_feedback(app):
    item = create_feedback(kind="comment", text="See the photo of the broken bench.")
    row = Attachment.create(item=item, filename="bench.pdf", content_type="application/pdf", kind="pdf",
                            size=10, storage_name=store_file(app, pdf("bench")))
    return row


def store_file(app, data):
    with app.app_context():
        return store.save(data)


def test_an_officer_downloads_it_as_an_attachment_never_shown_and_it_is_audited(app, client, file_on_feedback):
    officer = create_user("complaints_officer", password="a long test password")
    sign_in(client, officer.email, "a long test password")
    html = client.get(f"/staff/feedback/{file_on_feedback.item_id}").get_data(as_text=True)
    assert f"/staff/attachments/{file_on_feedback.id}" in html and "bench.pdf" in html
    response = client.get(f"/staff/attachments/{file_on_feedback.id}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"] and "sandbox" in response.headers["Content-Security-Policy"]
    event = AuditEvent.get(AuditEvent.action == "attachment.downloaded")
    assert event.actor_id == officer.id and "bench" not in event.summary + event.details


def test_who_may_not_see_the_feedback_may_not_download_its_files(app, client, file_on_feedback):
    from app.feedback.models import FeedbackItem
    from tests.factories import service

    FeedbackItem.update(service=service("highways")).execute()
    lead = create_user("service_lead", services=["waste-recycling"], password="a long test password")
    sign_in(client, lead.email, "a long test password")
    assert client.get(f"/staff/attachments/{file_on_feedback.id}").status_code == 404
    assert client.get("/staff/attachments/999999").status_code == 404
    anonymous = app.test_client().get(f"/staff/attachments/{file_on_feedback.id}")
    assert anonymous.status_code in (302, 401) and b"%PDF" not in anonymous.data


def test_a_file_in_a_special_category_case_is_only_for_officers(app, client, file_on_feedback):
    from app.cases.models import Case, CaseItem
    from app.feedback.models import FeedbackItem
    from tests.factories import service

    FeedbackItem.update(service=service("highways")).execute()
    case = Case.create(reference="CMP-2026-000001", title="Bench", service=service("highways"),
                       special_category=True, received_at=file_on_feedback.item.received_at)
    CaseItem.create(case=case, item=file_on_feedback.item_id)
    lead = create_user("service_lead", services=["highways"], password="a long test password")
    sign_in(client, lead.email, "a long test password")
    assert client.get(f"/staff/attachments/{file_on_feedback.id}").status_code == 404
    officer = create_user("complaints_officer", password="a long test password")
    other = app.test_client()
    sign_in(other, officer.email, "a long test password")
    assert other.get(f"/staff/attachments/{file_on_feedback.id}").status_code == 200
    assert AuditEvent.get(AuditEvent.action == "attachment.downloaded").details.count('"special_category": true') == 1
