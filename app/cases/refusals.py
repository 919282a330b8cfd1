"""Declining to accept a complaint (Complaint Handling Code, section 2, Exclusions), and
reversing that.

An officer may decline an open complaint that has had no response, for one of the Code's
exclusions (EXCLUSIONS) with their reasons in plain words. The case closes as "not accepted"
(outcome NOT_ACCEPTED: never a decision on the complaint, so never in the upheld rate or the
outcome counts), the timeline and the audit log record it, and the resident is sent a letter
(by email, or to post) giving the reason and their right to ask the Ombudsman. An officer may
reverse a refusal: the case opens again with its clocks, and the refusal stops counting.

Both take `actor=` and `at=` (naive UTC) and own their transaction, like app.cases.services.
"""
from app.audit import services as audit
from app.cases import clocks, letters, timeline
from app.cases.closing import reopen_in_transaction
from app.cases.closing_letter import ombudsman_for
from app.cases.models import EXCLUSIONS, NOT_ACCEPTED, Case, CaseRefusal
from app.cases.rules import CaseError, has_response, now, require_complaint, require_text
from app.queue import transaction

TEMPLATE = "case_refusal"
REASONS_LENGTH = 5000
OTHER_LENGTH = 200
RESIDENT_NOTE = ("We have not accepted this as a complaint. We have written to you to explain why "
                 "and what you can do next.")


def is_refused(case):
    return case.status == "closed" and case.outcome == NOT_ACCEPTED


def current(case):
    """The refusal in force on a case, or None."""
    if not is_refused(case):
        return None
    return (CaseRefusal.select().where(CaseRefusal.case == case, CaseRefusal.reversed_at.is_null())
            .order_by(CaseRefusal.refused_at.desc(), CaseRefusal.id.desc()).first())


def _check(case, exclusion, other, reasons):
    require_complaint(case)
    if has_response(case):
        raise CaseError("This complaint has had a response, so it can no longer be declined. "
                        "Close it with its outcome instead.")
    if exclusion not in EXCLUSIONS:
        raise CaseError("Choose why the complaint is not being accepted", field="exclusion")
    other = (other or "").strip()
    if exclusion == "other" and not other:
        raise CaseError("Enter the reason the complaint is not being accepted", field="other")
    if len(other) > OTHER_LENGTH:
        raise CaseError(f"The other reason must be {OTHER_LENGTH} characters or fewer", field="other")
    reasons = (reasons or "").strip()
    if not reasons:
        raise CaseError("Enter your reasons, in plain words, for the resident", field="reasons")
    if len(reasons) > REASONS_LENGTH:
        raise CaseError(f"The reasons must be {REASONS_LENGTH} characters or fewer", field="reasons")
    return other if exclusion == "other" else "", reasons


def refuse(case, exclusion, reasons, *, other="", actor=None, at=None):
    """Decline to accept the complaint; returns the CaseRefusal."""
    other, reasons = _check(case, exclusion, other, reasons)
    at = now(at)
    with transaction():
        from app.cases.stages import end_pause

        end_pause(case, actor, at)
        CaseRefusal.update(reversed_at=at, reversal_reason="Reopened").where(
            CaseRefusal.case == case, CaseRefusal.reversed_at.is_null()).execute()
        refusal = CaseRefusal.create(case=case, exclusion=exclusion, other=other, reasons=reasons,
                                     refused_at=at, refused_by=actor)
        case.status, case.closed_at, case.outcome = "closed", at, NOT_ACCEPTED
        case.save(only=[Case.status, Case.closed_at, Case.outcome])
        timeline.add(case, "not_accepted", f"Not accepted as a complaint: {refusal.exclusion_label}",
                     body=reasons, actor=actor, at=at)
        timeline.tell_resident(case, "closed", RESIDENT_NOTE, actor=actor, at=at)
        clocks.refresh(case)
        audit.record("case.not_accepted", actor=actor, obj=case,
                     summary=f"Case {case.reference} not accepted as a complaint",
                     details={"exclusion": exclusion, "refusal_id": refusal.id, "stage": case.stage})
        _letter(case, refusal, actor, at)
    return refusal


def _letter(case, refusal, actor, at):
    context = {"exclusion": refusal.exclusion_label, "reasons": refusal.reasons,
               "ombudsman": letters.OMBUDSMAN_CONTACTS[ombudsman_for(case)]}
    return letters.send(case, TEMPLATE, context, key=f"refusal:{refusal.id}", actor=actor, at=at)


def reverse(case, reason, *, actor=None, at=None):
    """Reverse the refusal: the complaint opens again, with its clocks; returns the case."""
    refusal = current(case)
    if refusal is None:
        raise CaseError("This case has not been declined, so there is nothing to reverse")
    reason = require_text(reason, "Enter why the complaint is now being accepted")
    at = now(at)
    with transaction():
        refusal.reversed_at, refusal.reversed_by, refusal.reversal_reason = at, actor, reason
        refusal.save(only=[CaseRefusal.reversed_at, CaseRefusal.reversed_by, CaseRefusal.reversal_reason])
        reopen_in_transaction(case, f"Accepted as a complaint after all: {reason}", actor=actor, at=at)
        audit.record("case.refusal_reversed", actor=actor, obj=case,
                     summary=f"Case {case.reference}: decision not to accept reversed",
                     details={"refusal_id": refusal.id, "exclusion": refusal.exclusion})
    return case
