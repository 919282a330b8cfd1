"""The decision on a complaint as its resident sees it on /track: the outcome, the latest
stage response (its date, each point's decision and reasons), what we did to put things
right, the date it closed, and where they can go next: the signed stage 2 link while stage 2
is still possible, the Ombudsman after the final response.

Answers app.feedback.tracking's `decision_wanted` signal (connected by `connect`, when the
public case blueprint is registered). Only what the letters already told the resident is
shown: never internal notes, root causes or lessons learnt.
"""
from flask import url_for

from app.cases import clocks, closing_letter, letters
from app.cases.models import OUTCOMES, Case, CaseItem, CaseStage, DecisionPoint
from app.cases.rules import overall_decision
from app.feedback import tracking
from app.languages import N_


def _case_of(item):
    link = CaseItem.get_or_none(CaseItem.item == item.id)
    case = Case.get_or_none(Case.id == link.case_id) if link else None
    for _ in range(5):  # a merged case's decision is the one it was merged into
        if case is None or case.status != "merged" or case.merged_into_id is None:
            break
        case = Case.get_or_none(Case.id == case.merged_into_id)
    return case


def _latest_response(case):
    return (CaseStage.select().where(CaseStage.case == case, CaseStage.responded_at.is_null(False))
            .order_by(CaseStage.number.desc()).first())


def _next_step(case, responded):
    """(stage 2 link, Ombudsman contact, Ombudsman that decided): at most one is set."""
    if case.ombudsman_decided_at is not None:
        return "", None, letters.OMBUDSMAN_CONTACTS[closing_letter.ombudsman_for(case)]["name"]
    if closing_letter.stage2_possible(case):
        return url_for("cases_public.escalate", token=letters.escalation_token(case)), None, ""
    if responded is not None and responded.number == 2:
        return "", letters.OMBUDSMAN_CONTACTS[closing_letter.ombudsman_for(case)], ""
    return "", None, ""


def decision_for(item):
    """The tracking.Decision for a feedback item's complaint, or None before any response
    (a complaint closed without one, as withdrawn, has a decision too)."""
    case = _case_of(item)
    if case is None or case.kind != "complaint":
        return None
    responded = _latest_response(case)
    closed = case.status == "closed"
    if responded is None and not closed:
        return None
    points = []
    if responded is not None:
        points = list(DecisionPoint.select().where(DecisionPoint.case == case,
                                                   DecisionPoint.stage == responded.number)
                      .order_by(DecisionPoint.position, DecisionPoint.id))
    if closed and case.outcome:
        outcome = case.outcome_label
    else:
        outcome = OUTCOMES[overall_decision(p.decision for p in points)] if points else N_("Not decided")
    stage2_url, ombudsman, decided = _next_step(case, responded)
    return tracking.Decision(
        stage=responded.number if responded is not None else case.stage, outcome=outcome,
        responded_on=clocks.local_date(responded.responded_at) if responded is not None else None,
        closed_on=clocks.local_date(case.closed_at) if closed else None,
        points=tuple((p.point, OUTCOMES.get(p.decision, p.decision), p.reasons) for p in points),
        remedy=tuple(closing_letter.remedy_sentences(case)), stage2_url=stage2_url, ombudsman=ombudsman,
        ombudsman_decided=decided)


def connect():
    """Answer /track's question for the decision (app.wiring calls this at start-up)."""
    tracking.decision_wanted.connect(decision_for, weak=False)
