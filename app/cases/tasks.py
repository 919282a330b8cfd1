"""The casework intake tasks. They take ids, are safe to run twice, and are enqueued after
the feedback's transaction commits (app.feedback.hooks):

- cases.open_for_item: a new complaint opens its case;
- cases.update_received: more information on an item in a case joins its timeline;
- cases.safeguarding_flagged: a flagged item's case becomes urgent;
- cases.route: an item the service-area model routed (its resident chose no service) takes
  its case to that service's team (the service_routed signal), also right after a case
  opens, in case the item was classified first.

Sweeps re-enqueue complaint items that still have no case and flags that have not reached
their case (a worker died, or the hooks were not registered when the item came in).

`connect_intake()` connects them to the intake signals (app.feedback.hooks); the shell calls it
at start-up (app.wiring) when the settings name "cases" among the intake listeners.
"""
from app.cases import intake, routing
from app.feedback import hooks
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


def enqueue_open(item_id, kind=None, **_):
    if kind is None or kind == "complaint":  # only a complaint opens a case: no task for the rest
        open_for_item(item_id)


def enqueue_update(update_id):
    update_received(update_id)


def enqueue_flagged(item_id):
    safeguarding_flagged(item_id)


def enqueue_route(item_id):
    route(item_id)


def connect_intake():
    """A complaint opens its case; updates and safeguarding flags reach it; a case follows its
    item to the service the service-area model routed it to."""
    hooks.feedback_recorded.connect(enqueue_open, weak=False)
    hooks.update_received.connect(enqueue_update, weak=False)
    hooks.safeguarding_flagged.connect(enqueue_flagged, weak=False)
    hooks.service_routed.connect(enqueue_route, weak=False)


register_sweep("cases.open", intake.complaints_without_case, open_for_item)
register_sweep("cases.safeguarding", intake.flagged_without_event, safeguarding_flagged)
register_sweep("cases.route", routing.unrouted, route)
