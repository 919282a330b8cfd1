from peewee import BlobField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.db import BaseModel, utcnow

STATUSES = {
    "pending": "Waiting to send",
    "sending": "Sending",
    "handed": "Handed to the mail server",  # just before the server took it (app.mail.sending)
    "sent": "Sent",
    "failed": "Failed",
}
MAX_ATTEMPTS = 5


class OutboxMessage(BaseModel):
    """One email we send. Rendered when queued; the idempotency key makes queueing
    the same message twice return this row instead of mailing again."""

    idempotency_key = CharField(max_length=200, unique=True)
    message_id = CharField(max_length=250, unique=True)  # <...@our-domain>, kept across retries
    to_address = CharField(max_length=320)
    subject = CharField(max_length=300)
    text_body = TextField()
    html_body = TextField(default="")
    template = CharField(max_length=80, default="")
    purpose = CharField(max_length=60, default="", index=True)
    in_reply_to = CharField(max_length=250, default="")
    auto_submitted = CharField(max_length=20, default="auto-generated")  # or auto-replied / no
    related_type = CharField(max_length=60, default="")
    related_id = IntegerField(null=True)
    status = CharField(max_length=20, default="pending", index=True)
    attempts = IntegerField(default=0)
    last_error = TextField(default="")
    created_at = DateTimeField(default=utcnow, index=True)
    next_attempt_at = DateTimeField(default=utcnow, index=True)
    lease_token = CharField(max_length=40, default="")
    lease_until = DateTimeField(null=True)
    sent_at = DateTimeField(null=True)
    eml_file = CharField(max_length=200, default="")  # folder backend: the file's name

    class Meta:
        table_name = "outbox_message"
        personal_data = ("to_address", "subject", "text_body", "html_body")
        special_category_possible = ("text_body", "html_body")
        indexes = ((("related_type", "related_id"), False),)

    @property
    def status_label(self):
        return STATUSES.get(self.status, self.status)


class OutboxAttachment(BaseModel):
    """A file sent with an outbox message (a report's PDF, say), stored with it when queued so a
    retry sends the very same bytes."""

    message = ForeignKeyField(OutboxMessage, backref="attachments", on_delete="CASCADE")
    position = IntegerField(default=0)
    filename = CharField(max_length=200)
    content_type = CharField(max_length=100)
    content = BlobField()
    size = IntegerField(default=0)

    class Meta:
        table_name = "outbox_attachment"
        indexes = ((("message", "position"), True),)
