"""Survey tasks: reminders, at most one per invitation.

`surveys.send_reminders` runs hourly: it finds invitations due a reminder and enqueues
`surveys.send_reminder` for each. That one is safe to run twice (the invitation is
claimed first, and the email's idempotency key is `survey-reminder:<id>`), so the
periodic run is also the sweep for reminders lost with a worker.
"""
import contextlib

from huey import crontab

from app.db import db
from app.queue import db_task, huey
from surveys import invitations


def _app_context():
    """Rendering email needs an app context; the consumer has none of its own."""
    from flask import has_app_context

    from app.mail import app_in_use

    app = app_in_use()
    if has_app_context() or app is None:
        return contextlib.nullcontext()
    return app.app_context()


@db_task("surveys.send_reminder")
def send_reminder(invitation_id):
    with _app_context():
        return invitations.send_reminder(invitation_id)


@huey.periodic_task(crontab(minute="17"), name="surveys.send_reminders")
def send_reminders():
    with db.connection_context():
        due = invitations.due_for_reminder()
    for invitation_id in due:
        send_reminder(invitation_id)
    return len(due)
