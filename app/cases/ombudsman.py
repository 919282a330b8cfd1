"""Recording that a resident took their complaint to the Ombudsman, and what it decided.

The Ombudsman usually becomes involved after the council's final response, when the case
may already be closed, so these work on closed cases too (never on merged ones).
Re-exported by app.cases.stages.
"""
from app.audit import services as audit
from app.cases import timeline
from app.cases.models import OMBUDSMEN, Case
from app.cases.rules import CaseError, now, require_text
from app.queue import transaction


def _require_case(case):
    if case.status == "merged":
        raise CaseError("This case was merged into another case. Record the Ombudsman there.")
    if case.kind != "complaint":
        raise CaseError("Only a complaint can be referred to the Ombudsman")


def refer_to_ombudsman(case, ombudsman, *, actor=None, at=None):
    """Record that the resident took the complaint to `ombudsman` (an OMBUDSMEN key)."""
    _require_case(case)
    if ombudsman not in OMBUDSMEN:
        raise CaseError("Choose which Ombudsman the complaint went to")
    if case.ombudsman_referred_at is not None:
        name = OMBUDSMEN.get(case.ombudsman, "Ombudsman")
        raise CaseError(f"This case is already recorded as referred to the {name}")
    at = now(at)
    with transaction():
        case.ombudsman, case.ombudsman_referred_at = ombudsman, at
        case.save(only=[Case.ombudsman, Case.ombudsman_referred_at])
        timeline.add(case, "ombudsman", f"Referred to the {OMBUDSMEN[ombudsman]}", actor=actor, at=at)
        audit.record("case.ombudsman_referred", actor=actor, obj=case,
                     summary=f"Case {case.reference}: referred to the Ombudsman",
                     details={"ombudsman": ombudsman})
    return case


def record_ombudsman_outcome(case, outcome, *, actor=None, at=None):
    """Record what the Ombudsman decided (in the officer's words)."""
    _require_case(case)
    if case.ombudsman_referred_at is None:
        raise CaseError("Record the referral to the Ombudsman before its outcome")
    if case.ombudsman_decided_at is not None:
        raise CaseError("The Ombudsman's outcome is already recorded")
    outcome = require_text(outcome, "Enter what the Ombudsman decided")
    at = now(at)
    with transaction():
        case.ombudsman_outcome, case.ombudsman_decided_at = outcome, at
        case.save(only=[Case.ombudsman_outcome, Case.ombudsman_decided_at])
        timeline.add(case, "ombudsman", f"{OMBUDSMEN[case.ombudsman]}: outcome recorded",
                     body=outcome, actor=actor, at=at)
        audit.record("case.ombudsman_outcome", actor=actor, obj=case,
                     summary=f"Case {case.reference}: Ombudsman's outcome recorded",
                     details={"ombudsman": case.ombudsman})
    return case
