"""The case page's actions, each a small form page: acknowledge, extend, pause and restart, notes
and calls, respond with decision points, close, merge / split / link, convert, assign, the stage 2
reviewer and the Ombudsman."""
import datetime

import pytest

from app.audit.models import AuditEvent
from app.cases import services, stages, timeline
from app.cases.models import Case, CaseActionLink, DecisionPoint
from tests.cases.pages import deadline_state, new_case, page, signed_in
from tests.factories import create_feedback, create_person, create_user
from tests.web import h1_count, submit, title_starts_with_h1

MONDAY = datetime.datetime(2026, 3, 2, 10, 0)  # Monday 2 March 2026, 10am (GMT)


@pytest.fixture
def officer(app):
    return signed_in(app)


# The actions --------------------------------------------------------------------------------

def test_every_action_page_renders_for_an_officer(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    for action in ("acknowledge", "extend", "pause", "resume", "holding", "note", "call", "assign", "link",
                   "merge", "split", "service-request", "complaint", "respond", "stage-2", "reviewer",
                   "ombudsman", "ombudsman-outcome", "close", "reopen"):
        response = officer.get(f"/staff/cases/{case.id}/{action}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200, action
        assert h1_count(html) == 1 and title_starts_with_h1(html)[0], action
        assert f'href="/staff/cases/{case.id}"' in html, action  # back to the case
        assert "None</div>" not in html, action  # no empty hints


# Actions ------------------------------------------------------------------------------------

def test_a_note_needs_text_and_goes_on_the_timeline(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    url = f"/staff/cases/{case.id}/note"
    response = submit(officer, url, {"text": "  "})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in html and "Enter the note" in html
    assert "<title>Error:" in html
    response = submit(officer, url, {"text": "Spoke to the highways team."})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/cases/{case.id}")
    assert timeline.latest(case, "note").body == "Spoke to the highways team."
    assert AuditEvent.select().where(AuditEvent.action == "case.note_added").count() == 1


def test_a_call_says_who_called(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    html = submit(officer, f"/staff/cases/{case.id}/call", {"text": "Asked about progress"}).get_data(as_text=True)
    assert "Select who called" in html and "Asked about progress" in html
    assert submit(officer, f"/staff/cases/{case.id}/call",
                  {"direction": "in", "text": "Asked about progress"}).status_code == 302
    assert timeline.latest(case, "call").body == "The resident called us.\n\nAsked about progress"


def test_a_refusal_from_the_service_is_shown_on_the_form_with_what_was_typed(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    response = submit(officer, f"/staff/cases/{case.id}/extend", {"days": "5", "reason": "Waiting for the contractor"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Acknowledge the complaint before extending" in html
    assert "Waiting for the contractor" in html and 'value="5"' in html
    response = submit(officer, f"/staff/cases/{case.id}/extend", {"days": "11", "reason": "Contractor"})
    assert "Number of working days must be between 1 and 10" in response.get_data(as_text=True)


def test_acknowledge_extend_pause_and_restart_through_the_pages(app, officer, clock):
    case, _ = new_case(received_at=MONDAY)
    clock(MONDAY + datetime.timedelta(days=1))  # Tuesday 3 March
    assert submit(officer, f"/staff/cases/{case.id}/acknowledge", {"understanding": "The pothole"}).status_code == 302
    clock(MONDAY + datetime.timedelta(days=2))
    assert submit(officer, f"/staff/cases/{case.id}/extend", {"days": "5", "reason": "Contractor"}).status_code == 302
    # respond by: 3 March + 10 + 5 working days = 24 March
    assert deadline_state(page(officer, case), 1, "respond")[0] == "24 March 2026"
    clock(datetime.datetime(2026, 3, 9, 9))  # Monday 9 March
    assert submit(officer, f"/staff/cases/{case.id}/pause", {"reason": "Need photos"}).status_code == 302
    clock(datetime.datetime(2026, 3, 11, 9))  # Wednesday 11 March: paused Mon and Tue
    assert deadline_state(page(officer, case), 1, "respond")[1] == "paused since 9 March 2026"
    assert submit(officer, f"/staff/cases/{case.id}/resume", {}).status_code == 302
    assert deadline_state(page(officer, case), 1, "respond") == ("26 March 2026", "due in 11 working days")


def test_respond_starts_with_three_points_and_adds_another_without_losing_anything(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    stages.acknowledge(case, actor=officer.user)
    url = f"/staff/cases/{case.id}/respond"
    html = officer.get(url).get_data(as_text=True)
    assert [n for n in range(5) if f'name="points-{n}-point"' in html] == [0, 1, 2]
    typed = {"points-0-point": "The hole was reported twice", "points-0-decision": "upheld",
             "points-0-reasons": "We missed both reports", "points-1-point": "", "points-1-reasons": "",
             "points-2-point": "", "points-2-reasons": "", "remedy_action": "Fill the hole",
             "remedy_financial": "120.50", "add_point": "1"}
    html = submit(officer, url, typed).get_data(as_text=True)
    assert [n for n in range(5) if f'name="points-{n}-point"' in html] == [0, 1, 2, 3]
    assert "The hole was reported twice" in html and "We missed both reports" in html
    assert 'value="upheld" checked' in html and "Fill the hole" in html and 'value="120.50"' in html
    assert DecisionPoint.select().count() == 0
    # a half-filled point is an error on that point; nothing is sent
    typed.pop("add_point")
    typed.update({"points-1-point": "Nobody called back", "points-3-point": "", "points-3-reasons": ""})
    html = submit(officer, url, typed).get_data(as_text=True)
    assert "There is a problem" in html and "Point 2: choose whether it is upheld" in html
    assert 'href="#points-1-decision"' in html and "Nobody called back" in html
    typed.update({"points-1-decision": "not_upheld", "points-1-reasons": "We did call on 4 March"})
    response = submit(officer, url, typed)
    assert response.status_code == 302
    points = list(DecisionPoint.select().order_by(DecisionPoint.position))
    assert [(p.point, p.decision) for p in points] == [("The hole was reported twice", "upheld"),
                                                       ("Nobody called back", "not_upheld")]
    assert Case.get_by_id(case.id).remedy_financial_pence == 12050
    html = page(officer, case)
    assert "We missed both reports" in html and "Ask for stage 2 on the resident&#39;s behalf" in html


def test_close_records_outcome_remedy_in_pence_root_cause_and_actions(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    stages.acknowledge(case, actor=officer.user)
    stages.respond(Case.get_by_id(case.id), [{"point": "Hole", "decision": "upheld", "reasons": "Missed"}],
                   actor=officer.user)
    url = f"/staff/cases/{case.id}/close"
    html = submit(officer, url, {"outcome": "upheld", "remedy_financial": "£12.345",
                                 "lessons_learnt": "Check reports daily"}).get_data(as_text=True)
    assert "Financial redress must be an amount in pounds" in html and "Check reports daily" in html
    html = submit(officer, url, {"outcome": "upheld", "remedy_financial": "1,250.5",
                                 "lessons_learnt": "Check reports daily"}).get_data(as_text=True)
    assert "Choose the root cause of what went wrong" in html  # the service's refusal, on the form
    response = submit(officer, url, {"outcome": "upheld", "remedy_apology": "y", "remedy_financial": "£1,250.5",
                                     "root_cause": "process", "lessons_learnt": "Check reports daily",
                                     "actions": "Daily report check\n\nTrain the call centre\n"})
    assert response.status_code == 302
    case = Case.get_by_id(case.id)
    assert (case.status, case.outcome, case.root_cause) == ("closed", "upheld", "process")
    assert case.remedy_financial_pence == 125050 and case.remedy_apology
    assert [a.description for a in CaseActionLink.select().order_by(CaseActionLink.id)] == [
        "Daily report check", "Train the call centre"]
    html = page(officer, case)
    assert "£1,250.50" in html and "Reopen the case" in html and "Close the case" not in html


def test_merge_split_and_link_by_reference(app, officer, clock):
    clock(MONDAY)
    person = create_person()
    case, first = new_case(person=person, received_at=MONDAY)
    other, _ = new_case(person=person, text="Also the streetlight is out", received_at=MONDAY,
                        service_slug="street-lighting")
    comment = create_feedback(kind="comment", person=person, text="And the drain", received_at=MONDAY)
    url = f"/staff/cases/{case.id}/link"
    html = submit(officer, url, {"reference": "HRD-2026-999999", "reason": "Same street"}).get_data(as_text=True)
    assert "No feedback has the reference HRD-2026-999999" in html and 'href="#reference"' in html
    assert submit(officer, url, {"reference": comment.reference.lower(), "reason": "Same street"}).status_code == 302
    assert services.case_of(comment).id == case.id
    # split the comment off again into a new case
    response = submit(officer, f"/staff/cases/{case.id}/split", {"items": [str(comment.id)], "reason": "Different"})
    new = services.case_of(comment)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/cases/{new.id}")
    assert new.id != case.id
    # merge the other case into this one, by the reference the resident knows
    response = submit(officer, f"/staff/cases/{other.id}/merge", {"reference": case.reference, "reason": "Same"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/cases/{case.id}")
    assert Case.get_by_id(other.id).status == "merged"
    html = page(officer, other)
    assert "This case was merged into" in html and 'id="actions"' in html
    assert "Merge into another case" not in html


def test_converting_to_a_service_request_and_back(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    assert submit(officer, f"/staff/cases/{case.id}/service-request", {"reason": ""}).status_code == 200
    assert submit(officer, f"/staff/cases/{case.id}/service-request", {"reason": "A new bin"}).status_code == 302
    html = page(officer, case)
    assert "not on the complaint clocks" in html and "Change to a complaint" in html
    assert submit(officer, f"/staff/cases/{case.id}/complaint", {}).status_code == 302
    assert Case.get_by_id(case.id).kind == "complaint"


def test_assign_and_choose_a_stage_2_reviewer_who_did_not_handle_stage_1(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    colleague = create_user("complaints_officer", name="Zara Reviewer")
    assert submit(officer, f"/staff/cases/{case.id}/assign", {"assignee": str(officer.user.id)}).status_code == 302
    assert Case.get_by_id(case.id).assigned_to_id == officer.user.id
    stages.acknowledge(case, actor=officer.user)
    stages.respond(Case.get_by_id(case.id), [{"point": "Hole", "decision": "upheld", "reasons": "Missed"}],
                   actor=officer.user)
    assert submit(officer, f"/staff/cases/{case.id}/stage-2", {"reason": "Still not fixed"}).status_code == 302
    html = officer.get(f"/staff/cases/{case.id}/reviewer").get_data(as_text=True)
    assert "Zara Reviewer" in html and f'value="{officer.user.id}"' not in html
    response = submit(officer, f"/staff/cases/{case.id}/reviewer", {"reviewer": str(officer.user.id)})
    assert "handled stage 1" in response.get_data(as_text=True)
    assert submit(officer, f"/staff/cases/{case.id}/reviewer", {"reviewer": str(colleague.id)}).status_code == 302
    assert Case.get_by_id(case.id).assigned_to_id == colleague.id


def test_ombudsman_referral_and_outcome(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    assert submit(officer, f"/staff/cases/{case.id}/ombudsman", {}).status_code == 200
    assert submit(officer, f"/staff/cases/{case.id}/ombudsman", {"ombudsman": "housing"}).status_code == 302
    response = submit(officer, f"/staff/cases/{case.id}/ombudsman-outcome", {"outcome": "No fault found"})
    assert response.status_code == 302
    html = page(officer, case)
    assert "Housing Ombudsman, referred 2 March 2026. Outcome: No fault found" in html
