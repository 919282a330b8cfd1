"""Every inbound email, kept raw, and where each IMAP folder's polling got to."""
from peewee import BigIntegerField, BlobField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.db import BaseModel, utcnow
from app.feedback.models import FeedbackItem

OUTCOMES = {
    "received": "Waiting to be read",
    "created": "New feedback",
    "appended": "Added to existing feedback",
    "duplicate": "Duplicate",
    "auto_reply": "Automatic reply or bounce",
    "quarantined": "Quarantined",
    "released": "Released from quarantine",
    "discarded": "Discarded",
}


class InboundMessage(BaseModel):
    """One message as it arrived. `raw` is never altered; `outcome` says what became
    of it ("received" until it has been read). A byte-identical copy is not stored
    twice: it bumps `times_seen` on the first."""

    raw = BlobField()
    sha256 = CharField(max_length=64, unique=True)
    size = IntegerField(default=0)
    message_id = CharField(max_length=500, default="", index=True)
    source = CharField(max_length=200, default="")  # imap:<folder> / file:<name>
    from_address = CharField(max_length=320, default="")
    from_name = CharField(max_length=200, default="")
    subject = TextField(default="")
    received_at = DateTimeField(default=utcnow, index=True)
    processed_at = DateTimeField(null=True)
    outcome = CharField(max_length=20, default="received", index=True)
    reason = TextField(default="")
    parse_error = TextField(default="")
    attachments = TextField(default="[]")  # JSON: name, type, size of each (never opened)
    times_seen = IntegerField(default=1)
    feedback_item = ForeignKeyField(FeedbackItem, null=True, backref="inbound_messages",
                                    on_delete="SET NULL")

    class Meta:
        table_name = "inbound_message"
        personal_data = ("raw", "from_address", "from_name", "subject", "attachments")
        special_category_possible = ("raw", "subject")

    @property
    def outcome_label(self):
        return OUTCOMES.get(self.outcome, self.outcome)


class MailboxState(BaseModel):
    """How far polling one IMAP folder got: UIDs are only meaningful within a UIDVALIDITY."""

    mailbox = CharField(max_length=400, unique=True)  # user@host:port/folder
    uidvalidity = BigIntegerField(null=True)
    last_uid = BigIntegerField(default=0)
    last_polled_at = DateTimeField(null=True)
    last_error = TextField(default="")

    class Meta:
        table_name = "mailbox_state"
