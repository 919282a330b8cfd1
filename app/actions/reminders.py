"""Overdue actions remind their owners: one email a week per action at most.

The daily run (app.actions.tasks) looks for open actions past their due date (Europe/London
today) that have an owner, and each one's reminder is queued through the outbox with the
idempotency key `action-reminder:<action id>:<ISO year>-W<ISO week>`: running it again that
day, or any other day of the same week, sends nothing new. The email names the action by its
title and due date, with a link to its page: no residents' words.
"""
from app.actions.models import Action
from app.actions.queries import london_today, overdue_condition
from app.mail.services import queue_email

TEMPLATE = "action_reminder"
PURPOSE = "action_reminder"


def idempotency_key(action_id, day):
    year, week, _ = day.isocalendar()
    return f"action-reminder:{action_id}:{year}-W{week:02d}"


def due_reminders(day=None):
    """Ids of the open actions past their due date on `day` that have an owner."""
    day = day or london_today()
    return [row.id for row in Action.select(Action.id)
            .where(overdue_condition(day) & Action.owner.is_null(False)).order_by(Action.id)]


def send_reminder(action_id, day=None):
    """Queue this week's reminder for the action's owner; the outbox row, or None when the
    action is no longer overdue, has no active owner, or is gone."""
    day = day or london_today()
    action = Action.get_or_none(Action.id == action_id)
    if action is None or not action.is_overdue(day) or action.owner_id is None or not action.owner.active:
        return None
    context = {"name": action.owner.name, "action_id": action.id, "title": action.title,
               "service": action.service.name if action.service_id else "No service",
               "due_on": action.due_on, "days_overdue": (day - action.due_on).days,
               "status": action.status_label}
    return queue_email(action.owner.email, TEMPLATE, context, idempotency_key=idempotency_key(action.id, day),
                       purpose=PURPOSE, related=action)
