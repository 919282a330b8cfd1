"""What the read endpoints show.

Status is what /track shows a resident (the plain-English timeline with public notes, and the
decision on a complaint). Classified feedback is what an analyst sees on the staff pages: the
words of feedback in no case, never the words of feedback in a case (analysts see no case, so
no special-category case's words either), and never a resident's name or contact details.
"""
from peewee import JOIN

from app.api.schemas import naive_utc
from app.cases.models import CaseItem
from app.feedback import tracking
from app.feedback.models import STATUSES, FeedbackItem
from app.learning import current
from app.learning.models import ItemTopic, Topic
from app.org.models import ServiceArea

IN_CASE = "in a case: analysts do not see the words of feedback in a case"


def by_reference(reference):
    reference = tracking.normalise_reference(reference)
    if reference is None:
        return None
    return (FeedbackItem.select(FeedbackItem, ServiceArea).join(ServiceArea, JOIN.LEFT_OUTER)
            .where(FeedbackItem.reference == reference).first())


def status(item):
    found = tracking.decision(item)
    decision = None
    if found is not None:
        decision = {"stage": found.stage, "outcome": found.outcome, "responded_on": found.responded_on,
                    "closed_on": found.closed_on}
    return {"reference": item.reference, "kind": item.kind, "status": item.status,
            "status_label": STATUSES.get(item.status, item.status), "received_at": item.received_at,
            "timeline": [{"status": label, "at": at, "note": note or ""}
                         for label, at, note in tracking.timeline(item)],
            "decision": decision}


def feedback_query(filters):
    query = (FeedbackItem.select(FeedbackItem, ServiceArea).join(ServiceArea, JOIN.LEFT_OUTER)
             .order_by(FeedbackItem.received_at.desc(), FeedbackItem.id.desc()))
    if filters.get("service"):
        query = query.where(ServiceArea.slug == filters["service"])
    if filters.get("kind"):
        query = query.where(FeedbackItem.kind == filters["kind"])
    if filters.get("since"):
        query = query.where(FeedbackItem.received_at >= naive_utc(filters["since"]))
    if filters.get("until"):
        query = query.where(FeedbackItem.received_at < naive_utc(filters["until"]))
    if filters.get("sentiment"):
        query = query.where(current.sentiment_of(FeedbackItem.id) == filters["sentiment"])
    if filters.get("topic"):
        tagged = (ItemTopic.select(ItemTopic.item).join(Topic)
                  .where(Topic.key == filters["topic"],
                         current.is_current_theme("theme") | current.is_current_theme("service")))
        query = query.where(FeedbackItem.id.in_(tagged))
    return query


def described(items):
    """Each item as FeedbackOutSchema wants it, with its classification (a few queries a page)."""
    ids = [item.id for item in items]
    if not ids:
        return []
    sentiments = current.sentiments(ids)
    in_case = {row.item_id for row in CaseItem.select(CaseItem.item).where(CaseItem.item.in_(ids))}
    topics = {}
    for head in ("service", "theme"):
        rows = (ItemTopic.select(ItemTopic.item, Topic.key, Topic.name).join(Topic)
                .where(ItemTopic.item.in_(ids), current.is_current_theme(head))
                .order_by(Topic.position, Topic.name).tuples())
        for item_id, key, name in rows:
            topics.setdefault((item_id, head), []).append({"key": key, "name": name})
    return [_one(item, sentiments.get(item.id), item.id in in_case, topics) for item in items]


def _one(item, sentiment, in_case, topics):
    areas = topics.get((item.id, "service")) or []
    return {
        "reference": item.reference, "kind": item.kind, "channel": item.channel,
        "service": item.service.slug if item.service_id else None, "status": item.status,
        "received_at": item.received_at, "happened_on": item.happened_on,
        "text": None if in_case else item.text, "text_withheld": IN_CASE if in_case else None,
        "classification_status": item.classification_status, "sentiment": sentiment,
        "service_area": areas[0] if areas else None, "themes": topics.get((item.id, "theme")) or [],
    }
