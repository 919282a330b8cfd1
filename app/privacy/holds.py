"""Legal holds: while one stands, retention (app.privacy.retention) deletes and anonymises
nothing about its person or on its case. Placing and releasing a hold is audited with who,
when and the hold's id; the reason stays on the hold (it may name people), not in the log."""
from app.audit.services import record
from app.db import db, utcnow
from app.privacy.models import LegalHold

MAX_REASON = 2000


class HoldError(ValueError):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def target_of(query):
    """(case, person) the query names: a reference (its case, or the resident of feedback on
    no case), an email address or a phone number."""
    from app.cases.models import Case, CaseItem
    from app.feedback.models import FeedbackItem
    from app.feedback.tracking import normalise_reference
    from app.people.models import Person
    from app.people.services import normalise_email, normalise_phone

    text = " ".join(str(query or "").split())
    if not text:
        raise HoldError("Enter a reference, or the resident's email address or phone number", "target")
    reference = normalise_reference(text)
    if reference:
        case = Case.get_or_none(Case.reference == reference)
        if case is None:
            item = FeedbackItem.get_or_none(FeedbackItem.reference == reference)
            link = CaseItem.get_or_none(CaseItem.item == item) if item is not None else None
            case = link.case if link is not None else None
            if case is None and item is not None and item.person_id:
                return None, item.person
        if case is None:
            raise HoldError("No case or feedback has that reference", "target")
        return case, None
    if "@" in text:
        person = Person.get_or_none(Person.email == normalise_email(text))
    else:
        phone = normalise_phone(text)
        person = Person.get_or_none(Person.phone == phone) if phone else None
    if person is None:
        raise HoldError("No resident has that email address or phone number: enter it as they gave it, "
                        "or a reference", "target")
    return None, person


def place(query, reason, actor):
    reason = (reason or "").strip()
    if not reason:
        raise HoldError("Enter why the records must be kept", "reason")
    if len(reason) > MAX_REASON:
        raise HoldError(f"The reason must be {MAX_REASON:,} characters or fewer", "reason")
    case, person = target_of(query)
    with db.atomic():
        hold = LegalHold.create(case=case, person=person, reason=reason, created_by=actor, created_at=utcnow())
        record("privacy.hold_placed", actor=actor, obj=hold,
               summary=f"Legal hold {hold.id} placed on " + (f"case {case.reference}" if case else
                                                             f"resident {person.id}"))
    return hold


def release(hold, reason, actor):
    reason = (reason or "").strip()
    if not reason:
        raise HoldError("Enter why the hold can end", "reason")
    if len(reason) > MAX_REASON:
        raise HoldError(f"The reason must be {MAX_REASON:,} characters or fewer", "reason")
    if hold.released_at is not None:
        raise HoldError("This hold has already ended")
    with db.atomic():
        hold.released_at, hold.released_by, hold.release_reason = utcnow(), actor, reason
        hold.save()
        record("privacy.hold_released", actor=actor, obj=hold, summary=f"Legal hold {hold.id} released")
    return hold


def all_holds():
    """Standing holds first, newest first within each."""
    return list(LegalHold.select().order_by(LegalHold.released_at.is_null(False), LegalHold.created_at.desc(),
                                            LegalHold.id.desc()))


def describe(hold):
    """What the hold is on, in words: "case HRD-…", "<name> (a resident)"."""
    if hold.case_id:
        return f"case {hold.case.reference}"
    if hold.person_id:
        return f"{hold.person} (a resident)"
    return "a record that has since been deleted"


def standing():
    """({case id: reason}, {person id: reason}) of the holds that have not been released."""
    found = list(LegalHold.select().where(LegalHold.released_at.is_null()))
    return ({h.case_id: h.reason for h in found if h.case_id},
            {h.person_id: h.reason for h in found if h.person_id})
