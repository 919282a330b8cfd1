"""The annual complaints report for 1 April 2025 to 31 March 2026, over the lessons-learnt test
data (Parking, March 2026) and a declined complaint: the workflow and who may do what, bad input,
the public pages, and the PDF the worker builds (its figures read back with pdftotext equal the
dashboard's query functions; its pages render, not blank, nothing past the margins)."""
import datetime
import io

from reports.annual.models import AnnualFile, AnnualReport
from reports.dashboard_data import fmt
from reports.queries import complaints, volumes
from reports.queries.casework import casework
from reports.queries.filters import Filters
from tests.cases.pages import signed_in
from tests.factories import a_pdf, create_user
from tests.html import parse
from tests.reports.kpi_data import fresh_app, settings_overrides  # noqa: F401
from tests.reports.lessons.helpers import check_rendering, page_count, parking_march_and_a_refusal, pdf_text
from tests.web import h1_count, submit

YEAR = Filters(start=datetime.date(2025, 4, 1), end=datetime.date(2026, 3, 31))
PERIOD = "1 April 2025 to 31 March 2026"




def check_pdf(path, tmp_path):
    text = " ".join(pdf_text(path).split())
    cases, found, work = complaints.complaints(YEAR), volumes.volumes(YEAR), casework(YEAR)
    assert f"Feedback received: {fmt(found.total.value, 'count')}" in text
    for figure in cases.timeliness() + [cases.upheld]:
        assert fmt(figure.value, figure.unit) in text, figure.key
    stage1 = next(s.count for s in work.stages if s.key == 1)
    assert f"Complaints received at stage 1: {stage1:,}" in text
    assert "There is a statutory appeal or tribunal route" in text and "Complaints not accepted: 1." in text
    met = round(cases.ack1.value * cases.ack1.base / 100)
    assert (f"Stage 1 complaints acknowledged within 5 working days: {fmt(cases.ack1.value, 'percent')} "
            f"({met:,} of {cases.ack1.base:,})") in text
    for number in range(1, 10):
        assert f"Section {number}:" in text
    assert "Send permits by email as well as by post" in text  # the improvement made from learning
    assert text.count(PERIOD) >= page_count(path)  # the period on every page
    check_rendering(path, tmp_path)


def test_draft_approve_publish_with_its_pdf(app, tmp_path):
    parking_march_and_a_refusal()
    officer, admin, other_admin = signed_in(app), signed_in(app, "administrator"), signed_in(app, "administrator")
    analyst, lead = signed_in(app, "analyst"), signed_in(app, "service_lead", services=["parking"])

    html = submit(officer, "/staff/reports/annual/new", {"start": "2025-13-01"}).get_data(as_text=True)
    assert "Enter the first day as a date" in html and 'value="2025-13-01"' in html
    assert submit(officer, "/staff/reports/annual/new", {"start": "2025-04-01"}).status_code == 302
    report = AnnualReport.get()
    base = f"/staff/reports/annual/{report.id}"
    page = officer.get(base).get_data(as_text=True)
    assert h1_count(page) == 1
    rows = parse(page).find("table", id="self-assessment").find_all("tr")[1:]
    assert len(rows) == 9 and "acknowledged within 5 working days" in rows[5].text

    # Bad input: a clear error, nothing typed lost, never a 500.
    html = submit(officer, f"{base}/letter", {"letter": (io.BytesIO(b"<html>not a pdf</html>"), "letter.pdf")},
                  content_type="multipart/form-data").get_data(as_text=True)
    assert "The letter must be a PDF file" in html and not AnnualFile.select().exists()
    html = submit(officer, f"{base}/edit", {"governance_response": "Noted by the committee.",
                                            "governance_on": "last Tuesday"}).get_data(as_text=True)
    assert "Enter when they responded as a date" in html and "Noted by the committee." in html
    assert submit(officer, f"{base}/assess/99", {"status": "complies"}).status_code == 404
    letter = a_pdf("Annual review letter 2026")
    assert submit(officer, f"{base}/letter", {"letter": (io.BytesIO(letter), "lgsco-2026.pdf")},
                  content_type="multipart/form-data").status_code == 302
    assert submit(officer, f"{base}/edit", {
        "ombudsman_letter": "We upheld two complaints about the council this year.",
        "governance_response": "The Audit Committee accepts the report and its findings.",
        "governance_by": "Audit and Governance Committee", "governance_on": "2026-06-18"}).status_code == 302
    assert submit(officer, f"{base}/assess/6", {"status": "partly", "evidence": "See the figures",
                                                "commentary": "Stage 2 was slow in the winter."}).status_code == 302

    # Who may approve: not an analyst or a service lead, nor the administrator who made the last change.
    assert submit(analyst, f"{base}/approve", {}).status_code == 403
    assert lead.get(base).status_code == 403
    assert submit(admin, f"{base}/edit", {"governance_by": "Audit and Governance Committee",
                                          "ombudsman_letter": "We upheld two complaints about the council this year.",
                                          "governance_response": "The Audit Committee accepts the report.",
                                          "governance_on": "2026-06-18"}).status_code == 302
    submit(admin, f"{base}/approve", {})
    assert AnnualReport.get().status == "draft"
    assert app.test_client().get(f"/complaints/annual-reports/{report.slug}").status_code == 404
    assert submit(other_admin, f"{base}/approve", {}).status_code == 302
    assert AnnualReport.get().status == "approved"
    assert app.test_client().get(f"/complaints/annual-reports/{report.slug}").status_code == 404
    assert submit(officer, f"{base}/publish", {}).status_code == 302

    # Published: the public page, the governance response beside it, the PDF the worker built.
    public = app.test_client()
    page = public.get(f"/complaints/annual-reports/{report.slug}").get_data(as_text=True)
    assert h1_count(page) == 1 and "The Audit Committee accepts the report." in page
    assert report.title in public.get("/complaints/annual-reports/").get_data(as_text=True)
    response = public.get(f"/complaints/annual-reports/{report.slug}.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert public.get("/complaints/annual-reports/1999-00").status_code == 404
    path = tmp_path / "annual.pdf"
    path.write_bytes(response.data)
    check_pdf(path, tmp_path)
    text = " ".join(pdf_text(path).split())
    assert "Partly complies" in text and "Stage 2 was slow in the winter." in text
    assert "We upheld two complaints about the council this year." in text


def test_the_command_writes_the_draft_and_refuses_a_bad_date(app, tmp_path):
    out = tmp_path / "annual.pdf"
    result = app.test_cli_runner().invoke(args=["reports", "annual-report", "--start", "2025-04-01",
                                                "--out", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    assert "Section 9:" in " ".join(pdf_text(out).split())
    result = app.test_cli_runner().invoke(args=["reports", "annual-report", "--start", "April", "--out",
                                                str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and not (tmp_path / "x.pdf").exists()


def test_the_worker_computes_a_drafts_figures_and_a_waiting_draft_cannot_be_approved(app):
    """Starting or recomputing a draft leaves the figures to the worker (immediate here); a draft
    whose figures are still waiting (a worker that died) says so, cannot be approved, and the
    sweep's task computes them once."""
    from reports.annual import services, tasks
    from reports.annual.models import Assessment

    parking_march_and_a_refusal()
    client = signed_in(app, "administrator")
    author, checker = create_user("complaints_officer"), client.user
    report = services.create(YEAR.start, actor=author, today=datetime.date(2026, 4, 2))
    report = AnnualReport.get_by_id(report.id)
    assert report.computed_at is not None and services.overview_of(report).volumes.total.value > 0
    assert any("acknowledged within 5 working days" in row.evidence for row in report.assessments)  # pre-filled
    AnnualReport.update(computed_at=None).where(AnnualReport.id == report.id).execute()
    Assessment.update(evidence="Our own words").where(Assessment.report == report, Assessment.section == 1).execute()
    page = client.get(f"/staff/reports/annual/{report.id}").get_data(as_text=True)
    assert "Being computed" in parse(page).find(id="computed").text
    assert "Approve the report" not in page
    waiting = AnnualReport.get_by_id(report.id)
    try:
        services.approve(waiting, actor=checker)
    except services.AnnualError as error:
        assert "computed the figures" in str(error)
    else:
        raise AssertionError("a draft without its figures was approved")
    assert tasks.waiting_for_figures() == [report.id]
    assert tasks.compute_figures.call_local(report.id) is True
    assert tasks.compute_figures.call_local(report.id) is False and tasks.waiting_for_figures() == []
    kept = Assessment.get(Assessment.report == report, Assessment.section == 1)
    assert kept.evidence == "Our own words"  # never overwritten by Heard's
