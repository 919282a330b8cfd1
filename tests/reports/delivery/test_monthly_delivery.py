"""The monthly lessons-learnt delivery, against a real SMTP server (aiosmtpd): on the first working
day each subscriber gets one email with the month's PDF attached, however often the task runs and
even when a worker died half-way; on any other day nothing happens."""
import datetime
import subprocess

import pytest

from app.mail.models import OutboxMessage
from app.mail.services import queue_email
from app.queue import run_sweeps
from reports.archive import services as archive
from reports.archive.models import StoredReport
from reports.delivery import monthly
from reports.delivery.models import MonthlyDelivery
from reports.delivery.services import set_subscriptions
from tests.factories import create_user, service
from tests.mail.conftest import smtp_server  # noqa: F401
from tests.reports.kpi_data import fresh_app  # noqa: F401
from tests.reports.lessons.helpers import parking_march

FIRST_WORKING_DAY = datetime.date(2026, 4, 1)  # a Wednesday; Good Friday is 3 April
BASE = "https://feedback.testshire.gov.uk"


@pytest.fixture
def settings_overrides(settings_overrides, smtp_server):  # noqa: F811
    return dict(settings_overrides, intake_listeners=("cases",), mail_backend="smtp", smtp_host="127.0.0.1",
                smtp_port=smtp_server.port, smtp_timeout=5, mail_from="feedback@testshire.gov.uk", base_url=BASE)


def subscribe(user, *slugs):
    set_subscriptions(user, [service(slug).id for slug in slugs], actor=user)
    return user


def test_first_working_day_skips_weekends_and_bank_holidays():
    assert monthly.first_working_day(datetime.date(2027, 1, 20)) == datetime.date(2027, 1, 4)
    assert monthly.first_working_day(datetime.date(2026, 8, 31)) == datetime.date(2026, 8, 3)
    assert monthly.previous_month(datetime.date(2027, 1, 4)) == (datetime.date(2026, 12, 1),
                                                                 datetime.date(2026, 12, 31))


def test_each_subscriber_gets_one_email_with_the_pdf_even_after_a_worker_died(smtp_server, tmp_path):  # noqa: F811
    parking_march()
    lead = subscribe(create_user("service_lead", name="Priya Shah", services=["parking"]), "parking")
    admin = subscribe(create_user("administrator", name="Alex Admin"), "parking", "libraries")
    analyst = subscribe(create_user("analyst", name="Ana Lyst"), "parking")
    create_user("service_lead", services=["highways"])  # Highways has no subscriber: no report
    assert monthly.start_month(datetime.date(2026, 4, 2)) == []  # not the first working day
    assert StoredReport.select().count() == 0

    # A worker died half-way: Parking's report built, its delivery started, one email queued.
    parking = archive.request("lessons", service=service("parking"), period_start=datetime.date(2026, 3, 1),
                              period_end=datetime.date(2026, 3, 31))
    assert parking.is_ready and parking.pages >= 4
    delivery = MonthlyDelivery.create(report=parking)
    queue_email(lead.email, "lessons_report", monthly.email_context(parking, lead),
                idempotency_key=monthly.idempotency_key(parking, lead),
                attachments=[(archive.filename(parking), "application/pdf", bytes(parking.pdf))])
    assert monthly.unfinished() == [delivery.id]
    run_sweeps()  # the sweep finishes what the dead worker left
    assert MonthlyDelivery.get_by_id(delivery.id).completed_at is not None

    # The monthly task runs twice on the first working day: Libraries (no data) is built and sent.
    monthly.start_month(FIRST_WORKING_DAY)
    monthly.start_month(FIRST_WORKING_DAY)
    run_sweeps()
    assert {r.service.slug for r in StoredReport.select()} == {"parking", "libraries"}
    assert all(d.completed_at for d in MonthlyDelivery.select()) and not monthly.unfinished()

    received = {}
    for envelope, message in zip(smtp_server.envelopes, smtp_server.messages()):
        if not message["Subject"].startswith("Lessons learnt"):
            continue  # the residents' acknowledgements of the month's feedback
        received.setdefault((envelope.rcpt_tos[0], message["Subject"]), []).append(message)
    assert sorted((to, len(found)) for (to, _), found in received.items()) == sorted(
        [(lead.email, 1), (admin.email, 1), (analyst.email, 1), (admin.email, 1)])
    [parking_mail] = received[(analyst.email, "Lessons learnt: Parking, March 2026")]
    assert received[(admin.email, "Lessons learnt: Libraries, March 2026")]
    body = parking_mail.get_body(("plain",)).get_content()
    assert "The lessons-learnt report for Parking for March 2026 is attached as a PDF" in body
    assert "At a glance, compared with February 2026:" in body
    headlines = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(headlines) == 3 and headlines == [f"- {line}" for line in parking.summary.splitlines()]
    assert f"{BASE}/staff/reports/{parking.id}/read" in body and f"{BASE}/staff/reports/subscriptions" in body
    [pdf] = list(parking_mail.iter_attachments())
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == "lessons-learnt-parking-2026-03.pdf"
    assert pdf.get_content() == bytes(StoredReport.get_by_id(parking.id).pdf)
    path = tmp_path / "attached.pdf"
    path.write_bytes(pdf.get_content())
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Parking" in text and "March 2026" in text and "Lessons learnt" in text
    assert OutboxMessage.select().where(OutboxMessage.status != "sent").count() == 0
