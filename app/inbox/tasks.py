"""Named tasks: read one stored message, and poll IMAP when it is configured and due."""
import logging

from huey import crontab
from huey.exceptions import TaskLockedException

from app.inbox import services
from app.queue import db_task, huey, periodic_db_task, register_sweep

log = logging.getLogger(__name__)


@db_task("inbox.process")
def process(inbound_id):
    """Safe to run twice: only a message still 'received' is acted on."""
    return services.process_safely(inbound_id).outcome


@periodic_db_task(crontab(minute="*"), name="inbox.poll_imap")
def poll_imap():
    """Every minute, poll when IMAP_HOST is set and IMAP_POLL_MINUTES have passed."""
    from app.inbox import imap

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
