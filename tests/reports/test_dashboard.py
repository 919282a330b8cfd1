"""The dashboard page: filters, the previous period, service leads' scope, CSV that is safe to
open, SVG charts with their tables, and a new item showing once the refresh task has run."""
import csv
import io

import pytest

from reports.queries import refresh
from tests.factories import create_feedback, service
from tests.reports.kpi_data import answer_surveys, complaints, fresh_app, settings_overrides  # noqa: F401
from tests.html import parse
from tests.surveys.helpers import signed_in

MARCH = "period=month&month=2026-03"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    soup = parse(response.get_data(as_text=True))
    assert len(soup.find_all("h1")) == 1
    return soup


def row_of(soup, table_id, label):
    table = soup.by_id(f"{table_id}-table")
    for row in table.find_all("tr"):
        cells = [c.text for c in row.find_all(where=lambda e: e.tag in ("th", "td"))]
        if cells and cells[0] == label:
            return cells
    raise AssertionError(f"no row {label!r} in {table_id}")


@pytest.fixture
def data():
    answer_surveys()
    complaints()
    refresh()


def test_overview_shows_each_figure_beside_the_previous_period(app, data):
    soup = page(signed_in(app, "analyst"), f"/staff/dashboard?{MARCH}")
    assert row_of(soup, "key-figures", "Satisfaction (CSAT)")[1:4] == ["50.0%", "100.0%", "-50.0 points"]
    assert row_of(soup, "key-figures", "Net Promoter Score (NPS)")[1:3] == ["+25.0", "-100.0"]
    assert row_of(soup, "key-figures", "Stage 1 responded in time")[1] == "75.0%"
    text = soup.find("main").text
    assert "from -100 to +100" in text and "higher means easier" in text  # the one-line definitions
    assert "1 March 2026 to 31 March 2026" in text and "1 February 2026 to 28 February 2026" in text


def test_every_chart_is_an_accessible_svg_with_a_table(app, data):
    client = signed_in(app, "administrator")
    for view in ("", "/volumes", "/complaints", "/sentiment", "/topics"):
        soup = page(client, f"/staff/dashboard{view}?{MARCH}")
        charts = soup.find_all("svg")
        assert charts or view == "/topics"  # no topics in this data set: no chart, nothing to show
        for chart in charts:
            assert chart.attrs["role"] == "img"
            title, desc = chart.find("title"), chart.find("desc")
            assert title.text and desc.text
            assert chart.attrs["aria-labelledby"] == f"{title.id} {desc.id}"
            # the chart's numbers as a table: the table of the same section
            section = chart.closest("figure")
            assert section is not None
        assert len(soup.find_all("table")) >= len(charts)
        assert not soup.find_all("script", where=lambda e: "http" in (e.attrs.get("src") or ""))


def test_filters_for_a_quarter_a_service_and_custom_dates(app, data):
    client = signed_in(app, "administrator")
    soup = page(client, f"/staff/dashboard/complaints?period=quarter&quarter=2026-Q1&service={service('parking').id}")
    assert row_of(soup, "outcomes", "Upheld or partly upheld")[1] == "66.7%"
    soup = page(client, f"/staff/dashboard/complaints?period=quarter&quarter=2026-Q1&service={service('highways').id}")
    assert row_of(soup, "outcomes", "Upheld or partly upheld")[1] == "No data"
    soup = page(client, "/staff/dashboard?period=custom&from_day=16&from_month=3&from_year=2026"
                        "&to_day=22&to_month=3&to_year=2026")
    assert row_of(soup, "key-figures", "Stage 1 acknowledged in time")[1:3] == ["0.0%", "80.0%"]


@pytest.mark.parametrize("dates, message", [
    ("from_day=31&from_month=2&from_year=2026&to_day=1&to_month=3&to_year=2026", "The start date must be a real date"),
    ("from_day=1&from_month=3&from_year=2026&to_day=&to_month=&to_year=", "Enter the end date"),
    ("from_day=10&from_month=3&from_year=2026&to_day=1&to_month=3&to_year=2026", "same as or after the start"),
    ("from_day=x&from_month=3&from_year=99999999999999999999&to_day=1&to_month=3&to_year=2026", "real date"),
])
def test_bad_custom_dates_get_an_error_not_a_500(app, dates, message):
    soup = page(signed_in(app, "analyst"), f"/staff/dashboard?period=custom&{dates}")
    summary = soup.find(cls="govuk-error-summary")
    assert summary and message in summary.text
    link = summary.find("a").href
    assert soup.by_id(link[1:]) is not None  # the summary's link goes to the field
    assert soup.find("title").text.startswith("Error:")


def test_a_service_lead_sees_only_their_services(app, data):
    client = signed_in(app, "service_lead", services=["libraries"])
    soup = page(client, f"/staff/dashboard?{MARCH}")
    options = [o.text for o in soup.by_id("service").find_all("option")]
    assert options == ["All your services", "Libraries"]
    assert row_of(soup, "key-figures", "Satisfaction (CSAT)")[1] == "50.0%"
    # Parking's complaints are not theirs, even when they ask for Parking by its id.
    soup = page(client, f"/staff/dashboard/complaints?{MARCH}&service={service('parking').id}")
    assert row_of(soup, "outcomes", "Upheld or partly upheld")[1] == "No data"
    assert signed_in(app, "panel_facilitator").get("/staff/dashboard").status_code == 403


def test_csv_export_neutralises_formulas(app):
    from app.learning.models import ItemTopic, Topic
    from app.org.models import ServiceArea

    hostile = ServiceArea.create(slug="hostile", name='=HYPERLINK("http://evil.example","Click")')
    topic = Topic.create(key="evil", name="@SUM(1+1)*cmd|' /C calc'!A0", kind="theme")
    for n in range(2):
        item = create_feedback(kind="comment", service_slug="hostile", received_at=_march(n + 1))
        ItemTopic.create(item=item, topic=topic, head="theme", source="officer")
    refresh()
    client = signed_in(app, "administrator")
    for view in ("volumes", "topics"):
        response = client.get(f"/staff/dashboard/{view}?{MARCH}&format=csv")
        assert response.status_code == 200 and response.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        cells = [cell for row in rows for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")], cells
        assert any(c.startswith("'=HYPERLINK") for c in cells) or any(c.startswith("'@SUM") for c in cells)
    soup = page(client, f"/staff/dashboard/topics?{MARCH}")
    assert topic.name in [t.text for t in soup.find("svg").find_all("text")]  # escaped, shown as text
    assert hostile.id


def _march(day):
    import datetime

    return datetime.datetime(2026, 3, day, 12)


def test_a_new_item_shows_after_the_refresh_task_runs(app):
    from reports.tasks import refresh_summaries

    client = signed_in(app, "complaints_officer")
    refresh_summaries()
    before = row_of(page(client, "/staff/dashboard/volumes"), "totals", "Feedback received")[1]
    create_feedback(kind="compliment", service_slug="libraries")
    refresh_summaries()
    after = row_of(page(client, "/staff/dashboard/volumes"), "totals", "Feedback received")[1]
    assert (before, after) == ("0", "1")
    assert row_of(page(client, "/staff/dashboard/volumes"), "by-service", "Libraries")[1] == "1"
