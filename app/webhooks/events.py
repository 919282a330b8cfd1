"""Which committed rows are events, what each event's payload says, and the dispatcher that
turns new rows into deliveries (one per matching active subscription).

Two sources, each read in id order from a cursor (WebhookCursor):
- "audit": the audit log, written in the same transaction as each change;
- "prediction": the classifier's Prediction rows, written in the transaction that marks an
  item classified (classification writes no audit line).

Ids are handed out before commit, so on PostgreSQL a row with a smaller id can commit after a
larger one was read. The cursor only moves past a missing id once it has stayed missing for
GAP_WAIT (a rolled-back transaction leaves a gap for ever); rows after it are read again
meanwhile, and the unique (subscription, event_key) index makes that harmless.
"""
import datetime
import json
import logging

from app.db import db, utcnow
from app.webhooks.models import WebhookCursor, WebhookDelivery, WebhookSubscription

EVENTS = {
    "feedback.received": "Feedback received",
    "feedback.classified": "Feedback classified",
    "case.opened": "Case opened",
    "case.stage_changed": "Case stage changed (escalated to stage 2)",
    "case.closed": "Case closed",
    "action.done": "Action done",
}
TEST_EVENT = "test"
# audit action -> event name (action.status_changed counts only when the action became done)
AUDIT_EVENTS = {
    "feedback.received": "feedback.received",
    "case.opened": "case.opened",
    "case.stage2_requested": "case.stage_changed",
    "case.closed": "case.closed",
    "action.status_changed": "action.done",
}
log = logging.getLogger(__name__)
BATCH = 500
GAP_WAIT = datetime.timedelta(minutes=2)


def iso(moment):
    return moment.replace(microsecond=0).isoformat() + "Z" if moment else None


def _service_slug(service_id):
    from app.org.models import ServiceArea

    found = ServiceArea.get_or_none(ServiceArea.id == service_id) if service_id else None
    return found.slug if found else None


def _feedback_data(item_id):
    from app.feedback.models import FeedbackItem

    item = FeedbackItem.get_or_none(FeedbackItem.id == item_id)
    if item is None:
        return {"feedback_id": item_id}
    return {"feedback_id": item.id, "reference": item.reference, "kind": item.kind,
            "channel": item.channel, "service": _service_slug(item.service_id), "status": item.status}


# The case's status and stage as the event left them (the case may have moved on since).
CASE_STATE = {"case.opened": ("open", 1), "case.stage_changed": ("open", 2), "case.closed": ("closed", None)}


def _case_data(event, case_id, details):
    from app.cases.models import Case

    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        return {"case_id": case_id}
    status, stage = CASE_STATE[event]
    data = {"case_id": case.id, "reference": case.reference, "kind": case.kind,
            "service": _service_slug(case.service_id), "status": status,
            "stage": details.get("stage", stage or case.stage), "urgent": bool(case.urgent)}
    if "outcome" in details:
        data["outcome"] = details["outcome"]
    return data


def _action_data(action_id):
    from app.actions.models import Action

    action = Action.get_or_none(Action.id == action_id)
    if action is None:
        return {"action_id": action_id, "status": "done"}
    return {"action_id": action.id, "service": _service_slug(action.service_id), "status": action.status,
            "done_at": iso(action.done_at)}


def _audit_event(row):
    """(event name, payload data) for an audit row, or None when it is not an event."""
    event = AUDIT_EVENTS.get(row.action)
    if event is None:
        return None
    details = json.loads(row.details or "{}")
    if event == "action.done":
        if details.get("to") != "done" or details.get("from") == "done":
            return None
        return event, _action_data(int(row.object_id))
    if event == "feedback.received":
        return event, dict(_feedback_data(int(row.object_id)), status="received")
    return event, _case_data(event, int(row.object_id), details)


def _prediction_event(row):
    data = _feedback_data(row.item_id)
    data["sentiment"] = row.sentiment
    return "feedback.classified", data


def _audit_rows(after, limit):
    from app.audit.models import AuditEvent

    return [(row.id, row.at, row) for row in AuditEvent.select()
            .where(AuditEvent.id > after).order_by(AuditEvent.id).limit(limit)]


def _prediction_rows(after, limit):
    from app.learning.models import Prediction

    return [(row.id, None, row) for row in Prediction.select()
            .where(Prediction.id > after).order_by(Prediction.id).limit(limit)]


def _audit_top():
    from app.audit.models import AuditEvent
    from peewee import fn

    return AuditEvent.select(fn.MAX(AuditEvent.id)).scalar() or 0


def _prediction_top():
    from app.learning.models import Prediction
    from peewee import fn

    return Prediction.select(fn.MAX(Prediction.id)).scalar() or 0


SOURCES = {
    "audit": (_audit_rows, _audit_top, _audit_event),
    "prediction": (_prediction_rows, _prediction_top, _prediction_event),
}


def cursor_for(source):
    """The source's cursor; the first time, it starts at the newest row (history is not replayed)."""
    found = WebhookCursor.get_or_none(WebhookCursor.source == source)
    if found is None:
        WebhookCursor.insert(source=source, last_id=SOURCES[source][1]()).on_conflict_ignore().execute()
        found = WebhookCursor.get(WebhookCursor.source == source)
    return found


def _settled(last_id, ids, cursor, now):
    """(new last id, gap_since): past each id in order while none is missing, or past a missing
    one that has been missing for GAP_WAIT."""
    gap_since = None
    for row_id in ids:
        if row_id != last_id + 1:
            first_seen = cursor.gap_since if cursor.last_id == last_id and cursor.gap_since else now
            if now - first_seen < GAP_WAIT:
                return last_id, first_seen
        last_id = row_id
    return last_id, gap_since


def add_delivery(subscription, event, event_key, occurred_at, data):
    """One delivery (nothing if this subscription already has one for `event_key`)."""
    return (WebhookDelivery.insert(subscription=subscription, event=event, event_key=event_key,
                                   occurred_at=occurred_at, payload=json.dumps(data, sort_keys=True),
                                   status="pending", next_attempt_at=utcnow(), created_at=utcnow())
            .on_conflict_ignore().execute())


def dispatch(now=None):
    """Turn every new event row into deliveries; returns how many source rows were read."""
    now, read = now or utcnow(), 0
    subscriptions = list(WebhookSubscription.select().where(WebhookSubscription.active == True))  # noqa: E712
    for source, (rows_after, _, event_of) in SOURCES.items():
        with db.atomic():
            cursor = cursor_for(source)
            rows = rows_after(cursor.last_id, BATCH)
            for row_id, at, row in rows:
                _deliver_row(subscriptions, source, row_id, at or now, row, event_of)
            last_id, gap_since = _settled(cursor.last_id, [r[0] for r in rows], cursor, now)
            (WebhookCursor.update(last_id=last_id, gap_since=gap_since)
             .where(WebhookCursor.source == source, WebhookCursor.last_id <= last_id).execute())
        read += len(rows)
    return read


def _deliver_row(subscriptions, source, row_id, at, row, event_of):
    wanted = [s for s in subscriptions if s.created_at <= at]
    if not wanted:
        return
    try:
        found = event_of(row)
    except (ValueError, TypeError, LookupError) as error:  # a malformed row never blocks the rest
        log.warning("webhooks: %s row %s skipped: %s", source, row_id, type(error).__name__)
        return
    if found is None:
        return
    event, data = found
    for subscription in wanted:
        if event in subscription.event_names:
            add_delivery(subscription, event, f"{source}:{row_id}", at, data)
