"""Survey tasks: reminders, at most one per invitation.

`surveys.send_reminders` runs hourly: it finds invitations due a reminder and enqueues
`surveys.send_reminder` for each. That one is safe to run twice (the invitation is
claimed first, and the email's idempotency key is `survey-reminder:<id>`), so the
periodic run is also the sweep for reminders lost with a worker.
"""
from huey import crontab

from app.queue import db_task, periodic_db_task
from surveys import invitations


@db_task("surveys.send_reminder")
def send_reminder(invitation_id):
    return invitations.send_reminder(invitation_id)


@periodic_db_task(crontab(minute="17"), name="surveys.send_reminders")
def send_reminders():
    due = invitations.due_for_reminder()
    for invitation_id in due:
        send_reminder(invitation_id)
    return len(due)
