"""Queueing email, sending again, and reading the outbox for staff pages."""
import uuid

from flask import current_app, has_app_context

from app.audit import services as audit
from app.db import utcnow
from app.mail import attachments as mail_attachments
from app.mail import rendering
from app.mail.headers import AUTO_SUBMITTED, clean_address, clean_message_id, domain_of
from app.mail.models import STATUSES, OutboxMessage
from app.mail.tasks import send
from app.oneline import one_line
from app.queue import app_context, transaction

PAGE_SIZE = 50


def queue_email(to, template, context=None, *, idempotency_key, purpose="", subject=None,
                in_reply_to=None, auto_replied=False, related=None, auto_submitted=None,
                attachments=()):
    """Render `template` for `to` and record it in the outbox; `mail.send` runs after commit.

    Calling again with the same `idempotency_key` returns the existing row and sends
    nothing new. Raises headers.InvalidAddress for anything but one plain address, and
    rendering.MissingTemplate for an unknown template. Uses the current app context, or
    (outside one) the app the process built (app.queue.app_context).
    `auto_submitted` overrides the Auto-Submitted header ("no" for mail a person wrote).
    `attachments` is [(filename, content_type, bytes)], stored with the message in the same
    transaction (app.mail.attachments cleans the names; BadAttachment for anything else)."""
    if not has_app_context():
        with app_context():
            return queue_email(to, template, context, idempotency_key=idempotency_key,
                               purpose=purpose, subject=subject, in_reply_to=in_reply_to,
                               auto_replied=auto_replied, related=related,
                               auto_submitted=auto_submitted, attachments=attachments)
    key = one_line(idempotency_key, 200)
    if not key:
        raise ValueError("an idempotency_key is required")
    existing = OutboxMessage.get_or_none(OutboxMessage.idempotency_key == key)
    if existing is not None:
        return existing
    address = clean_address(to)
    files = mail_attachments.cleaned(attachments)
    subject, text, html = rendering.render(template, context, subject=subject)
    reply_to_id = clean_message_id(in_reply_to)
    header = auto_submitted or ("auto-replied" if auto_replied or reply_to_id else "auto-generated")
    if header not in AUTO_SUBMITTED:
        raise ValueError(f"auto_submitted must be one of {AUTO_SUBMITTED}")
    message_id = new_message_id(current_app.config["HEARD"].mail_from)
    with transaction() as tx:
        OutboxMessage.insert(
            idempotency_key=key, message_id=message_id, to_address=address, subject=subject,
            text_body=text, html_body=html, template=one_line(template, 80),
            purpose=one_line(purpose, 60), in_reply_to=reply_to_id, auto_submitted=header,
            related_type=related._meta.table_name if related is not None else "",
            related_id=related.get_id() if related is not None else None,
        ).on_conflict_ignore().execute()
        row = OutboxMessage.get(OutboxMessage.idempotency_key == key)
        if row.message_id == message_id:  # ours, not a concurrent caller's
            mail_attachments.store(row.id, files)
            tx.on_commit(send, row.id)
    return row


def new_message_id(mail_from):
    """A short, unique Message-ID on our own domain (short enough never to be folded)."""
    return f"<{uuid.uuid4().hex}@{domain_of(mail_from)}>"


class CannotResend(Exception):
    pass


def resend(message, *, actor=None, ip=""):
    """Put a failed message back in the queue (the same row: never a duplicate)."""
    with transaction() as tx:
        changed = (OutboxMessage
                   .update(status="pending", attempts=0, next_attempt_at=utcnow(), lease_token="",
                           lease_until=None)
                   .where((OutboxMessage.id == message.id) & (OutboxMessage.status == "failed"))
                   .execute())
        if not changed:
            raise CannotResend("Only a message that failed can be sent again")
        audit.record("mail.resend", actor=actor, obj=message, ip=ip,
                     summary=f"Outbox message {message.id} queued to send again",
                     details={"purpose": message.purpose, "attempts_before": message.attempts})
        tx.on_commit(send, message.id)
    return OutboxMessage.get_by_id(message.id)


def outbox_page(page=1, status=None, template=None):
    """(rows, total) for the Outbox page, newest first, PAGE_SIZE a page; `template`
    narrows it to one kind of email."""
    query = OutboxMessage.select()
    if status in STATUSES:
        query = query.where(OutboxMessage.status == status)
    if template:
        query = query.where(OutboxMessage.template == template)
    total = query.count()
    rows = list(query.order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
                .paginate(max(page, 1), PAGE_SIZE))
    return rows, total


def templates():
    """The templates (kinds of email) the outbox holds."""
    query = (OutboxMessage.select(OutboxMessage.template).where(OutboxMessage.template != "")
             .distinct().order_by(OutboxMessage.template))
    return [row.template for row in query]


def counts_by_status():
    from peewee import fn

    query = (OutboxMessage.select(OutboxMessage.status, fn.COUNT(OutboxMessage.id).alias("n"))
             .group_by(OutboxMessage.status))
    return {row.status: row.n for row in query}
