from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.auth.models import User
from app.cases.models import Case
from app.db import BaseModel, utcnow


class PostalLetter(BaseModel):
    """One letter to post: which letter (its template and name), which case, its text and the
    address it goes to as they were when it was written. Recorded once per idempotency key
    (like the outbox); waiting to be printed until `posted_at` is set."""

    case = ForeignKeyField(Case, backref="postal_letters", on_delete="CASCADE")
    key = CharField(max_length=200, unique=True)  # "case:<id>:<letter key>", as the outbox's
    template = CharField(max_length=80)
    name = CharField(max_length=80)  # "Stage 1 response"
    subject = CharField(max_length=300)
    text = TextField()
    recipient_name = CharField(max_length=200, default="")
    address = TextField()  # the lines of the address block, postcode last
    stage = IntegerField(null=True)
    event_id = IntegerField(null=True)  # its "Letter to post" entry on the case timeline
    created_at = DateTimeField(default=utcnow, index=True)
    posted_at = DateTimeField(null=True, index=True)
    posted_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    language = CharField(max_length=8, default="en")  # the language its text was written in

    class Meta:
        table_name = "postal_letter"
        personal_data = ("recipient_name", "address", "subject", "text")
        special_category_possible = ("text",)

    @property
    def waiting(self):
        return self.posted_at is None

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]
