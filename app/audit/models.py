from peewee import CharField, DateTimeField, IntegerField, TextField

from app.db import BaseModel, utcnow


class AuditEvent(BaseModel):
    """One thing that happened. Rows are never updated or deleted: the migration
    adds database triggers that refuse UPDATE and DELETE on this table."""

    at = DateTimeField(default=utcnow, index=True)
    actor_id = IntegerField(null=True, index=True)  # staff user id; None for residents/system
    actor_label = CharField(max_length=200, default="system")
    action = CharField(max_length=80, index=True)
    object_type = CharField(max_length=60, default="")
    object_id = CharField(max_length=60, default="")
    summary = TextField(default="")
    details = TextField(default="{}")  # JSON; never holds residents' personal data
    ip = CharField(max_length=64, default="")

    class Meta:
        table_name = "audit_event"
        indexes = ((("object_type", "object_id"), False),)
