"""/staff/reports: a service lead lists their service's months, asks for a month's lessons-learnt
report (built by the worker: immediate huey here), downloads the PDF and reads its HTML twin, whose
figures equal the PDF's and the dashboard's; anyone else's report, or an unknown one, is a 404."""
import re
import subprocess

from app.audit.models import AuditEvent
from reports import dashboard_data
from reports.archive.models import StoredReport
from reports.queries import sentiment
from reports.queries.filters import month
from tests.factories import create_user, service
from tests.html import parse
from tests.reports.kpi_data import fresh_app, settings_overrides  # noqa: F401
from tests.reports.lessons.helpers import parking_march
from tests.web import csrf_token, h1_count, sign_in, title_starts_with_h1

PASSWORD = "a long test password"


def signed_in(app, user):
    client = app.test_client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    return client


def words(html):
    return " ".join(parse(html).find("main").text.split())


def test_month_picker_errors_keep_what_was_typed(app):
    lead = create_user("service_lead", services=["parking"])
    client = signed_in(app, lead)
    page = client.get("/staff/reports").get_data(as_text=True)
    assert h1_count(page) == 1 and title_starts_with_h1(page)[0]
    tree = parse(page)
    assert [h.text.strip() for h in tree.find("main").find_all("h2")] == ["Parking"]
    assert len(tree.find_all("tr", where=lambda e: (e.id or "").startswith("report-"))) == 12
    assert {"Dashboard", "What drives complaints"} <= {a.text.strip() for a in tree.links()}
    for query, message, field in (("month=13&year=2025", "The month must be a number from 1 to 12", "month"),
                                  ("month=3&year=", "The month must include a year", "year"),
                                  ("month=1&year=2999", "The month must be one that has ended", "month")):
        html = client.get(f"/staff/reports?{query}").get_data(as_text=True)
        tree = parse(html)
        summary = tree.find("div", cls="govuk-error-summary")
        assert summary and summary.link(message).href == f"#{field}", query
        assert html.startswith("<!") and "<title>Error: " in html
        typed = dict(part.split("=") for part in query.split("&"))
        assert tree.by_id("month").attrs["value"] == typed["month"] and tree.by_id("year").attrs["value"] == typed["year"]


def test_a_lead_prepares_downloads_and_reads_their_report_and_no_one_elses(app, tmp_path):
    parking_march()
    lead = create_user("service_lead", services=["parking"])
    other = create_user("service_lead", services=["highways"])
    client = signed_in(app, lead)
    listed = client.get("/staff/reports?month=3&year=2026").get_data(as_text=True)
    row = parse(listed).by_id(f"report-{service('parking').id}-2026-03")
    assert "Prepare this report" in row.text
    token = csrf_token(client, "/staff/reports")
    for bad in ({"service": service("highways").id, "month": "2026-03"}, {"service": service("parking").id,
                                                                           "month": "2026-13"}):
        assert client.post("/staff/reports/prepare", data=dict(bad, csrf_token=token)).status_code == 404
    response = client.post("/staff/reports/prepare", data={"service": service("parking").id, "month": "2026-03",
                                                           "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/reports")
    report = StoredReport.get()
    assert report.is_ready and report.pages >= 4
    row = parse(client.get("/staff/reports?month=3&year=2026").get_data(as_text=True)).by_id(
        f"report-{service('parking').id}-2026-03")
    assert re.search(rf"Download PDF for Parking, March 2026 \({report.pages} pages, [\d.]+ kB\)",
                     " ".join(row.text.split()))
    assert row.link("Read online: Parking, March 2026").href == f"/staff/reports/{report.id}/read"

    download = client.get(f"/staff/reports/{report.id}/pdf")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"] == 'attachment; filename="lessons-learnt-parking-2026-03.pdf"'
    path = tmp_path / "parking.pdf"
    path.write_bytes(download.data)
    pdf = " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())

    html = client.get(f"/staff/reports/{report.id}/read").get_data(as_text=True)
    assert h1_count(html) == 1 and title_starts_with_h1(html)[0]
    check_the_twin_says_what_the_pdf_says(html, pdf)

    rebuilt = client.post(f"/staff/reports/{report.id}/rebuild", data={"csrf_token": token})
    assert rebuilt.status_code == 302
    assert StoredReport.get_by_id(report.id).built_at > report.built_at
    assert [e.action for e in AuditEvent.select().where(AuditEvent.object_type == "stored_report")
            .order_by(AuditEvent.id)] == ["reports.stored_requested", "reports.stored_rebuild"]

    stranger = signed_in(app, other)
    for path in (f"/staff/reports/{report.id}/pdf", f"/staff/reports/{report.id}/read", "/staff/reports/999999/pdf",
                 "/staff/reports/99999999999999999999999/read"):
        assert stranger.get(path).status_code == 404, path
    assert stranger.post(f"/staff/reports/{report.id}/rebuild",
                         data={"csrf_token": csrf_token(stranger, "/staff/reports")}).status_code == 404


def check_the_twin_says_what_the_pdf_says(html, pdf):
    tree = parse(html)
    text = words(html)
    sections = [h.text.strip() for h in tree.find("main").find_all("h2") if h.id not in ("lessons-contents", "at-a-glance")]
    assert sections == ["What people told us", "How people felt", "Topics and emerging issues", "Complaints",
                        "Why complaints were upheld, and what we are doing", "What went well"]
    assert all(title in pdf for title in sections)
    headlines = [" ".join(li.text.split()) for li in tree.find("ul", cls="govuk-list--bullet").find_all("li")]
    assert len(headlines) == 5 and all(line in pdf for line in headlines)
    for caption in ("Feedback by type", "Feedback by channel", "Sentiment by month", "Complaints by stage",
                    "Timeliness against the Complaint Handling Code", "Top topics", "Compliments by theme"):
        table = tree.find("caption", where=lambda e: e.text.strip() == caption).parent
        for tr in table.find_all("tr")[1:]:
            cells = " ".join(" ".join(cell.text.split()) for cell in tr.find_all(where=lambda e: e.tag in ("th", "td")))
            assert cells in pdf, (caption, cells)
    filters = month(2026, 3, services=(service("parking").id,))
    for found in dashboard_data.complaint_tables(filters, False):
        for row in found.rows:
            if row[0].text != "Ombudsman referrals":
                assert f"{row[0].text} {row[1].text} {row[2].text} {row[4].text}" in text
    for m in sentiment.trend(filters):
        assert f"{m.month:%B %Y} {m.items:,} {m.negative:,} {m.neutral:,} {m.positive:,}" in text
    said = [" ".join(x.text.split()) for x in tree.find("main").find_all("p") if "“" in x.text and ": “" in x.text]
    assert said and all(line in pdf for line in said)  # the topics' key phrases, as in the PDF
    charts = tree.find_all("svg", role="img")
    assert len(charts) == 2 and all(chart.find("title").text for chart in charts)
