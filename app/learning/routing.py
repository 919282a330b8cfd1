"""Routing by the predicted service area: when the resident did not choose a service, a
confident service-area prediction sets the item's service (once: re-classifying never moves
it again, and an officer's choice always stands), and the `service_routed` intake signal
(app.feedback.hooks) is sent after the transaction commits (app.cases listens: the case follows
to that service's team). Below
ROUTE_AT the item keeps no service and the suggestion is only shown (case triage, review).

ROUTE_AT is justified by measurement in classifiers/shipped/MODEL_CARD.md: the share of items
routed, and how often the route was right, at each confidence on real labelled feedback.
"""
from app.audit import services as audit
from app.feedback import hooks
from app.feedback.models import FeedbackItem
from app.learning.models import ServiceRouting, Topic
from app.queue import transaction

ROUTE_AT = 0.6

def route(item, scored, model_version):
    """Give `item` the service of its predicted service area when it has none and the top
    confidence in `scored` ([(topic key, confidence)], best first) is at least ROUTE_AT.
    Returns the ServiceRouting made, or None."""
    if not scored or item.service_id is not None or scored[0][1] < ROUTE_AT:
        return None
    key, confidence = scored[0]
    topic = Topic.get_or_none(Topic.key == key, Topic.kind == "service")
    if topic is None or topic.service_id is None or routing_of(item.id) is not None:
        return None
    with transaction() as tx:
        claimed = (FeedbackItem.update(service=topic.service_id)
                   .where(FeedbackItem.id == item.id, FeedbackItem.service.is_null()).execute())
        if not claimed:
            return None
        routed = ServiceRouting.create(item=item.id, service=topic.service_id, topic=topic.id,
                                       confidence=float(confidence), model_version=model_version)
        item.service = topic.service_id
        audit.record("learning.service_routed", obj=item,
                     summary=f"Service set to {topic.service.name} from the resident's words "
                             f"({confidence:.0%} sure)",
                     details={"service_id": topic.service_id, "confidence": round(float(confidence), 4)})
        hooks.send_after_commit(tx, hooks.service_routed, item.id)
    return routed


def routing_of(item_id):
    return ServiceRouting.get_or_none(ServiceRouting.item == item_id)
