"""What an officer may do to a case, and the plain-English refusal when they may not.

Every casework service checks these before it changes anything, so a refused action
leaves no trace. `CaseError`'s message is written for the officer and shown as it is.
"""
from app.cases.models import OUTCOMES, CaseStage
from app.db import utcnow


class CaseError(Exception):
    """An action the Complaint Handling Code (or the case's state) does not allow.
    `str(error)` is a plain-English sentence for the officer; `field` names the form field
    it is about, if any, so the form shows it there (app.forms.show_error)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def has_response(case):
    """Whether any stage of the case has had its response (after which it can be neither
    declined nor turned into a service request)."""
    return CaseStage.select().where(CaseStage.case == case, CaseStage.responded_at.is_null(False)).exists()


def now(at=None):
    """The moment of an action: `at` (naive UTC) or now."""
    return at or utcnow()


def require_open(case):
    """Closed and merged cases take no action but reopening."""
    if case.status == "merged":
        target = case.merged_into.reference if case.merged_into_id else "another case"
        raise CaseError(f"This case was merged into {target}. Make changes there instead.")
    if case.status == "closed":
        raise CaseError("This case is closed. Reopen it before making changes.")


def require_complaint(case):
    """The clocks, stages and letters are for complaints only."""
    require_open(case)
    if case.kind != "complaint":
        raise CaseError("This is a service request, so it is not on the complaint clocks. "
                        "Change it back to a complaint first.")


def require_text(value, message):
    text = (value or "").strip()
    if not text:
        raise CaseError(message)
    return text


def stage_row(case, number=None):
    """The CaseStage for `number` (default: the case's current stage), made if missing."""
    number = number or case.stage
    row = CaseStage.get_or_none(CaseStage.case == case, CaseStage.number == number)
    if row is None:
        row = CaseStage.create(case=case, number=number, started_at=case.received_at)
    return row


def open_pause(case):
    from app.cases.models import ClockPause

    return (ClockPause.select().where(ClockPause.case == case, ClockPause.ended_at.is_null())
            .order_by(ClockPause.id.desc()).first())


def check_decision(decision):
    if decision not in OUTCOMES or decision == "withdrawn":
        raise CaseError("Choose upheld, partly upheld or not upheld for each point")
    return decision


def overall_decision(decisions):
    """'upheld' when every point is, 'not_upheld' when none is, else 'partly_upheld'."""
    decisions = list(decisions)
    if decisions and all(d == "upheld" for d in decisions):
        return "upheld"
    if all(d == "not_upheld" for d in decisions):
        return "not_upheld"
    return "partly_upheld"
