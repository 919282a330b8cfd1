"""What administrators decide about keeping personal data: the retention schedule (days per
category, where it differs from the UK default in app.privacy.categories) and legal holds."""
from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.auth.models import User
from app.cases.models import Case
from app.db import BaseModel
from app.people.models import Person


class RetentionSetting(BaseModel):
    """An administrator's period for one retention category (absent: the default)."""
    category = CharField(max_length=40, unique=True)
    days = IntegerField()
    updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    updated_at = DateTimeField()

    class Meta:
        table_name = "retention_setting"


class LegalHold(BaseModel):
    """Nothing about this person, or on this case, is deleted or anonymised while the hold
    stands (released_at is empty): a claim, an investigation, an Ombudsman's request."""
    person = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    case = ForeignKeyField(Case, null=True, on_delete="SET NULL")
    reason = TextField()
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField()
    released_at = DateTimeField(null=True)
    released_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    release_reason = TextField(default="")

    class Meta:
        table_name = "legal_hold"
        personal_data = ("person", "reason", "release_reason")


class PrivilegedChange(BaseModel):
    """Present only inside the transaction of a privileged change (app.privacy.privileged):
    while it exists, the append-only tables' triggers allow updates and deletes."""
    reason = TextField()
    actor_id = IntegerField(null=True)
    started_at = DateTimeField()

    class Meta:
        table_name = "privileged_change"


class AccessRequest(BaseModel):
    """A subject access request: who asked, what to search by, and the one-calendar-month
    deadline (UK GDPR article 12(3)), in the queue at /staff/admin/privacy/requests."""
    identifier = CharField(max_length=254)  # the email address, phone number or reference to search by
    requester = TextField(default="")  # who asked, and how
    received_on = DateField()
    due_on = DateField(index=True)
    status = CharField(max_length=20, default="open", index=True)  # open / sent
    exported_at = DateTimeField(null=True)
    sent_on = DateField(null=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField()
    # The officer's review (app.privacy.redaction): words to redact, one per line, and the
    # records ("table:id", JSON) to leave out of the export.
    redactions = TextField(default="")
    withheld = TextField(default="[]")
    reviewed_at = DateTimeField(null=True)

    class Meta:
        table_name = "subject_access_request"
