"""What drives complaints, against cases counted by hand: root causes of complaints closed in
March 2026 and themes of complaints received then, by volume, upheld rate (withdrawn left out)
and change from February; the page's links to a pre-filled action; service leads' scope; and
an empty period."""
import datetime
from urllib.parse import parse_qs, urlparse

import pytest

from app.cases import services as cases
from app.cases.models import Case
from app.learning.models import ItemTopic, Topic
from reports.queries import drivers
from reports.queries.filters import Filters, month
from tests.cases.pages import signed_in
from tests.factories import create_feedback, service
from tests.html import parse

MARCH = "?period=custom&from_day=1&from_month=3&from_year=2026&to_day=31&to_month=3&to_year=2026"


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, intake_listeners=("cases",))


def complaint(received, *, closed=None, outcome="", root_cause="", themes=(), service_slug="waste-recycling",
              kind="complaint"):
    item = create_feedback(kind=kind, service_slug=service_slug, received_at=received)
    for key in themes:
        ItemTopic.create(item=item, topic=Topic.get(Topic.key == key), source="model", head="theme")
    case = cases.case_of(item)
    if case is not None and closed:
        Case.update(status="closed", closed_at=closed, outcome=outcome, root_cause=root_cause) \
            .where(Case.id == case.id).execute()
    return case


@pytest.fixture
def world(app):
    d = datetime.datetime
    feb, mar = d(2026, 2, 10, 9), d(2026, 3, 10, 9)
    made = {
        "process_upheld": complaint(feb, closed=d(2026, 3, 5), outcome="upheld", root_cause="process"),
        "process_partly": complaint(feb, closed=d(2026, 3, 6), outcome="partly_upheld", root_cause="process"),
        "process_not": complaint(feb, closed=d(2026, 3, 7), outcome="not_upheld", root_cause="process"),
        "process_withdrawn": complaint(feb, closed=d(2026, 3, 8), outcome="withdrawn", root_cause="process"),
        "delay_not": complaint(feb, closed=d(2026, 3, 9), outcome="not_upheld", root_cause="delay"),
        "process_feb": complaint(d(2026, 1, 5), closed=d(2026, 2, 5), outcome="upheld", root_cause="process"),
        "comms_feb": complaint(d(2026, 1, 5), closed=d(2026, 2, 6), outcome="upheld", root_cause="communication"),
        # 23:30 UTC on 31 March is 00:30 on 1 April in London: April
        "april": complaint(feb, closed=d(2026, 3, 31, 23, 30), outcome="upheld", root_cause="process"),
        "highways": complaint(feb, closed=d(2026, 3, 5), outcome="upheld", root_cause="process",
                              service_slug="highways"),
        "still_open": complaint(feb, root_cause="process"),
        # Themes of complaints received in March (and February, for the change)
        "delay_upheld": complaint(mar, closed=d(2026, 3, 20), outcome="upheld", root_cause="delay", themes=["delay"]),
        "delay_not_upheld": complaint(mar, closed=d(2026, 3, 21), outcome="not_upheld", themes=["delay"]),
        "delay_open": complaint(d(2026, 3, 11, 9), themes=["delay"]),
        "comms_withdrawn": complaint(mar, closed=d(2026, 3, 22), outcome="withdrawn", themes=["communication"]),
        "comms_feb_1": complaint(feb, themes=["communication"]),
        "comms_feb_2": complaint(feb, themes=["communication"]),
    }
    create_feedback(kind="comment", service_slug="waste-recycling", received_at=mar)  # not a complaint
    return made


def waste_march():
    return month(2026, 3, services=(service("waste-recycling").id,))


def test_root_causes_ranked_by_volume_with_upheld_rate_and_change(world):
    rows = drivers.root_causes(waste_march())
    assert [(r.key, r.count, r.previous_count, r.change, r.upheld, r.decided) for r in rows] == [
        ("process", 4, 1, 3, 2, 3),  # withdrawn counted, not decided: 2 of 3 upheld
        ("delay", 2, 0, 2, 1, 2)]
    assert rows[0].upheld_rate == pytest.approx(2 / 3)
    assert set(rows[0].case_ids) == {world[k].id for k in ("process_upheld", "process_partly", "process_not",
                                                          "process_withdrawn")}
    everywhere = {r.key: r.count for r in drivers.root_causes(month(2026, 3))}
    assert everywhere["process"] == 5  # with highways


def test_themes_ranked_by_volume_with_upheld_rate_and_change(world):
    rows = drivers.topics(waste_march())
    assert [(r.key, r.count, r.previous_count, r.upheld, r.decided) for r in rows] == [
        ("delay", 3, 0, 1, 2),  # the open case is not decided
        ("communication", 1, 2, 0, 0)]  # withdrawn only: no rate
    assert rows[1].upheld_rate is None and rows[1].change == -1
    assert set(rows[0].case_ids) == {world[k].id for k in ("delay_upheld", "delay_not_upheld", "delay_open")}


def test_an_empty_period_has_no_rows(world):
    empty = Filters(start=datetime.date(2025, 6, 1), end=datetime.date(2025, 6, 30))
    assert drivers.root_causes(empty) == [] and drivers.topics(empty) == []


def test_the_page_ranks_and_links_each_row_to_a_pre_filled_action(app, world):
    officer = signed_in(app)
    page = parse(officer.get("/staff/reports/drivers" + MARCH + "&service=waste-recycling").get_data(as_text=True))
    process = page.by_id("root_cause-process")
    assert [c.text for c in process.find_all(where=lambda e: e.tag in ("th", "td"))][:5] == [
        "Process", "4", "1", "+3", "67% (2 of 3)"]
    assert "Withdrawn complaints and cases still open are left out" in page.by_id("upheld-definition").text
    link = urlparse(page.by_id("topic-delay").link("Create an action").href)
    query = parse_qs(link.query)
    assert link.path == "/staff/actions/new" and query["topic"] == ["delay"] and query["service"] == ["waste-recycling"]
    assert (query["from"], query["to"]) == (["2026-03-01"], ["2026-03-31"])
    assert sorted(map(int, query["case"])) == sorted(world[k].id for k in ("delay_upheld", "delay_not_upheld",
                                                                          "delay_open"))
    new = parse(officer.get(page.by_id("topic-delay").link("Create an action").href).get_data(as_text=True))
    assert "Theme: Delay, 1 March 2026 to 31 March 2026" in new.text
    assert len(new.find_all("input", where=lambda e: e.attrs.get("name") == "cases")) == 3


def test_a_service_lead_sees_only_their_services(app, world):
    lead = signed_in(app, "service_lead", services=["highways"])
    html = lead.get("/staff/reports/drivers" + MARCH + "&service=waste-recycling").get_data(as_text=True)
    page = parse(html)
    assert page.by_id("period-words").text.startswith("Highways, 1 March 2026 to 31 March 2026")
    assert [c.text for c in page.by_id("root_cause-process").find_all("td")][:1] == ["1"]
    assert "All services" not in html and "Waste" not in page.by_id("service").text


def test_empty_period_and_bad_dates_say_so_plainly(app, world):
    analyst = signed_in(app, "analyst")
    html = analyst.get("/staff/reports/drivers?period=custom&from_day=1&from_month=6&from_year=2025"
                       "&to_day=30&to_month=6&to_year=2025").get_data(as_text=True)
    page = parse(html)
    assert page.by_id("no-root-causes").text == "No complaint with a root cause was closed in this period."
    assert page.by_id("no-themes").text == "No complaint received in this period has a theme."
    response = analyst.get("/staff/reports/drivers?period=custom&from_day=31&from_month=2&from_year=2026&to_day=1")
    page = parse(response.get_data(as_text=True))
    assert response.status_code == 200 and "There is a problem" in page.text
    assert page.find("div", cls="govuk-error-summary").link("The first day must be a real date").href == "#from_day"
    march = parse(analyst.get("/staff/reports/drivers" + MARCH).get_data(as_text=True))
    assert not [a for a in march.links() if a.text.startswith("Create an action")]  # analysts read only
    assert march.by_id("root_cause-process") is not None
