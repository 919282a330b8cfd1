"""Overdue action reminders: `actions.overdue_reminders` runs every morning (07:30 UTC) and
enqueues `actions.send_reminder` for each overdue open action that has an owner. Each owner
gets one reminder a week per action (app.actions.reminders), so a repeated run, or one after
a lost worker, sends nothing twice.
"""
import datetime

from huey import crontab

from app.queue import db_task, periodic_db_task


@db_task("actions.send_reminder")
def send_reminder(action_id, day_iso):
    from app.actions import reminders

    row = reminders.send_reminder(action_id, datetime.date.fromisoformat(day_iso))
    return row.id if row is not None else None


def run_overdue_reminders(day=None):
    """Enqueue the reminder of every overdue action with an owner; returns how many."""
    from app.actions import reminders
    from app.actions.queries import london_today

    day = day or london_today()
    action_ids = reminders.due_reminders(day)
    for action_id in action_ids:
        send_reminder(action_id, day.isoformat())
    return len(action_ids)


@periodic_db_task(crontab(hour="7", minute="30"), name="actions.overdue_reminders")
def overdue_reminders():
    return run_overdue_reminders()
