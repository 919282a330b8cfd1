"""What casework does when feedback arrives (run by the tasks in app.cases.tasks, after the
feedback's transaction commits; each is safe to run twice):

- a complaint opens a case — or, when the same resident already has an open complaint case about
  the same service, joins it (one resident, one issue, one case; officers can split it again);
- more information on an item in a case (an email reply, /track) goes on its timeline;
- a safeguarding flag on an item in a case marks the case urgent (and special category
  when the concern is about health).
"""
from peewee import JOIN

from app.audit import services as audit
from app.cases import services, timeline
from app.cases.models import Case, CaseEvent, CaseItem
from app.feedback.models import FeedbackItem, FeedbackUpdate
from app.queue import transaction

SAFEGUARDING_SUMMARY = services.SAFEGUARDING_SUMMARY
SWEEP_BATCH = 200
JOINED_REASON = "Same resident and service as this open case"
UPDATE_SUMMARIES = {"email": "Email from the resident",
                    "web": "The resident added information on the tracking page"}


def open_for_item(item_id):
    """Open the case for a complaint item, or join the resident's open case about the same
    service (once). Returns the case, or None."""
    item = FeedbackItem.get_or_none(FeedbackItem.id == item_id)
    if item is None or item.kind != "complaint":
        return None
    existing = services.case_of(item)
    if existing is not None:
        return existing
    related = open_case_of_resident(item)
    if related is not None:
        try:
            services.link_item(related, item, reason=JOINED_REASON)
            return related
        except services.CaseError:  # e.g. closed meanwhile: a case of its own
            pass
    return services.open_case(item)


def open_case_of_resident(item):
    """The resident's open complaint case about the item's service (never for anonymous items
    or items with no service: those cannot be told apart from someone else's)."""
    if item.person_id is None or item.anonymous or item.service_id is None:
        return None
    return (Case.select().where(Case.person == item.person_id, Case.service == item.service_id,
                                Case.status == "open", Case.kind == "complaint")
            .order_by(Case.received_at.desc()).first())


def complaints_without_case(limit=SWEEP_BATCH):
    """Ids of complaint items that have no case yet (for the sweep)."""
    query = (FeedbackItem.select(FeedbackItem.id)
             .join(CaseItem, JOIN.LEFT_OUTER, on=(CaseItem.item == FeedbackItem.id))
             .where(FeedbackItem.kind == "complaint", CaseItem.id.is_null())
             .order_by(FeedbackItem.id).limit(limit))
    return [row.id for row in query]


def record_update(update_id):
    """Put an update on its item's case timeline as "email_in" (once). Returns the event."""
    update = FeedbackUpdate.get_or_none(FeedbackUpdate.id == update_id)
    if update is None:
        return None
    case = services.case_of(update.item_id)
    if case is None:
        return None
    earlier = CaseEvent.select().where(CaseEvent.case == case, CaseEvent.kind == "email_in",
                                       CaseEvent.item_id == update.item_id)
    if update.inbound_message_id is not None:
        earlier = earlier.where(CaseEvent.inbound_id == update.inbound_message_id)
    else:
        earlier = earlier.where(CaseEvent.at == update.received_at, CaseEvent.inbound_id.is_null())
    if earlier.exists():
        return None
    summary = UPDATE_SUMMARIES.get(update.channel, f"More information ({update.channel})")
    if not update.from_resident:
        summary = f"More information added ({update.channel})"
    with transaction():
        return timeline.add(case, "email_in", summary, body=update.text, at=update.received_at,
                            item=update.item_id, inbound_id=update.inbound_message_id)


def mark_flagged(item_id):
    """A safeguarding flag on an item: its case becomes urgent (once per item)."""
    case = services.case_of(item_id)
    if case is None:
        return None
    with transaction():
        noted = services.carry_flags(case, [FeedbackItem.get_by_id(item_id)])
        if noted:
            audit.record("case.urgency_changed", obj=case,
                         summary=f"{case.reference}: marked urgent (safeguarding flag)",
                         details={"urgent": True, "item_id": item_id,
                                  "special_category": case.special_category})
    return case if noted else None


def flagged_without_event(limit=SWEEP_BATCH):
    """Ids of flagged items in cases whose flag has not reached the case (for the sweep)."""
    from app.learning.models import SafeguardingFlag

    noted = CaseEvent.select(CaseEvent.item_id).where(CaseEvent.summary == SAFEGUARDING_SUMMARY,
                                                      CaseEvent.item_id.is_null(False))
    query = (SafeguardingFlag.select(SafeguardingFlag.item)
             .join(CaseItem, on=(CaseItem.item == SafeguardingFlag.item))
             .join(Case, on=(Case.id == CaseItem.case))
             .where(Case.status == "open", SafeguardingFlag.item.not_in(noted))
             .order_by(SafeguardingFlag.id).limit(limit))
    return [row.item_id for row in query]
