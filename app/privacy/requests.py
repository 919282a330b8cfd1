"""The subject access request queue: each request is due one calendar month after it was
received (the same day next month, or that month's last day when there is no such day)."""
import calendar
import datetime

from app.audit.services import record
from app.db import db, utcnow
from app.privacy.find import parse
from app.privacy.models import AccessRequest

SOON_DAYS = 7


def one_month_after(day):
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def log_request(identifier, requester, received_on, actor):
    """Record a request (its identifier is checked as a search first: QueryError if it cannot
    identify anyone, or if it is a name, which can match other people)."""
    kind, _ = parse(identifier)
    if kind == "name":
        from app.privacy.find import QueryError

        raise QueryError("Enter the resident's email address, phone number or a reference: a name can match "
                         "other people")
    with db.atomic():
        request = AccessRequest.create(identifier=" ".join(identifier.split()), requester=requester.strip(),
                                       received_on=received_on, due_on=one_month_after(received_on),
                                       created_by=actor, created_at=utcnow())
        record("privacy.request_logged", actor=actor, obj=request,
               summary=f"Subject access request {request.id} logged, due {request.due_on:%d %B %Y}")
    return request


def queue():
    """Open requests, soonest due first, then those sent (newest first)."""
    open_ = list(AccessRequest.select().where(AccessRequest.status == "open").order_by(AccessRequest.due_on))
    sent = list(AccessRequest.select().where(AccessRequest.status != "open")
                .order_by(AccessRequest.sent_on.desc(), AccessRequest.id.desc()).limit(50))
    return open_, sent


def state(request, today):
    """("overdue" | "soon" | "in time" | "sent", days left)."""
    if request.status != "open":
        return "sent", None
    left = (request.due_on - today).days
    return ("overdue" if left < 0 else "soon" if left <= SOON_DAYS else "in time"), left


def exported(request, actor, records):
    AccessRequest.update(exported_at=utcnow()).where(AccessRequest.id == request.id).execute()
    record("privacy.export", actor=actor, obj=request,
           summary=f"Subject access export for request {request.id}: {records} records")


def mark_sent(request, actor, today):
    with db.atomic():
        AccessRequest.update(status="sent", sent_on=today).where(AccessRequest.id == request.id).execute()
        record("privacy.request_answered", actor=actor, obj=request,
               summary=f"Subject access request {request.id} answered"
                       + (" late" if today > request.due_on else ""))


def save_review(request, redactions, withheld, actor):
    """Keep the officer's review (words to redact, records to leave out), audited with counts only."""
    import json

    from app.privacy.redaction import words

    kept_words = words(redactions)
    with db.atomic():
        AccessRequest.update(redactions="\n".join(kept_words), withheld=json.dumps(sorted(set(withheld))),
                             reviewed_at=utcnow()).where(AccessRequest.id == request.id).execute()
        record("privacy.request_reviewed", actor=actor, obj=request,
               summary=f"Subject access request {request.id} reviewed: {len(kept_words)} words to redact, "
                       f"{len(set(withheld))} records left out")
