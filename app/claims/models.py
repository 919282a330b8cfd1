from peewee import CharField, DateTimeField, IntegerField

from app.db import BaseModel, utcnow


class WorkClaim(BaseModel):
    """One piece of work a worker is doing now: `work` (a task's name) on `object_id`, held
    under `token` until `expires_at` (app.claims). Deleted when the work is done."""

    work = CharField(max_length=80)
    object_id = IntegerField()
    token = CharField(max_length=40, index=True)
    claimed_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField(index=True)

    class Meta:
        table_name = "work_claim"
        indexes = ((("work", "object_id"), True),)
