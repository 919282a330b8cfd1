"""The case queues: which case is in which queue, the filters, the counts, the page, and bulk
triage through the page's one POST form."""
import datetime
import re

import pytest

from app.audit.models import AuditEvent
from app import workdays
from app.cases import clocks, queue_queries
from app.cases.models import Case, CaseEvent
from app.cases.queue_queries import Filters
from app.learning.models import ItemTopic, ModelVersion, OfficerLabel, Prediction, Topic
from tests.cases.pages import PASSWORD
from tests.cases.queue_helpers import WEDNESDAY, make_case
from tests.factories import create_user, service
from tests.web import csrf_token, h1_count, sign_in, title_starts_with_h1

DAY = datetime.timedelta(days=1)


def signed_in(app, user):
    client = app.test_client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    return client


@pytest.fixture
def officer(app):
    return create_user("complaints_officer", password=PASSWORD, services=["highways"])


@pytest.fixture
def world(app, officer):
    """One case for each queue, on Wednesday 11 March 2026."""
    other = create_user("complaints_officer")
    return {
        "mine_soon": make_case(assigned_to=officer, due=WEDNESDAY + DAY),  # Thursday: due soon
        "mine_later": make_case(assigned_to=officer, due=datetime.date(2026, 3, 20), what="respond"),
        "overdue": make_case(due=WEDNESDAY - 2 * DAY, service_slug="parking"),  # Monday
        "due_today": make_case(assigned_to=other, due=WEDNESDAY, service_slug="parking"),
        "urgent": make_case(urgent=True, due=datetime.date(2026, 3, 25)),
        "paused": make_case(assigned_to=officer, paused=True, due=WEDNESDAY - 5 * DAY),
        "closed": make_case(status="closed", assigned_to=officer, closed_at=datetime.datetime(2026, 3, 1)),
        "request": make_case(kind="service_request", service_slug="parking"),
    }


def names(world, cases):
    by_id = {case.id: name for name, case in world.items()}
    return [by_id[case.id] for case in cases]


def in_queue(officer, world, queue, filters=Filters()):
    return names(world, queue_queries.cases(officer, queue, filters, today=WEDNESDAY))


def test_each_queue_holds_its_cases_in_deadline_order(officer, world):
    assert in_queue(officer, world, "mine") == ["mine_soon", "mine_later", "paused"]
    assert in_queue(officer, world, "team") == ["mine_soon", "mine_later", "urgent", "paused"]
    assert in_queue(officer, world, "unassigned") == ["overdue", "urgent", "request"]
    assert in_queue(officer, world, "urgent") == ["urgent"]
    assert in_queue(officer, world, "due_soon") == ["due_today", "mine_soon"]
    assert in_queue(officer, world, "overdue") == ["overdue"]
    assert in_queue(officer, world, "awaiting_resident") == ["paused"]
    assert set(in_queue(officer, world, "all")) == set(world)


def test_open_queues_put_paused_clocks_then_cases_without_a_deadline_last(officer, world):
    Case.update(assigned_to=None).where(Case.id == world["paused"].id).execute()
    assert in_queue(officer, world, "unassigned") == ["overdue", "urgent", "paused", "request"]


def test_all_is_newest_first(officer, world):
    newest = sorted(world.values(), key=lambda c: (c.received_at, c.id), reverse=True)
    assert in_queue(officer, world, "all") == names(world, newest)


def test_due_soon_ends_two_working_days_ahead(officer, world):
    friday, monday = datetime.date(2026, 3, 13), datetime.date(2026, 3, 16)
    make_case(due=friday)
    make_case(due=monday)
    due = [c.next_due_on.date() for c in queue_queries.cases(officer, "due_soon", today=WEDNESDAY)]
    assert friday in due and monday not in due
    assert clocks.status(friday, WEDNESDAY) == "due_soon" and clocks.status(monday, WEDNESDAY) == "ok"


def test_tab_counts_match_the_queues(officer, world):
    counts = queue_queries.tab_counts(officer, today=WEDNESDAY)
    for queue in queue_queries.QUEUES:
        assert counts[queue] == len(in_queue(officer, world, queue)), queue


def test_simple_filters(officer, world):
    parking = service("parking").id
    assert set(in_queue(officer, world, "all", Filters(service=parking))) == {
        "overdue", "due_today", "request"}
    assert in_queue(officer, world, "all", Filters(kind="service_request")) == ["request"]
    Case.update(stage=2).where(Case.id == world["urgent"].id).execute()
    assert in_queue(officer, world, "all", Filters(stage=2)) == ["urgent"]
    Case.update(channel="phone").where(Case.id == world["overdue"].id).execute()
    assert in_queue(officer, world, "all", Filters(channel="phone")) == ["overdue"]
    assert in_queue(officer, world, "unassigned", Filters(service=parking, channel="phone")) == ["overdue"]


def forget_classifications():
    """Start from unclassified items, whatever classified them on the way in."""
    ItemTopic.delete().execute()
    OfficerLabel.delete().execute()
    Prediction.delete().execute()


def test_topic_filter_uses_the_officers_answer_for_that_head_else_the_models(officer, world):
    forget_classifications()
    bins, highways, staff, delay = (Topic.get(Topic.key == key) for key in
                                    ("waste-recycling", "highways", "staff-attitude", "delay"))

    def model(name, topic, confidence, head, assigned=True):
        ItemTopic.create(item=world[name].item, topic=topic, confidence=confidence, source="model", head=head,
                         assigned=assigned)

    # "overdue": the model's service area is bins (highways a runner-up), and one theme found
    model("overdue", bins, 0.8, "service")
    model("overdue", highways, 0.1, "service", assigned=False)
    model("overdue", staff, 0.3, "theme")  # over its threshold: a theme counts beside the service area
    # "urgent": the model said bins and delay; an officer said highways, and that no theme applies
    model("urgent", bins, 0.9, "service")
    model("urgent", delay, 0.7, "theme")
    ItemTopic.create(item=world["urgent"].item, topic=highways, source="officer", head="service")
    OfficerLabel.create(item=world["urgent"].item, task="service", value="highways")
    OfficerLabel.create(item=world["urgent"].item, task="theme", value="")
    assert in_queue(officer, world, "all", Filters(topic=bins.id)) == ["overdue"]
    assert in_queue(officer, world, "all", Filters(topic=highways.id)) == ["urgent"]  # not a runner-up
    assert in_queue(officer, world, "all", Filters(topic=staff.id)) == ["overdue"]
    assert in_queue(officer, world, "all", Filters(topic=delay.id)) == []  # the officer said none apply


def test_sentiment_filter_uses_the_officers_label_else_the_latest_prediction(officer, world):
    forget_classifications()
    version = ModelVersion.create(task="sentiment", version="test")
    predicted = {"overdue": ["positive", "negative"], "urgent": ["negative"], "paused": ["negative"]}
    for name, labels in predicted.items():
        for label in labels:  # oldest first: the last one is the latest
            Prediction.create(item=world[name].item, model_version=version, sentiment=label,
                              sentiment_score=0.9)
    OfficerLabel.create(item=world["paused"].item, task="sentiment", value="neutral")
    assert set(in_queue(officer, world, "all", Filters(sentiment="negative"))) == {"overdue", "urgent"}
    assert in_queue(officer, world, "all", Filters(sentiment="neutral")) == ["paused"]
    assert in_queue(officer, world, "all", Filters(sentiment="positive")) == []


def test_a_service_lead_sees_only_their_services_non_special_cases(app, world):
    lead = create_user("service_lead", services=["parking"])
    Case.update(special_category=True).where(Case.id == world["due_today"].id).execute()
    assert set(in_queue(lead, world, "all")) == {"overdue", "request"}
    assert queue_queries.tab_counts(lead, today=WEDNESDAY)["all"] == 2


# The page ---------------------------------------------------------------------------------

def rows_of(html):
    return re.findall(r'href="/staff/cases/(\d+)"', html)


def test_the_queue_page(app, officer, world):
    client = signed_in(app, officer)
    response = client.get("/staff/cases?queue=mine")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and h1_count(html) == 1
    assert title_starts_with_h1(html)[0]
    assert '<h1 class="govuk-heading-l">My cases</h1>' in html
    assert 'aria-current="page">My cases <span class="heard-subnav__count">(3)</span>' in html
    assert "All cases <span class=\"heard-subnav__count\">(8)</span>" in html
    assert set(rows_of(html)) == {str(world[n].id) for n in ("mine_soon", "mine_later", "paused")}
    assert "The bins were not collected for three weeks." in html  # the resident's words
    today = clocks.today()
    due = world["mine_soon"].next_due_on.date()
    assert clocks.describe(due, today) in html
    assert ">paused</strong>" in html
    assert 'name="case"' in html and 'action="/staff/cases/triage"' in html


def test_the_page_shows_the_title_tags_and_deadline(app, officer):
    cal = workdays.calendar()
    late = make_case(title="Missed bins, Elm Road", urgent=True, assigned_to=officer,
                     due=cal.add(clocks.today(), -2))
    html = signed_in(app, officer).get("/staff/cases?queue=overdue").get_data(as_text=True)
    assert late.reference in html and "Missed bins, Elm Road" in html
    assert "govuk-tag--red\">Urgent" in html
    assert clocks.describe(late.next_due_on, clocks.today()) in html and "overdue" in html
    assert "Test complaints_officer" in html  # the assignee


@pytest.mark.parametrize("query", [
    "queue=nonsense", "service=abc", "service=99999999999999999999", "stage=7", "topic=-1",
    "topic=%00", "sentiment=<script>", "channel=fax", "kind=compliment", "page=0", "page=-5",
    "page=abc", "page=99999999999999999999999", "page=1e9", "service=1&service=x",
    "queue=all&page=2&topic=999999", "q=" + "x" * 5000,
])
def test_bad_filter_values_never_fail(app, officer, world, query):
    response = signed_in(app, officer).get("/staff/cases?" + query)
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True).split("<main", 1)[1]


def test_filters_on_the_page_and_pagination(app, officer):
    for _ in range(queue_queries.PAGE_SIZE + 2):
        make_case(service_slug="libraries")
    make_case(service_slug="parking")
    client = signed_in(app, officer)
    libraries = service("libraries").id
    first = client.get(f"/staff/cases?queue=all&service={libraries}").get_data(as_text=True)
    assert f"{queue_queries.PAGE_SIZE + 2} cases match the filters, page 1 of 2" in first
    assert f'href="/staff/cases?page=2&amp;queue=all&amp;service={libraries}" rel="next"' in first
    last = client.get(f"/staff/cases?queue=all&service={libraries}&page=999").get_data(as_text=True)
    assert "page 2 of 2" in last and len(rows_of(last)) == 2


def test_topic_filtered_pages_count_and_clamp(app, officer):
    delay = Topic.get(Topic.key == "delay")
    forget_classifications()
    for _ in range(queue_queries.PAGE_SIZE + 2):
        ItemTopic.create(item=make_case().item, topic=delay, confidence=1.0, source="officer")
    make_case()
    filters = Filters(topic=delay.id)
    rows, total, number, pages = queue_queries.page(officer, "unassigned", filters, 2)
    assert (len(rows), total, number, pages) == (2, queue_queries.PAGE_SIZE + 2, 2, 2)
    rows, total, number, pages = queue_queries.page(officer, "all", filters, 99)
    assert (len(rows), total, number, pages) == (2, queue_queries.PAGE_SIZE + 2, 2, 2)
    assert queue_queries.page(officer, "overdue", filters, 3)[1:] == (0, 1, 1)


@pytest.mark.parametrize("role", ["analyst", "panel_facilitator"])
def test_other_roles_may_not_see_queues(app, role):
    client = signed_in(app, create_user(role, password=PASSWORD))
    assert client.get("/staff/cases").status_code == 403


def test_anonymous_visitors_sign_in_first(client):
    response = client.get("/staff/cases?queue=overdue")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_service_leads_read_but_do_not_triage(app, world):
    lead = create_user("service_lead", password=PASSWORD, services=["parking"])
    client = signed_in(app, lead)
    html = client.get("/staff/cases").get_data(as_text=True)
    assert "<h1 class=\"govuk-heading-l\">All cases</h1>" in html
    assert set(rows_of(html)) == {str(world[n].id) for n in ("overdue", "due_today", "request")}
    assert 'name="case"' not in html and "triage" not in html
    token = csrf_token(client, "/staff/cases")
    response = client.post("/staff/cases/triage", data={"csrf_token": token, "case": world["overdue"].id,
                                                        "action": "urgent"})
    assert response.status_code == 403
    assert not Case.get_by_id(world["overdue"].id).urgent


def test_the_staff_home_links_to_the_queues(app, officer):
    assert 'href="/staff/cases"' in signed_in(app, officer).get("/staff/").get_data(as_text=True)


# Bulk triage ------------------------------------------------------------------------------

def triage(client, data, back="queue=unassigned"):
    token = csrf_token(client, "/staff/cases?" + back)
    return client.post("/staff/cases/triage", data={"csrf_token": token, "back": back, **data})


def test_bulk_assign_from_the_page(app, officer, world):
    client = signed_in(app, officer)
    chosen = [world["overdue"].id, world["urgent"].id]
    response = triage(client, {"case": chosen, "action": "assign", "assignee": officer.id})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/staff/cases?queue=unassigned")
    assert all(Case.get_by_id(i).assigned_to_id == officer.id for i in chosen)
    assert CaseEvent.select().where(CaseEvent.case.in_(chosen), CaseEvent.kind == "assigned").count() == 2
    assert AuditEvent.select().where(AuditEvent.action == "case.assigned").count() == 2
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"2 cases assigned to {officer.name}" in html


def test_bulk_urgent_and_move_service(app, officer, world):
    client = signed_in(app, officer)
    triage(client, {"case": [world["overdue"].id], "action": "urgent"})
    assert Case.get_by_id(world["overdue"].id).urgent
    libraries = service("libraries")
    triage(client, {"case": [world["overdue"].id, world["request"].id], "action": "set_service",
                    "service": libraries.id})
    assert {Case.get_by_id(world[n].id).service_id for n in ("overdue", "request")} == {libraries.id}
    assert CaseEvent.get(CaseEvent.case == world["overdue"].id, CaseEvent.kind == "service_changed")


def test_bulk_round_robin_reports_cases_it_could_not_assign(app, officer, world):
    client = signed_in(app, officer)
    response = triage(client, {"case": [world["urgent"].id, world["overdue"].id], "action": "round_robin"})
    assert Case.get_by_id(world["urgent"].id).assigned_to_id == officer.id  # the highways team is one officer
    assert Case.get_by_id(world["overdue"].id).assigned_to_id is None  # nobody is in the parking team
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 case assigned round-robin" in html and f"Not changed: {world['overdue'].reference}" in html


@pytest.mark.parametrize("data, message", [
    ({"action": "urgent"}, "Select at least one case"),
    ({"case": ["999999", "x"], "action": "urgent"}, "Select at least one case"),
    ({"case": "CASE", "action": ""}, "Select what you want to do with the selected cases"),
    ({"case": "CASE", "action": "explode"}, "Select what you want to do with the selected cases"),
    ({"case": "CASE", "action": "assign", "assignee": "nobody"}, "Select the officer to assign the cases to"),
    ({"case": "CASE", "action": "set_service"}, "Select the service to move the cases to"),
])
def test_triage_mistakes_are_shown_with_the_queue(app, officer, world, data, message):
    client = signed_in(app, officer)
    case_id = world["overdue"].id
    data = {k: (case_id if v == "CASE" else v) for k, v in data.items()}
    response = triage(client, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in html and message in html
    assert html.count("<h1") == 1 and "<title>Error: Unassigned cases" in html
    assert not Case.get_by_id(case_id).urgent and Case.get_by_id(case_id).assigned_to_id is None


def test_triage_needs_a_valid_form_token(app, officer, world):
    client = signed_in(app, officer)
    response = client.post("/staff/cases/triage", data={"case": world["overdue"].id, "action": "urgent"})
    assert response.status_code in (200, 400)
    assert not Case.get_by_id(world["overdue"].id).urgent


def test_triage_cannot_touch_closed_cases(app, officer, world):
    client = signed_in(app, officer)
    triage(client, {"case": [world["closed"].id], "action": "urgent"}, back="queue=all")
    assert not Case.get_by_id(world["closed"].id).urgent
