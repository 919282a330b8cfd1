"""Closing a case (outcome, remedy, root cause, lessons learnt, links to root-cause actions)
and reopening it. Closing a complaint sends the resident the closing letter
(app.cases.closing_letter), then invites them to the post-interaction satisfaction survey
(the survey chosen on its settings page, or by the COMPLAINT_SURVEY_ID setting; none: no
invitation).
"""
from app.audit import services as audit
from app.cases import clocks, closing_letter, letters, timeline
from app.cases.models import OUTCOMES, ROOT_CAUSES, Case, CaseActionLink, CaseEvent
from app.cases.rules import CaseError, now, require_open, require_text, stage_row
from app.cases.stages import clean_pence, end_pause
from app.queue import transaction
from app.timefmt import to_london

REMEDY_FIELDS = ("remedy_apology", "remedy_action", "remedy_financial_pence")
CLOSED_NOTES = {"complaint": "Your complaint is closed.", "service_request": "Your request is closed."}


def close(case, outcome, *, remedy_apology=None, remedy_action=None, remedy_financial_pence=None,
          root_cause="", lessons_learnt="", actions=(), actor=None, at=None):
    """Close the case. Remedy fields left as None keep what the response recorded.
    `actions` are descriptions of root-cause actions to link (one CaseActionLink each)."""
    require_open(case)
    _check_closing(case, outcome, root_cause)
    pence = clean_pence(remedy_financial_pence)
    at = now(at)
    with transaction():
        if case.kind == "complaint" and outcome != "withdrawn" and stage_row(case).responded_at is None:
            raise CaseError(f"Send the stage {case.stage} response before closing, "
                            "or close the complaint as withdrawn")
        end_pause(case, actor, at)
        remedy = {"remedy_apology": None if remedy_apology is None else bool(remedy_apology),
                  "remedy_action": None if remedy_action is None else remedy_action.strip(),
                  "remedy_financial_pence": pence}
        for name, value in remedy.items():
            if value is not None:
                setattr(case, name, value)
        case.status, case.closed_at, case.outcome = "closed", at, outcome
        case.root_cause, case.lessons_learnt = root_cause, (lessons_learnt or "").strip()
        case.save(only=[Case.status, Case.closed_at, Case.outcome, Case.root_cause,
                        Case.lessons_learnt] + [getattr(Case, name) for name in REMEDY_FIELDS])
        links = [_propose_action(case, text.strip(), actor, at) for text in actions or () if (text or "").strip()]
        timeline.add(case, "closed", f"Closed: {OUTCOMES.get(outcome, 'done')}",
                     body=case.lessons_learnt, actor=actor, at=at)
        timeline.tell_resident(case, "closed", CLOSED_NOTES[case.kind], actor=actor, at=at)
        clocks.refresh(case)
        audit.record("case.closed", actor=actor, obj=case, summary=f"Case {case.reference} closed",
                     details={"outcome": outcome, "root_cause": root_cause, "actions": len(links),
                              "stage": case.stage})
        closing_letter.send(case, actor=actor, at=at)
        invite_to_survey(case, actor=actor, at=at)
    return case


def _propose_action(case, text, actor, at):
    """A follow-up typed at closing becomes a proposed action of the case's service, linked to it."""
    from app.actions import services as actions

    action = actions.propose_from_case(case, text, actor=actor, at=at)
    return CaseActionLink.get(case=case, action=action)


def _check_closing(case, outcome, root_cause):
    service_request_done = case.kind == "service_request" and outcome == ""
    if outcome not in OUTCOMES and not service_request_done:
        raise CaseError("Choose the outcome: upheld, partly upheld, not upheld or withdrawn", field="outcome")
    if root_cause and root_cause not in ROOT_CAUSES:
        raise CaseError("Choose a root cause from the list", field="root_cause")
    if case.kind == "complaint" and outcome in ("upheld", "partly_upheld") and not root_cause:
        raise CaseError("Choose the root cause of what went wrong", field="root_cause")


def complaint_survey():
    """The survey residents are invited to when their case closes (the COMPLAINT_SURVEY_ID
    setting, else the survey chosen on its settings page), or None."""
    from surveys.services import complaint_survey as chosen

    from app.queue import settings

    return chosen(settings().complaint_survey_id)


def invite_to_survey(case, *, actor=None, at=None):
    """Invite the resident (once per case) to the post-interaction survey; quietly nothing
    when no survey is set, it was not open when the case closed, we have no email address, or
    the resident asked us not to contact them."""
    from app.mail.models import OutboxMessage
    from surveys.invitations import invite_after_interaction

    survey = complaint_survey()
    person = case.person if case.person_id else None
    if survey is None or person is None or person.anonymised_at is not None or not person.email \
            or person.preferred_contact == "none":
        return None
    with letters._app():
        invitation = invite_after_interaction(survey, person.email, case.service, related=case,
                                              on=to_london(at).date() if at else None)
    if invitation is None:
        return None
    outbox = OutboxMessage.get_or_none(OutboxMessage.idempotency_key == f"survey-invitation:{invitation.id}")
    if outbox is not None and not CaseEvent.select().where(
            CaseEvent.case == case, CaseEvent.outbox_id == outbox.id).exists():
        timeline.add(case, "email_out", "Satisfaction survey invitation emailed",
                     actor=actor, at=at, outbox_id=outbox.id)
    return invitation


def reopen(case, reason, *, actor=None, at=None):
    """Open a closed case again (its outcome is cleared; the rest is kept to edit)."""
    if case.status == "merged":
        require_open(case)
    if case.status != "closed":
        raise CaseError("This case is already open")
    reason = require_text(reason, "Enter why the case is being reopened")
    with transaction():
        reopen_in_transaction(case, reason, actor=actor, at=now(at))
    return case


def reopen_in_transaction(case, reason, *, actor=None, at=None):
    case.status, case.closed_at, case.outcome = "open", None, ""
    case.save(only=[Case.status, Case.closed_at, Case.outcome])
    timeline.add(case, "reopened", "Reopened", body=reason, actor=actor, at=at)
    timeline.tell_resident(case, "in_progress", "We have reopened your case and are looking at it again.",
                           actor=actor, at=at)
    clocks.refresh(case)
    audit.record("case.reopened", actor=actor, obj=case, summary=f"Case {case.reference} reopened",
                 details={"stage": case.stage})
