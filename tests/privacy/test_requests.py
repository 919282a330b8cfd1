"""The subject access request queue: logged with its one-calendar-month deadline, shown
soonest due first with overdue ones marked, exported as a zip download, marked answered."""
import datetime
import io
import re
import zipfile

import pytest

from app.privacy.requests import one_month_after
from tests.factories import create_feedback, create_person, create_user
from tests.web import get_page, sign_in, submit

PASSWORD = "correct horse battery staple"


@pytest.mark.parametrize("received, due", [
    ((2026, 1, 3), (2026, 2, 3)), ((2026, 1, 31), (2026, 2, 28)), ((2028, 1, 31), (2028, 2, 29)),
    ((2026, 12, 15), (2027, 1, 15)), ((2026, 3, 31), (2026, 4, 30))])
def test_one_calendar_month(received, due):
    assert one_month_after(datetime.date(*received)) == datetime.date(*due)


@pytest.fixture
def admin_client(app):
    admin = create_user(role="administrator", password=PASSWORD)
    client = app.test_client()
    sign_in(client, admin.email, PASSWORD)
    return client


def test_a_request_is_logged_queued_exported_and_answered(app, admin_client):
    from app.audit.models import AuditEvent
    from app.privacy.models import AccessRequest

    person = create_person(name="Ada Canary", email="ada.canary@example.org")
    create_feedback(kind="comment", person=person, text="The swings in the park are broken.")
    long_ago = datetime.date.today() - datetime.timedelta(days=40)
    response = submit(admin_client, "/staff/admin/privacy/requests/new", {
        "identifier": "Ada.Canary@example.org", "requester": "By email to the complaints team",
        "received_day": str(long_ago.day), "received_month": str(long_ago.month),
        "received_year": str(long_ago.year)})
    assert response.status_code == 302
    logged = AccessRequest.get()
    assert logged.due_on == one_month_after(long_ago)
    html = get_page(admin_client, "/staff/admin/privacy/requests")
    assert "Overdue" in html and "1 waiting" in html
    page = get_page(admin_client, f"/staff/admin/privacy/requests/{logged.id}")
    assert "Check before release" in page and "records in" in page
    download = admin_client.get(f"/staff/admin/privacy/requests/{logged.id}/export.zip")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    summary = zipfile.ZipFile(io.BytesIO(download.data)).read("summary.html").decode()
    assert "swings in the park" in summary
    assert submit(admin_client, f"/staff/admin/privacy/requests/{logged.id}", {}).status_code == 302
    assert "Answered" in get_page(admin_client, "/staff/admin/privacy/requests")
    actions = {e.action for e in AuditEvent.select()}
    assert {"privacy.request_logged", "privacy.export", "privacy.request_answered"} <= actions
    assert not [e for e in AuditEvent.select() if "ada.canary" in (e.summary + e.details).lower()]


@pytest.mark.parametrize("data, message", [
    ({"identifier": "", "requester": "x"}, "Enter an email address, phone number, name or reference"),
    ({"identifier": "Ada Canary", "requester": "x"}, "a name can match other people"),
    ({"identifier": "ada@example.org", "requester": "x", "received_day": "31", "received_month": "2",
      "received_year": "2026"}, "must be a real date"),
    ({"identifier": "ada@example.org", "requester": "x", "received_day": "1", "received_month": "1",
      "received_year": "2999"}, "today or in the past"),
])
def test_mistakes_are_explained_and_typing_is_kept(app, admin_client, data, message):
    from app.privacy.models import AccessRequest

    today = datetime.date.today()
    data = dict({"received_day": str(today.day), "received_month": str(today.month),
                 "received_year": str(today.year)}, **data)
    response = submit(admin_client, "/staff/admin/privacy/requests/new", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and message in html and "govuk-error-summary" in html
    assert f'value="{data["identifier"]}"' in html
    assert not AccessRequest.select().exists()


def test_other_staff_cannot_see_the_queue(app):
    officer = create_user(role="complaints_officer", password=PASSWORD)
    client = app.test_client()
    sign_in(client, officer.email, PASSWORD)
    assert client.get("/staff/admin/privacy/requests").status_code == 403


def test_the_officer_redacts_other_peoples_names_and_withholds_a_record_before_release(app, admin_client):
    import json

    from app.audit.models import AuditEvent
    from app.privacy.models import AccessRequest
    from app.privacy.requests import log_request

    create_person(name="Gideon Neighbourly", email="gideon@example.org")
    person = create_person(name="Ada Canary", email="ada.canary@example.org")
    mine = create_feedback(kind="complaint", person=person,
                           text="Gideon Neighbourly at number 4 keeps putting his bins on my drive.")
    other = create_feedback(kind="comment", person=person, text="The swings in the park are broken.")
    logged = log_request("ada.canary@example.org", "By email", datetime.date.today(), None)
    page = get_page(admin_client, f"/staff/admin/privacy/requests/{logged.id}")
    assert "Names someone else: Gideon Neighbourly" in page and "Not reviewed yet" in page
    assert ">Gideon Neighbourly</textarea>" in page.replace("\n", "")  # suggested for redaction
    token = re.search(r'name="review-csrf_token" value="([^"]+)"', page).group(1)
    response = admin_client.post(f"/staff/admin/privacy/requests/{logged.id}", data={
        "review-csrf_token": token, "review-redactions": "Gideon Neighbourly\r\nnumber 4\r\n\r\nnumber 4",
        "review-withhold": ["person:999999"]})
    assert response.status_code == 302
    reviewed = AccessRequest.get_by_id(logged.id)
    assert reviewed.redactions == "Gideon Neighbourly\nnumber 4" and json.loads(reviewed.withheld) == []
    assert reviewed.status == "open"  # reviewing is not answering
    archive = zipfile.ZipFile(io.BytesIO(admin_client.get(f"/staff/admin/privacy/requests/{logged.id}/export.zip").data))
    summary = archive.read("summary.html").decode()
    assert "Gideon" not in summary and "[redacted] at [redacted] keeps putting his bins" in summary
    assert "Some information about other people has been removed" in summary
    assert "Gideon" not in archive.read("records.json").decode()
    # leaving a whole record out
    key = f"feedback_item:{other.id}"
    page = get_page(admin_client, f"/staff/admin/privacy/requests/{logged.id}")
    token = re.search(r'name="review-csrf_token" value="([^"]+)"', page).group(1)
    assert key not in page  # the resident's own record, naming nobody, needs no check
    key = f"feedback_item:{mine.id}"
    admin_client.post(f"/staff/admin/privacy/requests/{logged.id}", data={
        "review-csrf_token": token, "review-redactions": "", "review-withhold": [key]})
    records = json.loads(zipfile.ZipFile(io.BytesIO(admin_client.get(
        f"/staff/admin/privacy/requests/{logged.id}/export.zip").data)).read("records.json"))
    ids = {(r["table"], r["id"]) for r in records["records"]}
    assert ("feedback_item", mine.id) not in ids and ("feedback_item", other.id) in ids
    assert records["about_others_removed"] is True
    review_events = AuditEvent.select().where(AuditEvent.action == "privacy.request_reviewed")
    assert review_events.count() == 2 and all("Gideon" not in e.summary for e in review_events)
