"""Files sent with an outbox message: cleaned when queued (one-line file name without any
folder, a plain `type/subtype`), stored beside the message in the same transaction, and added
to the email as attachments in the order given."""
import re

from app.mail.models import OutboxAttachment
from app.oneline import one_line

CONTENT_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$")
DEFAULT_TYPE = "application/octet-stream"
NAME_LIMIT = 150
MAX_BYTES = 20 * 1024 * 1024


class BadAttachment(ValueError):
    pass


def clean_filename(value):
    """The file's own name on one line: no folder, no control characters, no leading dots."""
    name = re.split(r"[\\/]", str(value or ""))[-1]
    name = one_line(name.replace('"', "'"), 250).lstrip(". ")
    if len(name) > NAME_LIMIT:
        stem, dot, ext = name.rpartition(".")
        keep = ext[:10] if dot and len(ext) <= 10 else ""
        name = (name[:NAME_LIMIT - len(keep) - 1] + "." + keep) if keep else name[:NAME_LIMIT]
    return name or "attachment"


def clean_content_type(value):
    text = str(value or "").strip().lower()
    return text if CONTENT_TYPE.match(text) else DEFAULT_TYPE


def cleaned(attachments):
    """[(filename, content_type, bytes)] checked and cleaned, or BadAttachment."""
    found = []
    for item in attachments or ():
        try:
            filename, content_type, content = item
        except (TypeError, ValueError):
            raise BadAttachment("each attachment is (filename, content_type, bytes)") from None
        if not isinstance(content, (bytes, bytearray, memoryview)):
            raise BadAttachment("an attachment's content must be bytes")
        content = bytes(content)
        if len(content) > MAX_BYTES:
            raise BadAttachment(f"an attachment may be at most {MAX_BYTES} bytes")
        found.append((clean_filename(filename), clean_content_type(content_type), content))
    return found


def store(message_id, attachments):
    """Store cleaned attachments for the message (inside the caller's transaction)."""
    for position, (filename, content_type, content) in enumerate(attachments):
        OutboxAttachment.create(message=message_id, position=position, filename=filename,
                                content_type=content_type, content=content, size=len(content))


def of(row):
    return list(OutboxAttachment.select().where(OutboxAttachment.message == row.id)
                .order_by(OutboxAttachment.position))


def add_to(message, row):
    """Add the row's stored attachments to an EmailMessage (after its text and HTML parts)."""
    for attachment in of(row):
        maintype, _, subtype = attachment.content_type.partition("/")
        message.add_attachment(bytes(attachment.content), maintype=maintype, subtype=subtype,
                               filename=attachment.filename)


def sizes_for(rows):
    """{message id: [(filename, size)]} for the Outbox page, without reading the files."""
    ids = [row.id for row in rows]
    found = {}
    if not ids:
        return found
    query = (OutboxAttachment.select(OutboxAttachment.message, OutboxAttachment.filename, OutboxAttachment.size)
             .where(OutboxAttachment.message.in_(ids)).order_by(OutboxAttachment.position))
    for attachment in query:
        found.setdefault(attachment.message_id, []).append((attachment.filename, attachment.size))
    return found
