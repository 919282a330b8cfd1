"""/staff/reports' quarterly scrutiny packs: a complaints officer asks for a quarter's pack (built
by the worker: immediate huey here), downloads the PDF and reads its HTML twin, which says what the
PDF says; a service lead sees no packs and every pack URL is a 404 to them. The worker asks for the
quarter just ended by itself, once, on the first working day after it."""
import datetime
import subprocess

from app.audit.models import AuditEvent
from reports.archive.models import StoredReport
from reports.scrutiny import quarterly
from tests.html import parse
from tests.cases.pages import signed_in
from tests.reports.kpi_data import fresh_app, settings_overrides  # noqa: F401
from tests.reports.lessons.helpers import parking_march
from tests.web import csrf_token, h1_count, title_starts_with_h1


def test_an_officer_prepares_downloads_and_reads_a_pack_and_a_lead_cannot(app, tmp_path):
    parking_march()
    officer = signed_in(app, "complaints_officer")
    row = parse(officer.get("/staff/reports").get_data(as_text=True)).by_id("scrutiny-2026-01")
    assert "January to March 2026" in row.text and "Prepare this pack" in row.text
    token = csrf_token(officer, "/staff/reports")
    for bad in ("2999-04", "2026-02", "2026-13"):  # not ended, not a financial-year quarter, no such month
        assert officer.post("/staff/reports/scrutiny/prepare", data={"month": bad, "csrf_token": token}).status_code == 404
    response = officer.post("/staff/reports/scrutiny/prepare", data={"month": "2026-01", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("#scrutiny")
    report = StoredReport.get(StoredReport.kind == "scrutiny")
    assert report.is_ready and report.scope == "council" and report.pages >= 4
    row = parse(officer.get("/staff/reports").get_data(as_text=True)).by_id("scrutiny-2026-01")
    assert row.link("Read online: January to March 2026").href == f"/staff/reports/{report.id}/read"

    download = officer.get(f"/staff/reports/{report.id}/pdf")
    assert download.headers["Content-Disposition"] == 'attachment; filename="scrutiny-pack-council-2026-01.pdf"'
    path = tmp_path / "pack.pdf"
    path.write_bytes(download.data)
    pdf = " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    html = officer.get(f"/staff/reports/{report.id}/read").get_data(as_text=True)
    assert h1_count(html) == 1 and title_starts_with_h1(html)[0]
    page = parse(html)
    assert "Scrutiny pack: January to March 2026" in page.find("h1").text
    charts = [" ".join(svg.find("desc").text.split()) for svg in page.find_all("svg")]
    assert "March 2026: Stage 1 6, Stage 2 1" in " ".join(charts)  # the months' columns, beside their table
    said = " ".join(page.find("main").text.split())
    for line in ("Complaints received rose from 0 to 6.", "Complaints about Parking rose the most, from 0 to 6.",
                 "Stage 1 responded in time 75.0% 4", "Upheld or partly upheld 66.7% 3"):
        assert line in said and line in pdf, line
    assert officer.post(f"/staff/reports/{report.id}/rebuild", data={"csrf_token": token}).status_code == 302
    assert StoredReport.get_by_id(report.id).built_at >= report.built_at
    assert AuditEvent.select().where(AuditEvent.action == "reports.stored_requested").count() == 1

    lead = signed_in(app, "service_lead", services=["parking"])
    assert "Quarterly scrutiny packs" not in lead.get("/staff/reports").get_data(as_text=True)
    for url in (f"/staff/reports/{report.id}/pdf", f"/staff/reports/{report.id}/read"):
        assert lead.get(url).status_code == 404, url
    lead_token = csrf_token(lead, "/staff/reports")
    assert lead.post("/staff/reports/scrutiny/prepare", data={"month": "2026-01", "csrf_token": lead_token}
                     ).status_code == 404
    assert lead.post(f"/staff/reports/{report.id}/rebuild", data={"csrf_token": lead_token}).status_code == 404


def test_the_worker_asks_for_the_quarter_just_ended_once(app):
    # 1 July 2026 is a Wednesday; 1 January 2027 a bank holiday, so the first working day is the 4th.
    assert quarterly.start_quarter(datetime.date(2026, 6, 30)) is None
    assert quarterly.start_quarter(datetime.date(2026, 7, 2)) is None
    first = quarterly.start_quarter(datetime.date(2026, 7, 1))
    assert quarterly.start_quarter(datetime.date(2026, 7, 1)) == first
    report = StoredReport.get_by_id(first)
    assert (report.kind, report.scope, report.period_start, report.period_end) == (
        "scrutiny", "council", datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    assert quarterly.start_quarter(datetime.date(2027, 1, 1)) is None
    assert StoredReport.get_by_id(quarterly.start_quarter(datetime.date(2027, 1, 4))).period_start == \
        datetime.date(2026, 10, 1)
    assert StoredReport.select().count() == 2
