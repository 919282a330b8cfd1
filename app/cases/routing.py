"""A case follows its item's predicted service area.

When the resident chose no service and the service-area model was sure enough, the item was
given a service (app.learning.routing). Its case then moves to that service and goes to the
next officer in that service's team by round-robin, with a "routed" event on the timeline and
an audit entry. This runs after classification commits, and again when a case opens after its
item was classified (either may come first), and a sweep catches anything missed; a case is
routed once per item (the "routed" event), and never once an officer has put it elsewhere.
Below the routing confidence nothing moves: the case stays in triage with the suggestion shown.

An officer correcting such an item's service area on the case page moves the case with it (and,
when the model had handed it out, to the next officer in the right team). Routing never takes a
case from an officer someone assigned it to.
"""
from app.audit import services as audit
from app.cases import assignment, timeline
from app.cases.models import Case, CaseEvent, CaseItem
from app.cases.rules import now
from app.learning.models import ServiceRouting
from app.queue import transaction

SWEEP_BATCH = 200


def routed_event(case, item_id):
    return (CaseEvent.select().where(CaseEvent.case == case, CaseEvent.kind == "routed",
                                     CaseEvent.item_id == item_id).first())


def route_case(item_id, at=None):
    """Move the item's case to the item's routed service and hand it round-robin to that
    team (once). Returns the case when it was routed, else None."""
    from app.cases.services import case_of

    routing = ServiceRouting.get_or_none(ServiceRouting.item == item_id)
    case = case_of(item_id) if routing is not None else None
    if case is None or case.status != "open" or routed_event(case, item_id) is not None:
        return None
    if case.service_id not in (None, routing.service_id):
        return None  # an officer (or another of its items) put it elsewhere: that stands
    at = now(at)
    service = routing.service
    with transaction():
        moved = case.service_id is None
        if moved:
            case.service = service
            case.save(only=[Case.service])
        timeline.add(case, "routed", f"Routed to {service.name}: the model read the resident's words "
                     f"as about it ({routing.confidence:.0%} sure)", item=item_id, at=at)
        audit.record("case.routed", obj=case, summary=f"{case.reference} routed to {service.name}",
                     details={"service_id": service.id, "item_id": item_id, "moved": moved,
                              "confidence": round(routing.confidence, 4)})
        _hand_to_team(case, at)
    return case


def _hand_to_team(case, at, actor=None, reassign=False):
    """Round-robin within the case's service team when nobody has the case (or, with
    `reassign`, when whoever has it is not in that team). With an empty team it waits,
    unassigned, in the team's queue."""
    members = {user.id for user in assignment.team(case.service_id)}
    if not members or case.assigned_to_id in members or (case.assigned_to_id and not reassign):
        return None
    return assignment.round_robin(case, actor=actor, at=at)


def follow_correction(case, item, service, *, actor=None, at=None):
    """After an officer sets the service area of `item` to `service` (a ServiceArea): if the
    case had been routed by the model from this item (or has no service), it moves to
    `service` and its new team. Returns True when the case moved."""
    if service is None or case.status != "open" or case.service_id == service.id:
        return False
    routed = routed_event(case, item.id) is not None
    if case.service_id is not None and not routed:
        return False
    at = now(at)
    with transaction():
        assignment.set_service(case, service, actor=actor, at=at)
        _hand_to_team(case, at, actor=actor, reassign=routed)  # the model's hand-out, put right
    return True


def unrouted(limit=SWEEP_BATCH):
    """Ids of routed items whose open case has not followed yet (for the sweep)."""
    followed = CaseEvent.select(CaseEvent.item_id).where(CaseEvent.kind == "routed",
                                                         CaseEvent.item_id.is_null(False))
    query = (ServiceRouting.select(ServiceRouting.item)
             .join(CaseItem, on=(CaseItem.item == ServiceRouting.item))
             .join(Case, on=(Case.id == CaseItem.case))
             .where(Case.status == "open", ServiceRouting.item.not_in(followed),
                    Case.service.is_null() | (Case.service == ServiceRouting.service))
             .order_by(ServiceRouting.id).limit(limit))
    return [row.item_id for row in query]
