"""Files residents sent us: attached to web feedback, or to an email.

The file itself lives in the instance folder (app.attachments.store) under a random name,
never under the static root; the row says what it is and where it belongs. A file that was
refused (wrong type, too big, with macros) is recorded without content, so officers see that
the resident sent something and why it was not kept.
"""
from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField

from app.db import BaseModel, utcnow
from app.feedback.models import FeedbackItem
from app.inbox.models import InboundMessage


class Attachment(BaseModel):
    item = ForeignKeyField(FeedbackItem, null=True, backref="attachments", on_delete="CASCADE")
    inbound = ForeignKeyField(InboundMessage, null=True, backref="files", on_delete="CASCADE")
    draft_key = CharField(max_length=64, default="", index=True)  # the web journey's draft, until sent
    filename = CharField(max_length=200)  # cleaned; the extension matches the real type
    content_type = CharField(max_length=120, default="")
    kind = CharField(max_length=10, default="")  # image / pdf / word ("" when refused)
    size = IntegerField(default=0)
    sha256 = CharField(max_length=64, default="")
    storage_name = CharField(max_length=80, default="", index=True)  # "" when refused
    refused_reason = CharField(max_length=300, default="")
    location_removed = BooleanField(default=False)
    metadata_removed = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        table_name = "attachment"
        personal_data = ("filename", "storage_name")
        special_category_possible = ("storage_name",)

    @property
    def kept(self):
        return bool(self.storage_name)
