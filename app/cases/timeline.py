"""The two timelines of a case.

- The officers' timeline: one CaseEvent per thing that happened (received, notes, emails in
  and out, calls, stage changes, extensions, decisions, ...). Rows are only ever added:
  database triggers refuse updates and deletes.
- The resident's timeline on /track: a FeedbackStatusChange on each feedback item of the
  case, in plain English, only for what the resident would expect to see (acknowledged,
  responded, being looked at again, closed). Never internal notes.
"""
from app.cases.models import EVENT_KINDS, CaseEvent, CaseItem
from app.db import utcnow
from app.feedback.models import STATUSES, FeedbackItem, FeedbackStatusChange

SUMMARY_LENGTH = 300


def add(case, kind, summary="", *, body="", actor=None, at=None, item=None, outbox_id=None,
        inbound_id=None, stage=None):
    """Append one event to the case's timeline and return it. `item` is a FeedbackItem or
    its id; `stage` defaults to the case's current stage."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown case event kind {kind!r}")
    item_id = getattr(item, "id", item)
    return CaseEvent.create(
        case=case, kind=kind, summary=(summary or EVENT_KINDS[kind])[:SUMMARY_LENGTH],
        body=body or "", actor=actor, at=at or utcnow(), item_id=item_id, outbox_id=outbox_id,
        inbound_id=inbound_id, stage=stage if stage is not None else case.stage)


def events(case, kinds=None):
    """The case's events, oldest first (ties in the order they were added)."""
    query = CaseEvent.select().where(CaseEvent.case == case)
    if kinds:
        query = query.where(CaseEvent.kind.in_(list(kinds)))
    return list(query.order_by(CaseEvent.at, CaseEvent.id))


def latest(case, kind, stage=None):
    """The most recent event of `kind` (in `stage`, if given), or None."""
    query = CaseEvent.select().where(CaseEvent.case == case, CaseEvent.kind == kind)
    if stage is not None:
        query = query.where(CaseEvent.stage == stage)
    return query.order_by(CaseEvent.at.desc(), CaseEvent.id.desc()).first()


def item_ids(case):
    return [row.item_id for row in CaseItem.select(CaseItem.item).where(CaseItem.case == case)]


def tell_resident(case, status, note="", *, actor=None, at=None, acknowledged=False):
    """Move every item of the case to `status` on the resident's /track timeline, with a
    plain-English public note. With `acknowledged`, items not yet acknowledged get
    their acknowledged_at set to `at`."""
    if status not in STATUSES:
        raise ValueError(f"unknown feedback status {status!r}")
    at = at or utcnow()
    ids = item_ids(case)
    if not ids:
        return
    FeedbackItem.update(status=status).where(FeedbackItem.id.in_(ids)).execute()
    if acknowledged:
        FeedbackItem.update(acknowledged_at=at).where(
            FeedbackItem.id.in_(ids), FeedbackItem.acknowledged_at.is_null()).execute()
    FeedbackStatusChange.insert_many([
        {"item": item_id, "status": status, "at": at, "actor_id": getattr(actor, "id", None),
         "public_note": note} for item_id in ids]).execute()
