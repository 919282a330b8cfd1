"""The casework intake tasks. They take ids, are safe to run twice, and are enqueued after
the feedback's transaction commits (app.feedback.hooks):

- cases.open_for_item: a new complaint opens its case;
- cases.update_received: more information on an item in a case joins its timeline;
- cases.safeguarding_flagged: a flagged item's case becomes urgent;
- cases.route: an item the service-area model routed (its resident chose no service) takes
  its case to that service's team (registered with app.learning.routing), also right after
  a case opens, in case the item was classified first.

Sweeps re-enqueue complaint items that still have no case and flags that have not reached
their case (a worker died, or the hooks were not registered when the item came in).

Importing this module registers the hooks, so the web process imports it (app.cases.views)
and the worker lists it in app.worker.TASK_MODULES.
"""
from app.cases import intake, routing
from app.feedback import hooks
from app.learning import routing as learning_routing
from app.queue import db_task, register_sweep


@db_task("cases.open_for_item")
def open_for_item(item_id):
    case = intake.open_for_item(item_id)
    if case is not None:
        routing.route_case(item_id)
    return case.id if case is not None else None


@db_task("cases.route")
def route(item_id):
    case = routing.route_case(item_id)
    return case.id if case is not None else None


@db_task("cases.update_received")
def update_received(update_id):
    event = intake.record_update(update_id)
    return event.id if event is not None else None


@db_task("cases.safeguarding_flagged")
def safeguarding_flagged(item_id):
    case = intake.mark_flagged(item_id)
    return case.id if case is not None else None


def enqueue_open(item_id):
    open_for_item(item_id)


def enqueue_update(update_id):
    update_received(update_id)


def enqueue_flagged(item_id):
    safeguarding_flagged(item_id)


def enqueue_route(item_id):
    route(item_id)


hooks.register(enqueue_open)
hooks.register_update(enqueue_update)
hooks.register_flagged(enqueue_flagged)
learning_routing.register_routed(enqueue_route)
register_sweep("cases.open", intake.complaints_without_case, open_for_item)
register_sweep("cases.safeguarding", intake.flagged_without_event, safeguarding_flagged)
register_sweep("cases.route", routing.unrouted, route)
