"""The stage 2 extension: once per case, up to 20 more working days, with a reason, a letter of
its own (the new date, the reason, who to contact, the Ombudsman), on the timeline and in the
audit log, and the new date on every clock: the case page, the due soon and overdue queues and
the daily digest. Only someone who did not handle stage 1 is offered it (or may use it).

Every date is counted by hand on a calendar (England and Wales), as in test_clocks.
"""
import datetime
import json
from types import SimpleNamespace

import pytest

from app.audit.models import AuditEvent
from app.cases import clocks, digest, services, stages, timeline
from app.cases.models import Case, CaseStage
from app.cases.rules import CaseError
from app.mail.models import OutboxMessage
from tests.cases.pages import deadline_state, page, signed_in
from tests.factories import create_feedback, create_person, create_user
from tests.html import parse
from tests.web import csrf_token, h1_count, submit, title_starts_with_h1

D = datetime.date
POINTS = [{"point": "The drain floods my garden", "decision": "not_upheld",
           "reasons": "The drain is private"}]


def at(day, hour=10):
    return datetime.datetime(day.year, day.month, day.day, hour)  # GMT in winter: London = UTC


def rows(*stage_rows):
    return [SimpleNamespace(number=n, started_at=s, acknowledged_at=a, responded_at=r, extension_days=e)
            for n, s, a, r, e in stage_rows]


# The rule, counted by hand -----------------------------------------------------------------

def test_twenty_more_working_days_over_christmas_and_new_year():
    # Stage 2 asked for on Monday 8 December 2025: acknowledge by Mon 15 December
    # (9, 10, 11, 12, 15). Acknowledged on Thursday 11 December: respond within 20 working
    # days: 12, 15, 16, 17, 18, 19, 22, 23, 24 December (9; 25 and 26 are bank holidays),
    # 29, 30, 31 (12; 1 January is a bank holiday), 2, 5, 6, 7, 8, 9, 12, 13 January (20)
    # -> Tuesday 13 January 2026. Extended by 20: 14, 15, 16, 19, 20, 21, 22, 23, 26, 27,
    # 28, 29, 30 January (13), 2, 3, 4, 5, 6, 9, 10 February (20) -> Tuesday 10 February.
    stage1 = (1, at(D(2025, 11, 3)), at(D(2025, 11, 4)), at(D(2025, 11, 17)), 0)
    before = clocks.deadlines_for(rows(stage1, (2, at(D(2025, 12, 8)), at(D(2025, 12, 11)), None, 0)),
                                  today=D(2026, 1, 9))
    after = clocks.deadlines_for(rows(stage1, (2, at(D(2025, 12, 8)), at(D(2025, 12, 11)), None, 20)),
                                 today=D(2026, 1, 9))
    assert [(d.stage, d.what, d.due_on) for d in before][2:] == [
        (2, "acknowledge", D(2025, 12, 15)), (2, "respond", D(2026, 1, 13))]
    assert [(d.stage, d.what, d.due_on) for d in after][2:] == [
        (2, "acknowledge", D(2025, 12, 15)), (2, "respond", D(2026, 2, 10))]


def test_ten_more_working_days_over_easter_after_a_stage_1_extension():
    # Stage 1 had its own extension (5 days): it changes nothing at stage 2.
    # Stage 2 acknowledged on Monday 2 March 2026: 3, 4, 5, 6, 9 .. 13, 16 .. 20, 23 .. 27
    # (19), 30 March (20) -> Monday 30 March. Extended by 10: 31 March, 1, 2 April (3;
    # Good Friday 3 April and Easter Monday 6 April are bank holidays), 7, 8, 9, 10, 13, 14,
    # 15 April (10) -> Wednesday 15 April 2026.
    found = clocks.deadlines_for(rows((1, at(D(2026, 1, 5)), at(D(2026, 1, 6)), at(D(2026, 1, 20)), 5),
                                      (2, at(D(2026, 2, 25)), at(D(2026, 3, 2)), None, 10)),
                                 today=D(2026, 3, 2))
    assert {(d.stage, d.what): d.due_on for d in found} == {
        (1, "acknowledge"): D(2026, 1, 12), (1, "respond"): D(2026, 1, 27),
        (2, "acknowledge"): D(2026, 3, 4), (2, "respond"): D(2026, 4, 15)}


# The service -------------------------------------------------------------------------------

@pytest.fixture
def people(app):
    return SimpleNamespace(handler=create_user("complaints_officer", name="Olive Officer"),
                           reviewer=create_user("complaints_officer", name="Rita Reviewer"))


def stage2_case(people, received, acknowledged, responded, requested, reviewed):
    """A complaint handled at stage 1 by Olive and now acknowledged at stage 2 by Rita."""
    person = create_person(email="resident@example.com", name="Sam Resident")
    case = services.case_of(create_feedback(person=person, received_at=at(received)))
    stages.acknowledge(case, actor=people.handler, at=at(acknowledged))
    stages.respond(case, POINTS, actor=people.handler, at=at(responded))
    stages.request_stage2(Case.get_by_id(case.id), "Nobody came to look", at=at(requested))
    case = Case.get_by_id(case.id)
    stages.set_reviewer(case, people.reviewer, actor=people.handler, at=at(requested, 11))
    stages.acknowledge(case, actor=people.reviewer, at=at(reviewed))
    return Case.get_by_id(case.id)


def test_the_service_extends_once_up_to_twenty_days_and_never_for_the_stage_1_handler(people):
    case = stage2_case(people, D(2026, 1, 5), D(2026, 1, 6), D(2026, 1, 20), D(2026, 2, 25), D(2026, 3, 2))
    with pytest.raises(CaseError, match="between 1 and 20 working days"):
        stages.extend(case, 21, "Waiting for the survey", actor=people.reviewer)
    with pytest.raises(CaseError, match="between 1 and 20"):
        stages.extend(case, 0, "Waiting for the survey", actor=people.reviewer)
    with pytest.raises(CaseError, match="Enter the reason"):
        stages.extend(case, 10, " ", actor=people.reviewer)
    with pytest.raises(CaseError, match="You handled stage 1"):
        stages.extend(case, 10, "Waiting for the survey", actor=people.handler)
    assert CaseStage.get(CaseStage.case == case, CaseStage.number == 2).extension_days == 0

    stages.extend(case, 10, "Waiting for the drainage survey", actor=people.reviewer, at=at(D(2026, 3, 20)))
    assert Case.get_by_id(case.id).next_due_on == datetime.datetime(2026, 4, 15)
    with pytest.raises(CaseError, match="Stage 2 has already been extended. The Code allows one extension only."):
        stages.extend(Case.get_by_id(case.id), 2, "Again", actor=people.reviewer)
    assert timeline.latest(case, "extension").summary == "Stage 2 extended by 10 working days"
    [entry] = AuditEvent.select().where(AuditEvent.action == "case.extended")
    assert json.loads(entry.details) == {"days": 10, "stage": 2} and "drainage" not in entry.summary
    [letter] = OutboxMessage.select().where(OutboxMessage.template == "case_stage2_extension")
    assert letter.to_address == "resident@example.com" and letter.auto_submitted == "no"
    for words in ("Wednesday 15 April 2026", "Waiting for the drainage survey", "by 10 working days",
                  "Rita Reviewer, who was not involved at stage 1", "Local Government and Social Care Ombudsman",
                  "https://www.lgo.org.uk/make-a-complaint", "0300 061 0614", case.reference):
        assert words in letter.text_body, words
        assert words in letter.html_body.replace("&#39;", "'"), words
    assert timeline.latest(case, "email_out").outbox_id == letter.id


def test_a_stage_2_extension_needs_the_stage_2_acknowledgement(people):
    case = stage2_case(people, D(2026, 1, 5), D(2026, 1, 6), D(2026, 1, 20), D(2026, 2, 25), D(2026, 3, 2))
    fresh = services.case_of(create_feedback(received_at=at(D(2026, 1, 5))))
    stages.acknowledge(fresh, actor=people.handler, at=at(D(2026, 1, 6)))
    stages.respond(fresh, POINTS, actor=people.handler, at=at(D(2026, 1, 7)))
    stages.request_stage2(Case.get_by_id(fresh.id), "Unhappy", at=at(D(2026, 1, 8)))
    with pytest.raises(CaseError, match="Acknowledge the stage 2 request before extending"):
        stages.extend(Case.get_by_id(fresh.id), 5, "Waiting", actor=people.reviewer)
    stages.respond(case, POINTS, actor=people.reviewer, at=at(D(2026, 3, 10)))
    with pytest.raises(CaseError, match="stage 2 response has already been sent"):
        stages.extend(Case.get_by_id(case.id), 5, "Waiting", actor=people.reviewer)


# Through the pages, over Christmas ---------------------------------------------------------

def offered_actions(shown):
    """The link texts in the case page's list of actions."""
    return [a.text for a in shown.find_all("ul", cls="heard-case-actions")[0].links()]


def queue_references(client, queue):
    html = client.get(f"/staff/cases?queue={queue}").get_data(as_text=True)
    return {a.text for a in parse(html).links() if a.text.startswith("HRD-")}


def test_the_reviewer_extends_through_the_case_page_and_every_clock_moves(app, people, clock):
    case = stage2_case(people, D(2025, 11, 3), D(2025, 11, 4), D(2025, 11, 17), D(2025, 12, 8), D(2025, 12, 11))
    reviewer = signed_in(app, name="Rex Reviewer")
    stages.set_reviewer(case, reviewer.user, actor=people.handler, at=at(D(2025, 12, 11), 12))
    clock(at(D(2026, 1, 9)))  # Friday 9 January 2026: due on Tuesday 13th
    html = page(reviewer, case)
    assert deadline_state(html, 2, "respond") == ("13 January 2026", "due in 2 working days")
    assert case.reference in queue_references(reviewer, "due_soon")
    assert [line.reference for line in digest.digest_for(reviewer.user, D(2026, 1, 9))["due_soon"]] == [case.reference]

    url = parse(html).link("Extend the time for the stage 2 response").href
    form = parse(reviewer.get(url).get_data(as_text=True))
    assert form.by_id("days-hint").text == "Up to 20. The stage 2 response can be extended once."
    typed = {"days": "21", "reason": "The drainage engineer is surveying the whole street", "ombudsman": "housing"}
    response = submit(reviewer, url, typed)
    shown = parse(response.get_data(as_text=True))
    assert response.status_code == 200
    summary = shown.find_all("div", cls="govuk-error-summary")[0]
    assert [(a.text, a.href) for a in summary.links()] == [
        ("Number of working days must be between 1 and 20", "#days")]
    assert "Number of working days must be between 1 and 20" in shown.by_id("days-error").text
    assert shown.by_id("days").attrs["value"] == "21"
    assert shown.by_id("reason").text == typed["reason"]
    assert "checked" in [i for i in shown.find_all("input", name="ombudsman") if i.attrs["value"] == "housing"][0].attrs

    assert submit(reviewer, url, dict(typed, days="20")).status_code == 302
    html = page(reviewer, case)
    # From Friday 9 January to Tuesday 10 February: 12-16, 19-23, 26-30 January, 2-6, 9, 10 February.
    assert deadline_state(html, 2, "respond") == ("10 February 2026", "due in 22 working days")
    shown = parse(html)
    assert shown.by_id("summary-extension-2").text == (
        "Stage 2 extension 20 working days: The drainage engineer is surveying the whole street")
    assert "Stage 2 extended by 20 working days" in shown.find_all("ol", cls="heard-timeline")[0].text
    assert "Extend the time for the stage 2 response" not in offered_actions(shown)
    letter = OutboxMessage.get(OutboxMessage.template == "case_stage2_extension")
    for words in ("Tuesday 10 February 2026", "surveying the whole street", "Rex Reviewer", "Housing Ombudsman",
                  "0300 111 3000"):
        assert words in letter.text_body, words
    assert case.reference not in queue_references(reviewer, "due_soon")

    # A second extension is refused on the form, with what was typed kept.
    again = submit(reviewer, url, {"days": "3", "reason": "Still surveying", "ombudsman": "lgsco"})
    shown = parse(again.get_data(as_text=True))
    assert again.status_code == 200 and "The Code allows one extension only" in shown.find_all(
        "div", cls="govuk-error-summary")[0].text
    assert shown.by_id("reason").text == "Still surveying" and shown.by_id("days").attrs["value"] == "3"
    assert CaseStage.get(CaseStage.case == case, CaseStage.number == 2).extension_days == 20

    clock(at(D(2026, 1, 14)))  # the old date has passed: not overdue, 19 working days to go
    assert case.reference not in queue_references(reviewer, "overdue")
    assert deadline_state(page(reviewer, case), 2, "respond") == ("10 February 2026", "due in 19 working days")
    assert not any(digest.digest_for(reviewer.user, D(2026, 1, 14)).values())
    clock(at(D(2026, 2, 6)))  # Friday 6 February: 9 and 10 February to go
    assert case.reference in queue_references(reviewer, "due_soon")
    [line] = digest.digest_for(reviewer.user, D(2026, 2, 6))["due_soon"]
    assert (line.reference, line.due_on, line.deadline) == (case.reference, D(2026, 2, 10), "due in 2 working days")
    clock(at(D(2026, 2, 11)))
    assert case.reference in queue_references(reviewer, "overdue")


# The stage 1 handler -----------------------------------------------------------------------

def test_the_stage_1_handler_is_not_offered_stage_2_decisions_and_is_refused_them(app, people, clock):
    handler = signed_in(app, name="Hana Handler")
    case = stage2_case(SimpleNamespace(handler=handler.user, reviewer=people.reviewer),
                       D(2025, 11, 3), D(2025, 11, 4), D(2025, 11, 17), D(2025, 12, 8), D(2025, 12, 11))
    clock(at(D(2026, 1, 9)))
    shown = parse(page(handler, case))
    offered = offered_actions(shown)
    assert "Add a note" in offered
    assert not {"Send the final (stage 2) response", "Extend the time for the stage 2 response"} & set(offered)
    assert shown.by_id("stage-2-note").text == ("You handled stage 1, so the stage 2 response and any extension "
                                                "must come from someone who did not: Rita Reviewer is reviewing it.")
    other = signed_in(app)
    offered = offered_actions(parse(page(other, case)))
    assert {"Send the final (stage 2) response", "Extend the time for the stage 2 response"} <= set(offered)

    token = csrf_token(handler, f"/staff/cases/{case.id}/note")
    for action, title in (("respond", "You cannot send the stage 2 response"),
                          ("extend", "You cannot extend the time for the stage 2 response")):
        response = handler.get(f"/staff/cases/{case.id}/{action}")
        html = response.get_data(as_text=True)
        assert response.status_code == 403 and h1_count(html) == 1 and title_starts_with_h1(html)[0]
        assert parse(html).find_all("h1")[0].text == title
        assert "Rita Reviewer is reviewing it at stage 2." in parse(html).text
        posted = handler.post(f"/staff/cases/{case.id}/{action}", data={
            "csrf_token": token, "days": "5", "reason": "More time", "ombudsman": "lgsco",
            "points-0-point": "A", "points-0-decision": "upheld", "points-0-reasons": "B"})
        assert posted.status_code == 403, action
    row = CaseStage.get(CaseStage.case == case, CaseStage.number == 2)
    assert (row.extension_days, row.responded_at) == (0, None)
    assert not OutboxMessage.select().where(OutboxMessage.template.in_(
        ["case_stage2_extension", "case_stage2_response"])).exists()
