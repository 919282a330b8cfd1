"""Sending one outbox row, exactly once where we can help it.

A worker claims the row with a conditional UPDATE (pending -> sending, with a lease token and
expiry), so two workers can never both send it; a sent row is never sent again. The lease is
short (app.claims.leases: a minute, renewed by a heartbeat while the send goes on), so the row
of a worker that died is free again within a minute, or at once when its process is known to
be gone (a consumer starting again after a crash sweeps at start-up). Failures are recorded
(attempts, last_error) and retried with backoff up to MAX_ATTEMPTS, then the row is 'failed'
and shows on the staff Outbox page.

SMTP cannot say "this message again, only if you do not have it", so the one moment that
decides is the end of the message: just before the final "." that makes the server take it,
the row becomes 'handed' (backends.send_by_smtp calls `handing_over`). A row left 'handed' by a
worker that died is taken to be delivered and is never sent again (a crash then duplicated
acknowledgements); the only loss is a crash between that write and the next socket write,
noted on the row for staff. A row left 'sending' never reached that point and is retried, with
the same Message-ID.
"""
import datetime
import logging
import smtplib

from peewee import DatabaseError

from app.claims import leases
from app.db import utcnow
from app.mail import backends, message
from app.mail.models import MAX_ATTEMPTS, OutboxMessage

log = logging.getLogger(__name__)

LEASE = leases.LEASE
BACKOFF_SECONDS = (60, 300, 900, 3600)  # after attempts 1, 2, 3, 4
RETRYABLE = (smtplib.SMTPException, OSError, TimeoutError)
HANDED_NOTE = ("The worker stopped while the mail server was taking this message, so it was "
               "most likely delivered and was not sent again (to avoid a duplicate).")


class LeaseLost(Exception):
    """Another worker took the row over (our lease ran out): stop before the server takes it."""


class HandoverFailed(OSError):
    """The database could not record the hand-over: stop before the server takes it; retry."""


def send_now(message_id, settings, now=None):
    """Send the row if it is due and nobody else holds it. Returns the outcome:
    'sent', 'retry' (with the delay in seconds), 'failed', or 'skipped'."""
    now = now or utcnow()
    if settle_handed(message_id, now):
        return "sent", None
    token = claim(message_id, now)
    if token is None:
        return "skipped", None
    row = OutboxMessage.get_by_id(message_id)
    kept = leases.keep(lambda until: _renew(row.id, token, until))
    try:
        return _attempt(row, token, settings, now)
    finally:
        leases.drop(kept)


def _attempt(row, token, settings, now):
    try:
        built = message.build(row, settings)
        eml_file = backends.deliver(built, row, settings, handing_over=lambda: _hand_over(row, token))
    except LeaseLost:
        log.warning("outbox message %s: lease lost before sending; left to its new holder", row.id)
        return "skipped", None
    except backends.PermanentFailure as error:
        return _failed(row, token, str(error))
    except RETRYABLE as error:
        return _retry_or_fail(row, token, _describe(error), now)
    except Exception as error:  # a bug or bad data: keep the row, stop retrying
        log.exception("outbox message %s could not be built or sent", row.id)
        return _failed(row, token, f"{type(error).__name__}: could not build or send the message")
    _finish(row, token, status="sent", sent_at=utcnow(), last_error="", eml_file=eml_file)
    log.info("outbox message %s sent (attempt %s)", row.id, row.attempts)
    return "sent", None


def _lapsed(now):
    held = OutboxMessage.status.in_(("sending", "handed"))
    return held & leases.lapsed(OutboxMessage.lease_token, OutboxMessage.lease_until, now, scope=held)


def claim(message_id, now):
    """Take the lease on a due row: pending and due, or 'sending' with a lapsed lease."""
    token = leases.new_token()
    due = (((OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= now))
           | ((OutboxMessage.status == "sending") & _lapsed(now)))
    changed = (OutboxMessage
               .update(status="sending", lease_token=token, lease_until=now + LEASE,
                       attempts=OutboxMessage.attempts + 1)
               .where((OutboxMessage.id == message_id) & due)
               .execute())
    return token if changed else None


def settle_handed(message_id, now):
    """A row a dead worker left 'handed' was taken by the server: record it as sent, noted."""
    return (OutboxMessage
            .update(status="sent", sent_at=now, lease_token="", lease_until=None, last_error=HANDED_NOTE)
            .where((OutboxMessage.id == message_id) & (OutboxMessage.status == "handed") & _lapsed(now))
            .execute())


def _hand_over(row, token):
    """Just before the server takes the message: 'sending' -> 'handed', while we hold the lease."""
    try:
        changed = (OutboxMessage.update(status="handed")
                   .where((OutboxMessage.id == row.id) & (OutboxMessage.lease_token == token)
                          & (OutboxMessage.status == "sending"))
                   .execute())
    except DatabaseError as error:
        raise HandoverFailed(f"could not record the hand-over ({type(error).__name__})") from None
    if not changed:
        raise LeaseLost()


def _renew(row_id, token, until):
    return (OutboxMessage.update(lease_until=until)
            .where((OutboxMessage.id == row_id) & (OutboxMessage.lease_token == token)
                   & OutboxMessage.status.in_(("sending", "handed")))
            .execute())


def _finish(row, token, **fields):
    """Write the outcome only while we still hold the lease."""
    fields.setdefault("lease_token", "")
    fields.setdefault("lease_until", None)
    return (OutboxMessage.update(**fields)
            .where((OutboxMessage.id == row.id) & (OutboxMessage.lease_token == token)
                   & OutboxMessage.status.in_(("sending", "handed")))
            .execute())


def _retry_or_fail(row, token, error, now):
    if row.attempts >= MAX_ATTEMPTS:
        return _failed(row, token, error)
    delay = BACKOFF_SECONDS[min(row.attempts, len(BACKOFF_SECONDS)) - 1]
    _finish(row, token, status="pending", last_error=error,
            next_attempt_at=now + datetime.timedelta(seconds=delay))
    log.warning("outbox message %s attempt %s failed (%s); retrying in %ss",
                row.id, row.attempts, error.split(":")[0], delay)
    return "retry", delay


def _failed(row, token, error):
    _finish(row, token, status="failed", last_error=error)
    log.error("outbox message %s failed after %s attempt(s)", row.id, row.attempts)
    return "failed", None


def _describe(error):
    """A short reason for staff, without the server's free text (it may quote addresses)."""
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__}: SMTP {error.smtp_code}"
    if isinstance(error, OSError) and error.strerror:
        return f"{type(error).__name__}: {error.strerror}"
    return type(error).__name__


def sweep_ids(now=None, grace_seconds=60):
    """Pending rows due more than `grace_seconds` ago (their task may be lost), and rows whose
    'sending' or 'handed' lease has lapsed (a worker died mid-send)."""
    now = now or utcnow()
    due = now - datetime.timedelta(seconds=grace_seconds)
    query = (OutboxMessage.select(OutboxMessage.id)
             .where(((OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= due))
                    | _lapsed(now))
             .order_by(OutboxMessage.id))
    return [row.id for row in query]


def sweep_ids_at_start():
    """At a consumer's start-up, pending rows that are due at all: a re-enqueued row whose own
    task is still queued is claimed once and skipped the second time."""
    return sweep_ids(grace_seconds=0)
