"""Named tasks: read one stored message, and poll IMAP when it is configured and due.

Reading a message claims it (app.claims) while it runs, so the sweep, which re-enqueues
messages stored but never read, never starts a second reader. A poll claims the mailbox the
same way: a worker that dies mid-poll leaves a claim that lapses within a minute (a huey lock
would have stayed until someone flushed it)."""
import functools

from huey import crontab

from app.claims import claimed
from app.inbox import services
from app.queue import db_task, periodic_db_task, register_sweep

MAILBOX = 0  # the one mailbox, as a claim's id


@db_task("inbox.process", claim=True)
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
    with claimed("inbox.poll_imap", [MAILBOX]) as held:
        if not held:
            return None  # the previous poll is still running
        try:
            return imap.poll(settings).counts
        except imap.PollFailed:
            return None  # recorded on MailboxState.last_error


register_sweep("inbox.process", services.stuck_ids, process,
               at_start=functools.partial(services.stuck_ids, grace_minutes=0))
