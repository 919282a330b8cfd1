"""The scrutiny pack for January to March 2026 over the lessons-learnt test data (Parking, March
2026) and a declined complaint, written by `flask reports scrutiny-pack`: its figures, read back
with pdftotext, equal the dashboard's query functions for the same Filters; its pages render, not
blank, nothing past the margins; a bad quarter is a one-line error."""
import datetime

from reports import dashboard_data
from reports.dashboard_data import fmt
from reports.queries import complaints, volumes
from reports.queries.casework import by_service, casework
from reports.queries.filters import Filters
from reports.queries.topic_figures import top_topics
from tests.reports.kpi_data import fresh_app, settings_overrides  # noqa: F401
from tests.reports.lessons.helpers import check_rendering, page_count, parking_march_and_a_refusal, pdf_text

QUARTER = Filters(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
PERIOD = "January to March 2026"



def flat(path):
    return " ".join(pdf_text(path).split())


def check_figures(text):
    found, cases, work = volumes.volumes(QUARTER), complaints.complaints(QUARTER), casework(QUARTER)
    assert f"Feedback received: {fmt(found.total.value, 'count')} (the quarter before: " \
           f"{fmt(found.total.previous, 'count')})" in text
    for table in dashboard_data.volume_tables(QUARTER, False):
        if table.key in ("by-channel", "by-kind"):
            for row in table.rows:
                assert f"{row[0].text} {row[1].text} {row[2].text}" in text, row[0].text
    for figure in cases.timeliness() + [cases.upheld, cases.escalation]:
        assert f"{dashboard_data.NAMES[figure.key]} {fmt(figure.value, figure.unit)} {figure.base:,}" in text
    for stage in work.stages:
        assert f"{stage.label} {stage.count:,} {stage.previous_count:,}" in text
    for share in by_service(QUARTER):
        assert f"{share.label} {share.count:,} {share.previous_count:,}" in text
    for theme in top_topics(QUARTER, limit=10):
        assert f"{theme.name} {theme.count:,} {theme.previous_count:,}" in text
    assert "declined to accept under the Code's exclusions: 1." in text
    assert "There is a statutory appeal or tribunal 1 0 +1" in text  # the reason wraps in its cell
    referred = sum(s.count for s in work.ombudsman_referred)
    assert f"Complaints referred to an Ombudsman: {referred:,}." in text
    assert "Send permits by email as well as by post" in text  # the improvement made from learning


def check_pages(path, tmp_path):
    text = pdf_text(path)
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) == page_count(path) >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Testshire County Council · {PERIOD}" in " ".join(page.split()) and f"Page {number}" in page
    check_rendering(path, tmp_path)


def test_the_command_writes_the_quarters_pack(app, tmp_path):
    parking_march_and_a_refusal()
    out = tmp_path / "pack.pdf"
    result = app.test_cli_runner().invoke(args=["reports", "scrutiny-pack", "--quarter", "2026-01", "--out", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    assert f"for {PERIOD}" in result.output
    text = flat(out)
    assert f"Complaints scrutiny pack {PERIOD}" in text and "The quarter at a glance" in text
    total = volumes.volumes(QUARTER).total
    assert f"Feedback received rose from {total.previous:,} to {total.value:,}." in text
    assert "Complaints received rose from 0 to 7." in text
    check_figures(text)
    assert "Questions the member may ask" in text
    assert "Complaints about Parking rose the most, from 0 to 7." in text
    check_pages(out, tmp_path)


def test_a_bad_quarter_is_a_one_line_error(app, tmp_path):
    for bad in ("2026-13", "July", "2999-01"):
        result = app.test_cli_runner().invoke(args=["reports", "scrutiny-pack", "--quarter", bad,
                                                    "--out", str(tmp_path / "x.pdf")])
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, (bad, result.stderr)
    assert not (tmp_path / "x.pdf").exists()
