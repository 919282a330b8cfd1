"""Named tasks: read one stored message, and poll IMAP when it is configured and due."""
import contextlib
import logging

from huey import crontab
from huey.exceptions import TaskLockedException

from app.db import db
from app.inbox import services
from app.queue import db_task, huey, register_sweep

log = logging.getLogger(__name__)


def _app_context():
    from flask import has_app_context

    from app.mail import app_in_use

    app = app_in_use()
    if app is None or has_app_context():
        return contextlib.nullcontext()
    return app.app_context()


@db_task("inbox.process")
def process(inbound_id):
    """Safe to run twice: only a message still 'received' is acted on."""
    with _app_context():
        return services.process_safely(inbound_id).outcome


@huey.periodic_task(crontab(minute="*"), name="inbox.poll_imap")
def poll_imap():
    """Every minute, poll when IMAP_HOST is set and IMAP_POLL_MINUTES have passed."""
    from app.inbox import imap

    with db.connection_context(), _app_context():
        settings = services.current_settings()
        if not settings.imap_host or not imap.due(settings):
            return None
        try:
            with huey.lock_task("inbox.poll_imap"):
                return imap.poll(settings).counts
        except TaskLockedException:
            return None  # the previous poll is still running
        except imap.PollFailed:
            return None  # recorded on MailboxState.last_error


register_sweep("inbox.process", services.stuck_ids, process)
