"""Sending one outbox row, exactly once where we can help it.

A worker claims the row with a conditional UPDATE (pending -> sending, with a lease
token and expiry), so two workers can never both send it; a sent row is never sent
again. Failures are recorded (attempts, last_error) and retried with backoff up to
MAX_ATTEMPTS, then the row is 'failed' and shows on the staff Outbox page. A worker
that dies mid-send leaves a 'sending' row whose lease expires; the sweep retries it.
(If it died after the server accepted the message, the retry carries the same
Message-ID, so the resident's mail system can see it is the same message.)
"""
import datetime
import logging
import smtplib
import uuid

from app.db import utcnow
from app.mail import backends, message
from app.mail.models import MAX_ATTEMPTS, OutboxMessage

log = logging.getLogger(__name__)

LEASE = datetime.timedelta(minutes=10)
BACKOFF_SECONDS = (60, 300, 900, 3600)  # after attempts 1, 2, 3, 4
RETRYABLE = (smtplib.SMTPException, OSError, TimeoutError)


def send_now(message_id, settings, now=None):
    """Send the row if it is due and nobody else holds it. Returns the outcome:
    'sent', 'retry' (with the delay in seconds), 'failed', or 'skipped'."""
    now = now or utcnow()
    token = claim(message_id, now)
    if token is None:
        return "skipped", None
    row = OutboxMessage.get_by_id(message_id)
    try:
        built = message.build(row, settings)
        eml_file = backends.deliver(built, row, settings)
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


def claim(message_id, now):
    """Take the lease on a due row: pending and due, or 'sending' with an expired lease."""
    token = uuid.uuid4().hex
    due = (((OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= now))
           | ((OutboxMessage.status == "sending") & (OutboxMessage.lease_until < now)))
    changed = (OutboxMessage
               .update(status="sending", lease_token=token, lease_until=now + LEASE,
                       attempts=OutboxMessage.attempts + 1)
               .where((OutboxMessage.id == message_id) & due)
               .execute())
    return token if changed else None


def _finish(row, token, **fields):
    """Write the outcome only while we still hold the lease."""
    fields.setdefault("lease_token", "")
    fields.setdefault("lease_until", None)
    return (OutboxMessage.update(**fields)
            .where((OutboxMessage.id == row.id) & (OutboxMessage.lease_token == token)
                   & (OutboxMessage.status == "sending"))
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
    """Pending rows due more than `grace_seconds` ago (their task may be lost), and rows
    whose 'sending' lease has expired (a worker died mid-send)."""
    now = now or utcnow()
    due = now - datetime.timedelta(seconds=grace_seconds)
    query = (OutboxMessage.select(OutboxMessage.id)
             .where(((OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= due))
                    | ((OutboxMessage.status == "sending") & (OutboxMessage.lease_until < now)))
             .order_by(OutboxMessage.id))
    return [row.id for row in query]

