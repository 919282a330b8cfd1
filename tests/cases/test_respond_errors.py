"""The response form's errors say which point each one is about ("Point 2: say why"), in the
error summary and at the field; each summary link goes to that point's field; nothing typed
is lost."""
import datetime

import pytest

from app.cases import stages
from app.cases.models import DecisionPoint
from tests.cases.pages import new_case, signed_in
from tests.html import parse
from tests.web import submit

MONDAY = datetime.datetime(2026, 3, 2, 10, 0)


@pytest.fixture
def respond(app, clock):
    clock(MONDAY)
    officer = signed_in(app)
    case, _ = new_case(received_at=MONDAY)
    stages.acknowledge(case, actor=officer.user)
    return officer, f"/staff/cases/{case.id}/respond"


def summary_links(shown):
    [summary] = shown.find_all("div", cls="govuk-error-summary")
    return [(a.text, a.href) for a in summary.links()]


def test_each_error_names_its_point_and_links_to_that_field(respond):
    officer, url = respond
    typed = {"points-0-point": "The hole was reported twice", "points-0-decision": "upheld",
             "points-0-reasons": "We missed both reports",
             "points-1-point": "Nobody called back", "points-1-reasons": "",
             "points-2-point": "", "points-2-reasons": "The crew was sent on 3 March",
             "remedy_apology": "y", "remedy_action": "Fill the hole", "remedy_financial": "120.50",
             "outstanding_actions": "Check the repair in April"}
    response = submit(officer, url, typed)
    shown = parse(response.get_data(as_text=True))
    assert response.status_code == 200 and shown.find_all("title")[0].text.startswith("Error: ")
    assert summary_links(shown) == [
        ("Point 2: choose whether it is upheld, partly upheld or not upheld", "#points-1-decision"),
        ("Point 2: say why you decided this", "#points-1-reasons"),
        ("Point 3: enter the point the resident made", "#points-2-point"),
        ("Point 3: choose whether it is upheld, partly upheld or not upheld", "#points-2-decision"),
    ]
    for text, href in summary_links(shown):
        target = shown.by_id(href[1:])  # the link goes to a real field ...
        assert target.tag in ("input", "textarea"), href
        assert text in shown.by_id(f"{href[1:]}-error").text  # ... and the error shows there too
        point = next(a for a in target.ancestors() if "heard-point" in a.classes)
        assert point.find_all("legend")[0].text == text.split(":")[0]  # inside that point's box
    assert DecisionPoint.select().count() == 0

    # Nothing typed is lost.
    assert shown.by_id("points-0-point").text == "The hole was reported twice"
    assert shown.by_id("points-0-reasons").text == "We missed both reports"
    assert shown.by_id("points-1-point").text == "Nobody called back"
    assert shown.by_id("points-2-reasons").text == "The crew was sent on 3 March"
    checked = [i.attrs["value"] for i in shown.find_all("input", name="points-0-decision") if "checked" in i.attrs]
    assert checked == ["upheld"]
    assert shown.by_id("remedy_action").text == "Fill the hole"
    assert shown.by_id("remedy_financial").attrs["value"] == "120.50"
    assert shown.by_id("outstanding_actions").text == "Check the repair in April"
    assert "checked" in shown.by_id("remedy_apology").attrs

    typed.update({"points-1-decision": "not_upheld", "points-1-reasons": "We called on 4 March",
                  "points-2-reasons": ""})
    assert submit(officer, url, typed).status_code == 302
    assert [p.point for p in DecisionPoint.select().order_by(DecisionPoint.position)] == [
        "The hole was reported twice", "Nobody called back"]


def test_an_empty_form_asks_for_the_first_point_and_odd_choices_name_their_point(respond):
    officer, url = respond
    shown = parse(submit(officer, url, {"points-0-point": "", "points-0-reasons": ""}).get_data(as_text=True))
    assert summary_links(shown) == [("Point 1: enter at least one point of the complaint", "#points-0-point")]
    shown = parse(submit(officer, url, {"points-0-point": "Bins", "points-0-decision": "maybe",
                                        "points-0-reasons": "x" * 5001}).get_data(as_text=True))
    assert summary_links(shown) == [
        ("Point 1: select a decision from the list", "#points-0-decision"),
        ("Point 1: reasons for the decision must be 5000 characters or fewer", "#points-0-reasons")]
    assert shown.by_id("points-0-point").text == "Bins"
