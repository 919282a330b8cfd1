"""The lessons-learnt PDF for Parking, March 2026: its figures, read back with pdftotext, equal
the dashboard's query functions for the same service and month; its pages render, not blank."""
import datetime
import re
import subprocess

import pytest

from reports import dashboard_data
from reports.dashboard_data import fmt
from reports.lessons import lessons_pdf
from reports.lessons.gather import gather
from reports.queries import complaints, sentiment, volumes
from reports.queries.filters import month
from reports.queries.topic_figures import top_topics
from tests.factories import service
from tests.reports.kpi_data import fresh_app, settings_overrides  # noqa: F401
from tests.reports.lessons.helpers import QUOTES, SPECIAL, page_count, parking_march, pdf_text

TODAY = datetime.date(2026, 4, 2)


@pytest.fixture
def parking(tmp_path):
    parking_march()
    report = gather(service("parking"), 2026, 3, today=TODAY)
    path = tmp_path / "parking.pdf"
    path.write_bytes(lessons_pdf(report, council_name="Barsetshire Council", council_colour="#6f2c91"))
    return report, path, " ".join(pdf_text(path).split())


def filters():
    return month(2026, 3, services=(service("parking").id,))


def test_cover_says_how_the_headline_figures_changed_in_plain_words(parking):
    _, _, text = parking
    found = complaints.complaints(filters())
    # Stage 1 responses: 3 of 4 in time in March (kpi_data), none due in February.
    assert f"Complaints answered in time at stage 1 was {fmt(found.resp1.value, 'percent')} in March 2026" in text
    total = volumes.volumes(filters()).total
    verb = "rose" if total.value > total.previous else "fell"
    assert f"Feedback received {verb} from {total.previous:,} to {total.value:,}." in text
    assert "Lessons learnt from complaints and feedback Parking March 2026" in text
    assert "Contents" in text and "What went well" in text


def test_every_page_names_the_council_the_service_and_the_period(parking):
    _, path, _ = parking
    pages = pdf_text(path).split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 4 and len(pages) == page_count(path)
    for number, page in enumerate(pages, start=1):
        flat = " ".join(page.split())
        assert "Barsetshire Council" in flat and "Parking · March 2026" in flat and f"Page {number}" in flat


def test_volumes_and_sentiment_equal_the_dashboards(parking):
    _, _, text = parking
    for table in dashboard_data.volume_tables(filters(), False):
        if table.key not in ("by-channel", "by-kind"):
            continue
        for row in table.rows:
            assert f"{row[0].text} {row[1].text} {row[2].text}" in text
    for m in sentiment.trend(filters()):
        assert (f"{m.month:%B %Y} {m.items:,} {m.negative:,} {m.neutral:,} {m.positive:,} "
                f"{fmt(m.negative_share, 'percent')}") in text


def test_complaint_figures_equal_the_dashboards(parking):
    _, _, text = parking
    for table in dashboard_data.complaint_tables(filters(), False):
        for row in table.rows:
            if row[0].text != "Ombudsman referrals":
                assert f"{row[0].text} {row[1].text} {row[2].text} {row[4].text}" in text
    # kpi_data: closed in March: one upheld, one partly upheld, one not upheld, one withdrawn.
    for outcome in ("Upheld 1", "Partly upheld 1", "Not upheld 1", "Withdrawn 1"):
        assert outcome in text
    assert "Stage 1 6" in text and "Stage 2 1" in text
    upheld = complaints.complaints(filters()).upheld  # the dashboard's rate: 2 of 3 decided
    assert round(upheld.value * upheld.base / 100) == 2 and upheld.base == 3


def test_topics_and_compliments_equal_the_dashboards(parking):
    _, _, text = parking
    for topic in top_topics(filters(), limit=8):
        assert f"{topic.name} {topic.count:,} {topic.previous_count:,}" in text
    praise = top_topics(filters(), limit=8, kinds=("compliment",))
    assert praise and all(f"{t.name} {t.count:,} {t.previous_count:,}" in text for t in praise)


def test_root_causes_and_actions_with_owner_and_evidence(parking):
    report, _, text = parking
    assert [r.name for r in report.root_causes] == ["Process", "Delay"]  # those with an upheld complaint, most cases first
    assert "Send permits by email as well as by post Priya Shah" in text
    assert "Complaints about Delay" in text  # its evidence sentence
    assert re.search(r"Actions overdue on 31 March 2026 .*Answer the permits phone line", text)
    assert "Publish the permit rules in plain English Priya Shah 15 April 2026" in text


def test_approved_quotes_never_special_category(parking):
    _, _, text = parking
    assert all(f"“{quote}”" in text for quote in QUOTES)
    assert SPECIAL not in text


def test_pages_render_and_are_not_blank(parking, tmp_path):
    _, path, _ = parking
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(path), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.pgm"))
    assert len(images) == page_count(path)
    for image in images:
        pixels = image.read_bytes().split(b"\n", 3)[3]
        assert sum(1 for b in pixels if b < 200) > 200, image.name


def test_no_text_runs_past_the_margins(parking):
    _, path, _ = parking
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    width, height = (float(v) for v in re.search(r'<page width="([\d.]+)" height="([\d.]+)"', boxes).groups())
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', boxes)
    assert words
    margin = 18 * 72 / 25.4 - 1  # every word within the side margins (18 mm), none below the page
    for x_min, y_min, x_max, y_max in words:
        assert margin <= float(x_min) and float(x_max) <= width - margin
        assert 0 <= float(y_min) and float(y_max) <= height


def test_a_month_with_no_data_still_builds(tmp_path):
    report = gather(service("libraries"), 2031, 7, today=TODAY)
    path = tmp_path / "empty.pdf"
    path.write_bytes(lessons_pdf(report, council_name="Barsetshire Council", council_colour="#1d70b8"))
    text = " ".join(pdf_text(path).split())
    assert page_count(path) >= 4
    assert "Feedback received: nothing to count" not in text  # a count of none is 0, not missing
    assert "Feedback received stayed at 0." in text
    assert "No complaint was closed in July 2031." in text and "No action is overdue." in text


def test_top_topics_come_with_what_residents_said(parking):
    report, _, text = parking
    delay = next(t for t in report.topics if t.key == "delay")
    assert "permit" in report.phrases[delay.topic_id]  # said by five residents
    assert "What people said about them Delay: “" in text and "“permit”" in text
    assert text.count("What people said about them") == 1  # with the topics, not again under root causes
    staff = next(t for t in report.compliments if t.key == "staff-attitude")
    assert "warden" in report.compliment_phrases[staff.topic_id]
    assert "What people praised Staff attitude: “" in text
