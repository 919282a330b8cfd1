"""Building the email (policy SMTP: CRLF line endings, folded headers) from an outbox row."""
import email.utils
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP

from app.mail import attachments
from app.mail.headers import clean_address, clean_message_id
from app.oneline import one_line


def build(row, settings):
    """An EmailMessage for `row`: From (council name), To, Subject, Date, Message-ID,
    Auto-Submitted, optional Reply-To / In-Reply-To / References; text and HTML parts, then any
    attachments (multipart/mixed)."""
    message = EmailMessage(policy=SMTP)
    message["From"] = Address(display_name=one_line(settings.council_name, 120),
                              addr_spec=clean_address(settings.mail_from))
    message["To"] = clean_address(row.to_address)
    if settings.mail_reply_to:
        message["Reply-To"] = clean_address(settings.mail_reply_to)
    message["Subject"] = one_line(row.subject, 250)
    message["Date"] = email.utils.format_datetime(_aware(row.created_at))
    message["Message-ID"] = clean_message_id(row.message_id)
    reply_to_id = clean_message_id(row.in_reply_to)
    if reply_to_id:
        message["In-Reply-To"] = reply_to_id
        message["References"] = reply_to_id
    if row.auto_submitted in ("auto-generated", "auto-replied"):
        message["Auto-Submitted"] = row.auto_submitted
        # Ask Exchange and friends not to send out-of-office replies to automatic mail.
        message["X-Auto-Response-Suppress"] = "All"
    message.set_content(row.text_body, subtype="plain", charset="utf-8", cte="quoted-printable")
    if row.html_body:
        message.add_alternative(row.html_body, subtype="html", charset="utf-8",
                                cte="quoted-printable")
    if row.id is not None:
        attachments.add_to(message, row)
    return message


def as_bytes(row, settings):
    return build(row, settings).as_bytes(policy=SMTP)


def _aware(value):
    import datetime

    return value.replace(tzinfo=datetime.timezone.utc) if value.tzinfo is None else value
