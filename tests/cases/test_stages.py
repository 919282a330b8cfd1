"""The two stages and closing, with the Code's rules: acknowledge before responding, one stage 1
extension of at most 10 working days with a reason, pauses, stage 2 only after a stage 1
response and never reviewed by the stage 1 handler, the Ombudsman, closing (with the survey)
and reopening. Each change tells the resident where they would expect it, and mails once."""
import datetime
import json

import pytest

from app.audit.models import AuditEvent
from app.cases import clocks, closing, services, stages, timeline
from app.cases.models import Case, CaseActionLink, CaseStage, ClockPause, DecisionPoint
from app.cases.rules import CaseError
from app.feedback.models import FeedbackItem, FeedbackStatusChange
from app.mail.models import OutboxMessage
from tests.cases.stage_helpers import complaint_case, on, responded
from tests.factories import create_feedback, create_person, create_user

DAY = datetime.timedelta(days=1)
POINTS = [{"point": "The pothole was not repaired", "decision": "upheld",
           "reasons": "The repair was booked but the crew never came"},
          {"point": "Nobody answered my calls", "decision": "not_upheld",
           "reasons": "Our records show two calls returned"}]


@pytest.fixture
def officer(app):
    return create_user("complaints_officer", name="Olive Officer")


@pytest.fixture
def case(app):
    return complaint_case(email="resident@example.com")


def _due(case, stage, what):
    return next(d for d in clocks.deadlines(Case.get_by_id(case.id)) if (d.stage, d.what) == (stage, what))


def _statuses(case):
    item_id = timeline.item_ids(case)[0]
    return [(c.status, c.public_note) for c in FeedbackStatusChange.select()
            .where(FeedbackStatusChange.item == item_id).order_by(FeedbackStatusChange.id)]


def _mail(purpose):
    return list(OutboxMessage.select().where(OutboxMessage.purpose == purpose))


def test_acknowledging_starts_the_response_clock_tells_the_resident_and_mails_once(case, officer):
    stages.acknowledge(case, understanding="You want the pothole on Mill Lane repaired", actor=officer,
                       at=on(4))
    row = CaseStage.get(CaseStage.case == case, CaseStage.number == 1)
    assert row.acknowledged_at == on(4)
    assert _due(case, 1, "respond").due_on == datetime.date(2026, 3, 18)
    assert Case.get_by_id(case.id).next_due_what == "respond"
    assert _statuses(case)[-1] == ("acknowledged",
                                   "A complaints officer has acknowledged your complaint (stage 1).")
    assert FeedbackItem.get_by_id(timeline.item_ids(case)[0]).acknowledged_at == on(4)
    [letter] = _mail("case_acknowledgement")
    assert letter.to_address == "resident@example.com" and letter.auto_submitted == "no"
    assert "You want the pothole on Mill Lane repaired" in letter.text_body
    assert "Wednesday 18 March 2026" in letter.text_body
    event = timeline.latest(case, "email_out")
    assert event.outbox_id == letter.id
    with pytest.raises(CaseError, match="already acknowledged"):
        stages.acknowledge(case, actor=officer)
    assert len(_mail("case_acknowledgement")) == 1
    [entry] = AuditEvent.select().where(AuditEvent.action == "case.acknowledged")
    assert json.loads(entry.details) == {"stage": 1} and "Mill Lane" not in entry.summary


def test_the_response_needs_an_acknowledgement_first(case, officer):
    with pytest.raises(CaseError, match="Acknowledge stage 1 before sending the response"):
        stages.respond(case, POINTS, actor=officer)
    assert DecisionPoint.select().count() == 0


def test_one_extension_of_up_to_ten_working_days_with_a_reason(case, officer):
    with pytest.raises(CaseError, match="Acknowledge the complaint before extending"):
        stages.extend(case, 5, "Waiting for the contractor", actor=officer)
    stages.acknowledge(case, actor=officer, at=on(4))
    with pytest.raises(CaseError, match="between 1 and 10 working days"):
        stages.extend(case, 11, "Too long", actor=officer)
    with pytest.raises(CaseError, match="between 1 and 10"):
        stages.extend(case, 0, "None", actor=officer)
    with pytest.raises(CaseError, match="Enter the reason"):
        stages.extend(case, 5, "  ", actor=officer)
    stages.extend(case, 5, "We are waiting for the contractor's report", actor=officer, at=on(12))
    assert _due(case, 1, "respond").due_on == datetime.date(2026, 3, 25)
    with pytest.raises(CaseError, match="one extension only"):
        stages.extend(case, 2, "Again", actor=officer)
    [letter] = _mail("case_extension")
    assert "contractor's report" in letter.text_body and "Wednesday 25 March 2026" in letter.text_body
    assert "by 5 working days" in letter.text_body
    assert timeline.latest(case, "extension").summary == "Stage 1 extended by 5 working days"


def test_a_pause_moves_the_deadline_and_can_send_a_holding_letter(case, officer):
    stages.acknowledge(case, actor=officer, at=on(4))
    stages.pause(case, "Photos of the damage", message="Please send us photos of the damage to your car.",
                 actor=officer, at=on(5))
    assert Case.get_by_id(case.id).paused and _due(case, 1, "respond").paused
    with pytest.raises(CaseError, match="already paused"):
        stages.pause(case, "again", actor=officer)
    [letter] = _mail("case_holding")
    assert "photos of the damage" in letter.text_body and "on hold" in letter.text_body
    with pytest.raises(CaseError, match="before the time it was paused"):
        stages.resume(case, actor=officer, at=on(4))
    stages.resume(case, actor=officer, at=on(9))
    assert not Case.get_by_id(case.id).paused
    assert _due(case, 1, "respond").due_on == datetime.date(2026, 3, 20)  # Thu 5 and Fri 6 held
    assert ClockPause.get(ClockPause.case == case).ended_at == on(9)
    with pytest.raises(CaseError, match="not paused"):
        stages.resume(case, actor=officer)
    assert [e.kind for e in timeline.events(case, ["paused", "resumed"])] == ["paused", "resumed"]


def test_a_holding_letter_with_the_same_words_is_sent_once(case, officer):
    stages.acknowledge(case, actor=officer, at=on(4))
    for _ in range(2):
        stages.send_holding_letter(case, "We are still waiting for the highways inspection.", actor=officer)
    assert len(_mail("case_holding")) == 1
    assert len([e for e in timeline.events(case, ["email_out"]) if "Holding" in e.summary]) == 1


def test_the_stage_1_response_records_each_decision_and_tells_the_resident(case, officer):
    stages.acknowledge(case, actor=officer, at=on(3))
    with pytest.raises(CaseError, match="reasons for the decision on point 1"):
        stages.respond(case, [{"point": "x", "decision": "upheld", "reasons": ""}], actor=officer)
    with pytest.raises(CaseError, match="Choose upheld, partly upheld or not upheld"):
        stages.respond(case, [{"point": "x", "decision": "withdrawn", "reasons": "y"}], actor=officer)
    with pytest.raises(CaseError, match="at least one point"):
        stages.respond(case, [{"point": " ", "decision": "upheld", "reasons": "y"}], actor=officer)
    stages.respond(case, POINTS, remedy_apology=True, remedy_action="We will repair it by Friday",
                   remedy_financial_pence=2550, outstanding_actions="The repair itself", actor=officer,
                   at=on(10))
    case = Case.get_by_id(case.id)
    assert [(p.position, p.decision) for p in DecisionPoint.select().order_by(DecisionPoint.position)] == [
        (0, "upheld"), (1, "not_upheld")]
    assert (case.remedy_apology, case.remedy_financial_pence, case.next_due_on) == (True, 2550, None)
    assert CaseStage.get(CaseStage.case == case, CaseStage.number == 1).handler_id == officer.id
    assert timeline.latest(case, "decision").summary == "Stage 1 decision: Partly upheld"
    assert _statuses(case)[-1] == ("responded", "We have sent you our stage 1 response.")
    [letter] = _mail("case_stage1_response")
    for words in ("stage 1 response", "partly upheld", "The pothole was not repaired", "Our decision: Upheld",
                  "crew never came", "We apologise", "repair it by Friday", "£25.50", "The repair itself",
                  "/complaint/escalate/"):
        assert words in letter.text_body, words
    with pytest.raises(CaseError, match="already been sent"):
        stages.respond(case, POINTS, actor=officer)


def test_a_response_ends_an_open_pause(case, officer):
    stages.acknowledge(case, actor=officer, at=on(3))
    stages.pause(case, "Photos", actor=officer, at=on(4))
    stages.respond(case, POINTS, actor=officer, at=on(6))
    assert ClockPause.get(ClockPause.case == case).ended_at == on(6)
    assert not Case.get_by_id(case.id).paused


def test_stage_2_only_after_the_stage_1_response(case, officer):
    with pytest.raises(CaseError, match="after the stage 1 response"):
        stages.request_stage2(case, "I am still unhappy")
    case = responded(case, officer, POINTS)
    with pytest.raises(CaseError, match="why the resident is unhappy"):
        stages.request_stage2(case, "")
    stages.request_stage2(case, "You did not look at my photos", at=on(16))
    case = Case.get_by_id(case.id)
    assert case.stage == 2 and case.next_due_what == "acknowledge"
    assert _due(case, 2, "acknowledge").due_on == datetime.date(2026, 3, 23)
    assert CaseStage.get(CaseStage.case == case, CaseStage.number == 2).escalation_reason == \
        "You did not look at my photos"
    assert _statuses(case)[-1] == ("in_progress", "You asked us to review your complaint at stage 2.")
    requested = AuditEvent.get(AuditEvent.action == "case.stage2_requested")
    assert json.loads(requested.details) == {"by": "resident", "stage": 2}
    with pytest.raises(CaseError, match="already been asked for"):
        stages.request_stage2(case, "Again")


def test_the_stage_2_reviewer_is_never_a_stage_1_handler(case, officer):
    assignee = create_user("complaints_officer", name="Ann Assignee")
    Case.update(assigned_to=assignee).where(Case.id == case.id).execute()
    case = responded(Case.get_by_id(case.id), officer, POINTS)
    stages.request_stage2(case, "Unhappy", at=on(16))
    case = Case.get_by_id(case.id)
    for handler in (assignee, officer):  # the assignee then, and the officer who sent it
        with pytest.raises(CaseError, match=f"{handler.name} handled stage 1"):
            stages.set_reviewer(case, handler, actor=officer)
    with pytest.raises(CaseError, match="active complaints officer or administrator"):
        stages.set_reviewer(case, create_user("analyst"), actor=officer)
    stages.acknowledge(case, actor=officer, at=on(17))
    with pytest.raises(CaseError, match="You handled stage 1"):
        stages.respond(case, POINTS, actor=officer, at=on(20))
    reviewer = create_user("complaints_officer", name="Rev Reviewer")
    stages.set_reviewer(case, reviewer, actor=officer)
    case = Case.get_by_id(case.id)
    assert case.assigned_to_id == reviewer.id
    assert timeline.latest(case, "assigned").summary == "Stage 2 reviewer: Rev Reviewer"
    stages.respond(case, POINTS, ombudsman="housing", actor=reviewer, at=on(20))
    [letter] = _mail("case_stage2_response")
    for words in ("stage 2 response", "final response", "Housing Ombudsman", "0300 111 3000",
                  "housing-ombudsman.org.uk"):
        assert words in letter.text_body, words
    assert "/complaint/escalate/" not in letter.text_body
    assert _statuses(case)[-1] == ("responded", "We have sent you our final (stage 2) response.")


def test_stage_2_acknowledgement_letter_and_clock(case, officer):
    case = responded(case, officer, POINTS)
    stages.request_stage2(case, "Unhappy", at=on(16))
    stages.acknowledge(Case.get_by_id(case.id), actor=officer, at=on(17))
    assert _due(case, 2, "respond").due_on == datetime.date(2026, 4, 16)  # 20 wd; Good Friday, Easter Monday
    [letter] = _mail("case_stage2_acknowledgement")
    assert "stage 2" in letter.text_body and "Thursday 16 April 2026" in letter.text_body
    assert _statuses(case)[-1] == ("acknowledged", "We have accepted your request for a stage 2 review.")


def test_closing_records_the_outcome_and_tells_the_resident(case, officer):
    with pytest.raises(CaseError, match="Send the stage 1 response before closing"):
        closing.close(case, "upheld", root_cause="delay", actor=officer)
    case = responded(case, officer, POINTS, remedy_apology=True)
    with pytest.raises(CaseError, match="Choose the outcome"):
        closing.close(case, "maybe", actor=officer)
    with pytest.raises(CaseError, match="root cause of what went wrong"):
        closing.close(case, "partly_upheld", actor=officer)
    closing.close(case, "partly_upheld", root_cause="contractor", lessons_learnt="Check crews turn up",
                  actions=["Review the contractor's booking system", " "], actor=officer, at=on(12))
    case = Case.get_by_id(case.id)
    assert (case.status, case.outcome, case.root_cause, case.closed_at) == ("closed", "partly_upheld",
                                                                            "contractor", on(12))
    assert case.remedy_apology and case.next_due_on is None  # kept from the response
    assert [a.description for a in CaseActionLink.select()] == ["Review the contractor's booking system"]
    assert _statuses(case)[-1] == ("closed", "Your complaint is closed.")
    assert timeline.latest(case, "closed").summary == "Closed: Partly upheld"
    with pytest.raises(CaseError, match="closed. Reopen it"):
        services.add_note(case, "late")
    with pytest.raises(CaseError, match="closed. Reopen it"):
        stages.extend(case, 3, "late")
    assert not _mail("survey_invitation")  # no survey set: nothing, quietly


def test_a_withdrawn_complaint_closes_without_a_response(case, officer):
    closing.close(case, "withdrawn", actor=officer)
    assert Case.get_by_id(case.id).status == "closed"


def test_closing_invites_the_resident_to_the_survey_once(app, case, officer):
    from tests.surveys.helpers import create_survey

    survey = create_survey(title="How did we handle your complaint?")
    app.config["HEARD"] = app.config["HEARD"].with_overrides(complaint_survey_id=survey.id)
    case = responded(case, officer, POINTS)
    closing.close(case, "not_upheld", actor=officer, at=on(12))
    assert closing.invite_to_survey(Case.get_by_id(case.id)) is not None  # again: the same invitation
    [invitation] = _mail("survey_invitation")
    assert invitation.to_address == "resident@example.com"
    assert timeline.latest(case, "email_out").summary == "Satisfaction survey invitation emailed"


def test_reopening_and_a_resident_escalating_a_closed_case(case, officer):
    case = responded(case, officer, POINTS)
    closing.close(case, "not_upheld", actor=officer, at=on(11))
    with pytest.raises(CaseError, match="why the case is being reopened"):
        closing.reopen(case, "")
    stages.request_stage2(Case.get_by_id(case.id), "Nobody listened", at=on(16))
    case = Case.get_by_id(case.id)
    assert (case.status, case.stage, case.outcome, case.closed_at) == ("open", 2, "", None)
    assert [e.kind for e in timeline.events(case)][-2:] == ["reopened", "stage_change"]
    with pytest.raises(CaseError, match="already open"):
        closing.reopen(case, "why")


def test_the_ombudsman_referral_and_outcome_are_recorded_even_after_closing(case, officer):
    case = responded(case, officer, POINTS)
    closing.close(case, "not_upheld", actor=officer, at=on(11))
    with pytest.raises(CaseError, match="referral to the Ombudsman before its outcome"):
        stages.record_ombudsman_outcome(case, "Upheld")
    with pytest.raises(CaseError, match="Choose which Ombudsman"):
        stages.refer_to_ombudsman(case, "nobody", actor=officer)
    stages.refer_to_ombudsman(case, "lgsco", actor=officer, at=on(20))
    stages.record_ombudsman_outcome(case, "No fault found", actor=officer, at=on(30))
    case = Case.get_by_id(case.id)
    assert (case.ombudsman, case.ombudsman_referred_at, case.ombudsman_outcome) == (
        "lgsco", on(20), "No fault found")
    assert [e.summary for e in timeline.events(case, ["ombudsman"])] == [
        "Referred to the Local Government and Social Care Ombudsman",
        "Local Government and Social Care Ombudsman: outcome recorded"]


def test_stage_actions_refuse_service_requests_and_merged_cases(app, officer):
    person = create_person()
    request = services.open_case(create_feedback(kind="service_request", person=person))
    for action in (lambda: stages.acknowledge(request), lambda: stages.pause(request, "x"),
                   lambda: stages.extend(request, 2, "x")):
        with pytest.raises(CaseError, match="service request"):
            action()
    source = services.case_of(create_feedback(person=person))
    target = services.case_of(create_feedback(person=person, service_slug="parking"))
    services.merge(source, target, "Same thing", actor=officer)
    with pytest.raises(CaseError, match="merged into"):
        stages.acknowledge(Case.get_by_id(source.id))
    with pytest.raises(CaseError, match="merged into"):
        closing.reopen(Case.get_by_id(source.id), "why")
