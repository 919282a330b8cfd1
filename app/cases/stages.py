"""The two stages of the Complaint Handling Code: acknowledging, extending, pausing the clock,
responding, the resident's request for stage 2, the stage 2 reviewer and the Ombudsman.

Each function is one transaction: it checks the rules (raising `CaseError` with a sentence
for the officer), changes the stage rows, appends to the timeline, updates the resident's
/track timeline where they would expect it, recomputes the clocks, writes an audit entry
without personal data, and queues the letter (sent after commit, once per idempotency key).
All take `actor=` (the staff user; None for the resident or the system) and `at=` (naive
UTC; default now).
"""
from app.audit import services as audit
from app.auth.roles import ADMINISTRATOR, COMPLAINTS_OFFICER
from app.cases import clocks, letters, timeline
from app.cases.models import OMBUDSMEN, OUTCOMES, CaseStage, ClockPause, DecisionPoint
from app.cases.ombudsman import record_ombudsman_outcome, refer_to_ombudsman
from app.cases.rules import (CaseError, check_decision, now, open_pause, overall_decision,
                             require_complaint, require_open, require_text, stage_row)
from app.queue import transaction
from app.timefmt import london

__all__ = ["CaseError", "acknowledge", "extend", "may_decide", "pause", "resume", "send_holding_letter",
           "respond", "request_stage2", "set_reviewer", "stage1_handlers", "refer_to_ombudsman",
           "record_ombudsman_outcome"]
MAX_EXTENSION_DAYS = clocks.MAX_EXTENSION_DAYS
ACKNOWLEDGED_NOTES = {1: "A complaints officer has acknowledged your complaint (stage 1).",
                      2: "We have accepted your request for a stage 2 review."}
RESPONDED_NOTES = {1: "We have sent you our stage 1 response.",
                   2: "We have sent you our final (stage 2) response."}
EXTEND_BEFORE_ACKNOWLEDGING = {
    1: "Acknowledge the complaint before extending the time to respond",
    2: "Acknowledge the stage 2 request before extending the time to respond"}


def _record(action, case, actor, summary, **details):
    audit.record(f"case.{action}", actor=actor, obj=case, summary=summary,
                 details=dict(details, stage=case.stage))


def acknowledge(case, *, understanding="", send_letter=True, actor=None, at=None):
    """Acknowledge the current stage; `understanding` (the officer's summary of what the
    complaint is about) goes in the letter."""
    require_complaint(case)
    at = now(at)
    with transaction():
        row = stage_row(case)
        if row.acknowledged_at is not None:
            raise CaseError(f"Stage {row.number} was already acknowledged on "
                            f"{london(row.acknowledged_at, with_time=False)}")
        row.acknowledged_at = at
        row.save(only=[CaseStage.acknowledged_at])
        timeline.add(case, "acknowledged", f"Stage {row.number} acknowledged",
                     body=(understanding or "").strip(), actor=actor, at=at)
        clocks.refresh(case)
        timeline.tell_resident(case, "acknowledged", ACKNOWLEDGED_NOTES[row.number], actor=actor,
                               at=at, acknowledged=True)
        _record("acknowledged", case, actor, f"Case {case.reference}: stage {row.number} acknowledged")
        if send_letter:
            letters.acknowledgement(case, (understanding or "").strip(), actor=actor, at=at)
    return row


def extend(case, days, reason, *, ombudsman="", actor=None, at=None):
    """The one extension of the current stage's response that the Code allows: up to 10
    working days at stage 1, up to 20 at stage 2 (never by someone who handled stage 1),
    with a reason. The resident's letter gives the new date and the reason; at stage 2 it
    also says how to reach the Ombudsman (`ombudsman`, an OMBUDSMEN key; the LGSCO if none)."""
    require_complaint(case)
    reason = require_text(reason, "Enter the reason for the extension: the resident will be told it")
    number = case.stage
    limit = MAX_EXTENSION_DAYS[number]
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= limit:
        raise CaseError(f"An extension must be between 1 and {limit} working days")
    if ombudsman and ombudsman not in OMBUDSMEN:
        raise CaseError("Choose which Ombudsman the resident can go to")
    if not may_decide(case, actor):
        raise CaseError("You handled stage 1, so the stage 2 extension must come from someone else")
    at = now(at)
    with transaction():
        row = _ready_to_extend(case)
        row.extension_days, row.extension_reason, row.extended_at = days, reason, at
        row.save(only=[CaseStage.extension_days, CaseStage.extension_reason, CaseStage.extended_at])
        clocks.refresh(case)
        timeline.add(case, "extension", f"Stage {number} extended by {days} working day{'s' * (days != 1)}",
                     body=reason, actor=actor, at=at)
        _record("extended", case, actor, f"Case {case.reference}: stage {number} extended", days=days)
        letters.extension(case, row, ombudsman=ombudsman, actor=actor, at=at)
    return row


def _ready_to_extend(case):
    row = stage_row(case)
    if row.extended_at is not None or row.extension_days:
        raise CaseError(f"Stage {row.number} has already been extended. The Code allows one extension only.")
    if row.acknowledged_at is None:
        raise CaseError(EXTEND_BEFORE_ACKNOWLEDGING[row.number])
    if row.responded_at is not None:
        raise CaseError(f"The stage {row.number} response has already been sent")
    return row


def may_decide(case, user):
    """Whether `user` may take the current stage's decisions (the response, the extension):
    at stage 2, never someone who handled stage 1. None (the system) may."""
    return case.stage != 2 or user is None or user.id not in stage1_handlers(case)


def pause(case, reason, *, message="", actor=None, at=None):
    """Stop the clock while we wait for information only the resident can give. With
    `message`, a holding letter tells the resident what we need."""
    require_complaint(case)
    reason = require_text(reason, "Enter what you are waiting for from the resident")
    at = now(at)
    with transaction():
        if open_pause(case) is not None:
            raise CaseError("The clock is already paused")
        if stage_row(case).responded_at is not None:
            raise CaseError(f"The stage {case.stage} response has been sent, so there is no clock to pause")
        held = ClockPause.create(case=case, stage=case.stage, started_at=at, reason=reason)
        timeline.add(case, "paused", "Clock paused: waiting for the resident", body=reason,
                     actor=actor, at=at)
        clocks.refresh(case)
        _record("paused", case, actor, f"Case {case.reference}: clock paused")
        if (message or "").strip():
            letters.holding(case, message.strip(), key=f"holding:pause:{held.id}", actor=actor, at=at)
    return held


def resume(case, *, actor=None, at=None):
    """Restart the clock (the deadline moves by the working days it was paused)."""
    require_complaint(case)
    at = now(at)
    with transaction():
        held = end_pause(case, actor, at)
        if held is None:
            raise CaseError("The clock is not paused")
        clocks.refresh(case)
        _record("resumed", case, actor, f"Case {case.reference}: clock restarted")
    return held


def end_pause(case, actor, at):
    """End the open pause (if any) at `at`, inside the caller's transaction."""
    held = open_pause(case)
    if held is None:
        return None
    if at < held.started_at:
        raise CaseError("The clock cannot restart before the time it was paused")
    held.ended_at = at
    held.save(only=[ClockPause.ended_at])
    timeline.add(case, "resumed", "Clock restarted", actor=actor, at=at)
    return held


def send_holding_letter(case, message, *, actor=None, at=None):
    """Tell the resident where things are (the same message is only sent once)."""
    require_complaint(case)
    message = require_text(message, "Enter what the holding letter should tell the resident")
    with transaction():
        event = letters.holding(case, message, actor=actor, at=now(at))
        _record("holding_letter", case, actor, f"Case {case.reference}: holding letter sent")
    return event


def respond(case, points, *, remedy_apology=False, remedy_action="", remedy_financial_pence=None,
            remedy="", outstanding_actions="", ombudsman="", actor=None, at=None):
    """Send the current stage's response: a decision with reasons on each point
    ([{"point", "decision", "reasons"}]), the remedy, outstanding actions, and how to go
    on (the stage 2 link, or the Ombudsman at stage 2). `remedy` is another name for
    `remedy_action`. An open pause ends when the response is sent."""
    require_complaint(case)
    cleaned = _clean_points(points)
    pence = clean_pence(remedy_financial_pence)
    if ombudsman and ombudsman not in OMBUDSMEN:
        raise CaseError("Choose which Ombudsman the resident can go to")
    at = now(at)
    with transaction():
        row = _ready_to_respond(case, actor)
        end_pause(case, actor, at)
        rows = [DecisionPoint.create(case=case, stage=row.number, position=n, **point)
                for n, point in enumerate(cleaned)]
        decision = overall_decision(p["decision"] for p in cleaned)
        row.responded_at = at
        row.handler = row.handler or case.assigned_to or actor
        row.ombudsman = (ombudsman or letters.DEFAULT_OMBUDSMAN) if row.number == 2 else ""
        row.save(only=[CaseStage.responded_at, CaseStage.handler, CaseStage.ombudsman])
        remedies = _save_remedy(case, remedy_apology, (remedy_action or remedy or "").strip(), pence)
        timeline.add(case, "decision", f"Stage {row.number} decision: {OUTCOMES[decision]}",
                     body=_points_text(cleaned), actor=actor, at=at)
        letters.response(case, rows, decision=decision, remedy=remedies,
                         outstanding_actions=(outstanding_actions or "").strip(),
                         ombudsman=ombudsman, actor=actor, at=at)
        timeline.add(case, "responded", f"Stage {row.number} response sent", actor=actor, at=at)
        timeline.tell_resident(case, "responded", RESPONDED_NOTES[row.number], actor=actor, at=at)
        clocks.refresh(case)
        _record("responded", case, actor, f"Case {case.reference}: stage {row.number} response sent",
                decision=decision, points=len(rows))
    return row


def _ready_to_respond(case, actor):
    row = stage_row(case)
    if row.acknowledged_at is None:
        raise CaseError(f"Acknowledge stage {row.number} before sending the response")
    if row.responded_at is not None:
        raise CaseError(f"The stage {row.number} response has already been sent")
    if row.number == 2:
        handlers = stage1_handlers(case)
        if not may_decide(case, actor):
            raise CaseError("You handled stage 1, so the stage 2 response must come from someone else")
        if row.handler_id is not None and row.handler_id in handlers:
            raise CaseError("The stage 2 reviewer handled stage 1. Choose a different reviewer.")
        if row.handler_id is None and actor is None:
            raise CaseError("Choose a stage 2 reviewer before sending the stage 2 response")
    return row


def _clean_points(points):
    cleaned = []
    for n, point in enumerate(points or [], start=1):
        text = (point.get("point") or "").strip()
        if not text:
            continue
        cleaned.append({"point": text, "decision": check_decision(point.get("decision")),
                        "reasons": require_text(point.get("reasons"),
                                                f"Give the reasons for the decision on point {n}")})
    if not cleaned:
        raise CaseError("Enter at least one point of the complaint and the decision on it")
    return cleaned


def clean_pence(value):
    if value is None or value == "":
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise CaseError("Enter the financial redress as an amount of money, like 25.00")
    return value


def _save_remedy(case, apology, action, pence):
    from app.cases.models import Case

    case.remedy_apology, case.remedy_action, case.remedy_financial_pence = bool(apology), action, pence
    case.save(only=[Case.remedy_apology, Case.remedy_action, Case.remedy_financial_pence])
    return {"apology": bool(apology), "action": action, "financial_pence": pence}


def _points_text(points):
    return "\n\n".join(f"{n}. {p['point']}\nDecision: {OUTCOMES[p['decision']]}\nWhy: {p['reasons']}"
                       for n, p in enumerate(points, start=1))


def request_stage2(case, reason, *, actor=None, at=None):
    """The resident (actor None) or an officer on their behalf asks for stage 2, after the
    stage 1 response. A case closed after stage 1 reopens."""
    if case.status != "closed":
        require_open(case)
    if case.kind != "complaint":
        raise CaseError("Only a complaint can go to stage 2")
    if case.stage >= 2:
        raise CaseError("A stage 2 review has already been asked for")
    reason = require_text(reason, "Enter why the resident is unhappy with the stage 1 response")
    at = now(at)
    with transaction():
        if stage_row(case, 1).responded_at is None:
            raise CaseError("Stage 2 can only be asked for after the stage 1 response has been sent")
        if case.status == "closed":
            from app.cases.closing import reopen_in_transaction

            reopen_in_transaction(case, "The resident asked for a stage 2 review", actor=actor, at=at)
        CaseStage.create(case=case, number=2, started_at=at, escalation_reason=reason)
        case.stage = 2
        case.save(only=[type(case).stage])
        timeline.add(case, "stage_change", "Stage 2 review requested", body=reason, actor=actor,
                     at=at, stage=2)
        timeline.tell_resident(case, "in_progress", "You asked us to review your complaint at stage 2.",
                               actor=actor, at=at)
        clocks.refresh(case)
        _record("stage2_requested", case, actor, f"Case {case.reference}: stage 2 requested",
                by="officer" if actor is not None else "resident")
    return case


def stage1_handlers(case):
    """Ids of the staff who handled stage 1: its recorded handler (the assignee when the
    response went) and whoever sent the stage 1 response."""
    row = CaseStage.get_or_none(CaseStage.case == case, CaseStage.number == 1)
    ids = {row.handler_id} if row is not None else set()
    ids |= {event.actor_id for event in timeline.events(case, ["responded"]) if event.stage == 1}
    return ids - {None}


def set_reviewer(case, user, *, actor=None, at=None):
    """Choose the stage 2 reviewer (never a stage 1 handler); the case is assigned to them."""
    require_complaint(case)
    if case.stage != 2:
        raise CaseError("Choose a stage 2 reviewer once the resident has asked for stage 2")
    if user is None or not user.active or user.role not in (ADMINISTRATOR, COMPLAINTS_OFFICER):
        raise CaseError("The reviewer must be an active complaints officer or administrator")
    if user.id in stage1_handlers(case):
        raise CaseError(f"{user.name} handled stage 1, so they cannot review it at stage 2. "
                        "Choose someone else.")
    at = now(at)
    with transaction():
        row = stage_row(case, 2)
        if row.responded_at is not None:
            raise CaseError("The stage 2 response has already been sent")
        row.handler = user
        row.save(only=[CaseStage.handler])
        case.assigned_to = user
        case.save(only=[type(case).assigned_to])
        timeline.add(case, "assigned", f"Stage 2 reviewer: {user.name}", actor=actor, at=at)
        _record("reviewer_set", case, actor, f"Case {case.reference}: stage 2 reviewer chosen",
                reviewer_id=user.id)
    return row
