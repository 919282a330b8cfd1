"""The action pages as staff use them: who sees what, the forms and their errors, the pre-filled
new action, the overdue queue, and the case page's list of its actions."""
import datetime

from app.actions.models import Action
from app.cases.models import CaseActionLink
from tests.cases.pages import new_case, signed_in
from tests.factories import create_action, create_user, service
from tests.html import parse
from tests.web import get_page, submit

LONG_AGO = datetime.date(2020, 1, 6)


def get(client, url, status=200):
    return get_page(client, url, status)


def test_a_service_lead_sees_and_updates_only_their_services_actions(app):
    lead = signed_in(app, "service_lead", services=["waste-recycling"])
    mine = create_action(title="New round for Mill Lane", service_slug="waste-recycling")
    theirs = create_action(title="Resurface Oak Road", service_slug="highways")
    listing = parse(get(lead, "/staff/actions"))
    assert listing.link("New round for Mill Lane") is not None
    assert "Resurface Oak Road" not in listing.text
    for url in (f"/staff/actions/{theirs.id}", f"/staff/actions/{theirs.id}/edit", f"/staff/actions/{theirs.id}/status"):
        assert lead.get(url).status_code == 404, url  # never a 403: its existence is not revealed
    assert submit(lead, f"/staff/actions/{mine.id}/status", {"status": "agreed"}).status_code == 302
    assert Action.get_by_id(mine.id).status == "agreed"


def test_analysts_read_but_do_not_change(app):
    analyst = signed_in(app, "analyst")
    action = create_action()
    page = parse(get(analyst, f"/staff/actions/{action.id}"))
    assert not {"Change the status", "Edit the action"} & {a.text for a in page.links()}
    assert analyst.get(f"/staff/actions/{action.id}/status").status_code == 403
    assert analyst.get("/staff/actions/new").status_code == 403
    assert signed_in(app, "panel_facilitator").get("/staff/actions").status_code == 403


def test_dropping_without_a_reason_is_refused_at_the_field_and_keeps_the_note(app):
    officer = signed_in(app)
    action = create_action()
    url = f"/staff/actions/{action.id}/status"
    response = submit(officer, url, {"status": "dropped", "owner_note": "Tried it for a month"})
    html = response.get_data(as_text=True)
    page = parse(html)
    assert response.status_code == 200 and "<title>Error:" in html
    assert page.find("div", cls="govuk-error-summary").link("Enter why the action was dropped").href == "#dropped_reason"
    assert page.by_id("dropped_reason-error").text == "Error: Enter why the action was dropped"
    assert page.by_id("owner_note").text == "Tried it for a month"
    assert Action.get_by_id(action.id).status == "proposed"


def test_a_due_date_that_is_not_real_is_an_error_and_nothing_typed_is_lost(app):
    officer = signed_in(app)
    form = {"title": "Move the collection day back", "service": str(service("waste-recycling").id),
            "owner": str(officer.user.id), "due_day": "31", "due_month": "2", "due_year": "2026",
            "public_summary": "We moved the day back"}
    html = submit(officer, "/staff/actions/new", form).get_data(as_text=True)
    page = parse(html)
    assert page.find("div", cls="govuk-error-summary").link(
        "The due date must be a real date, like 27 3 2026").href == "#due_day"
    assert page.by_id("title").attrs["value"] == "Move the collection day back"
    assert page.by_id("due_day").attrs["value"] == "31" and page.by_id("public_summary").text == "We moved the day back"
    assert Action.select().count() == 0
    response = submit(officer, "/staff/actions/new", dict(form, due_day="28"))
    action = Action.get()
    assert response.headers["Location"].endswith(f"/staff/actions/{action.id}")
    assert (action.due_on, action.owner_id, action.status) == (datetime.date(2026, 2, 28), officer.user.id, "proposed")


def test_new_is_pre_filled_from_the_drivers_link_and_ignores_bad_values(app):
    officer = signed_in(app)
    first, _ = new_case(service_slug="waste-recycling")
    second, _ = new_case(service_slug="waste-recycling")
    url = (f"/staff/actions/new?service=waste-recycling&case={first.id}&case={second.id}&case=99999&case=abc"
           f"&case=-1&topic=delay&from=2026-01-01&to=2026-03-31&root_cause=process")
    page = parse(get(officer, url))
    assert page.by_id("service").find("option", where=lambda e: "selected" in e.attrs).text == \
        service("waste-recycling").name
    ticked = [e.attrs["value"] for e in page.find_all("input", where=lambda e: e.attrs.get("name") == "cases")]
    assert sorted(ticked) == sorted([str(first.id), str(second.id)])
    assert "Theme: Delay, 1 January 2026 to 31 March 2026" in page.text
    assert page.by_id("title").attrs["value"] == "Process: Delay"
    for bad in ("?service=nowhere&case=%00&topic=nothing&from=2026-02-30&to=x&root_cause=zzz",
                "?case=" + "9" * 40, "?topic=delay&from=2026-03-01&to=2026-01-01"):
        html = get(officer, "/staff/actions/new" + bad)
        assert "Theme:" not in html
    submit(officer, url.split("?")[0], {
        "title": "Process: Delay", "service": str(service("waste-recycling").id), "offered_case": [first.id, second.id],
        "cases": [first.id], "link_theme": "y", "topic": "delay", "period_from": "2026-01-01", "period_to": "2026-03-31"})
    action = Action.get()
    assert [link.case_id for link in CaseActionLink.select().where(CaseActionLink.action == action)] == [first.id]
    [theme] = action.themes
    assert (theme.topic.key, theme.period_start, theme.period_end) == ("delay", datetime.date(2026, 1, 1),
                                                                        datetime.date(2026, 3, 31))


def test_the_overdue_queue_counts_open_actions_past_their_due_date(app):
    officer = signed_in(app)
    late = create_action(title="Late one", due_on=LONG_AGO, status="agreed")
    create_action(title="Done late", due_on=LONG_AGO, status="done")
    create_action(title="Dropped late", due_on=LONG_AGO, status="dropped")
    create_action(title="Not due", due_on=datetime.date(2099, 1, 1))
    page = parse(get(officer, "/staff/actions/overdue"))
    assert page.by_id("overdue-count").text.startswith("1 action is past its due date")
    assert [a.text for a in page.find_all("a") if a.href and a.href.startswith("/staff/actions/")] == ["Late one"]
    row = parse(get(officer, "/staff/actions")).by_id(f"action-{late.id}")
    assert "Overdue" in row.text and "6 January 2020" in row.text
    assert "Overdue actions (1)" in get(officer, "/staff/actions")


def test_the_list_filters_by_service_status_and_owner(app):
    officer = signed_in(app)
    owner = create_user(name="Olive Owner")
    create_action(title="Waste agreed", status="agreed", owner=owner)
    create_action(title="Highways proposed", service_slug="highways")
    html = get(officer, f"/staff/actions?status=agreed&owner={owner.id}&service={service('waste-recycling').id}")
    assert "Waste agreed" in html and "Highways proposed" not in html
    assert "Waste agreed" not in get(officer, "/staff/actions?service=" + str(service("highways").id))
    assert "No actions match" in get(officer, "/staff/actions?status=done")
    assert "Highways proposed" in get(officer, "/staff/actions?status=%00&owner=zz&page=-4")


def test_the_action_page_shows_its_cases_history_and_links_cases_the_viewer_may_open(app):
    officer = signed_in(app)
    case, _ = new_case(service_slug="waste-recycling")
    action = create_action(cases=[case], themes=[("delay", datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))])
    page = parse(get(officer, f"/staff/actions/{action.id}"))
    assert page.by_id("action-cases").link(case.reference).href == f"/staff/cases/{case.id}"
    assert "Delay: 1 January 2026 to 31 January 2026" in page.by_id("action-themes").text
    history = page.find("table", where=lambda e: "Every change to this action" in e.text)
    assert "action.created" in history.text and "action.theme_added" in history.text
    analyst = parse(get(signed_in(app, "analyst"), f"/staff/actions/{action.id}"))
    assert case.reference in analyst.by_id("action-cases").text and not analyst.by_id("action-cases").links()


def test_the_case_page_lists_its_actions_with_their_status(app):
    officer = signed_in(app)
    case, _ = new_case(service_slug="waste-recycling")
    action = create_action(title="Crew route changed", cases=[case], status="in_progress")
    html = get(officer, f"/staff/cases/{case.id}")
    row = parse(html).by_id("summary-actions")
    assert row.link("Crew route changed").href == f"/staff/actions/{action.id}"
    assert "(in progress)" in row.text
