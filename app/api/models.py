"""API keys and the responses kept for idempotent retries."""
from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.auth.models import User
from app.db import BaseModel, utcnow
from app.feedback.models import FeedbackItem

SCOPES = {
    "submit": "Send feedback in",
    "read-status": "Read the status of a reference",
    "read-feedback": "Read classified feedback (for analysts' tools)",
}
DEFAULT_RATE_LIMIT = 120  # requests a minute, per key


class ApiKey(BaseModel):
    """A key another system sends as `Authorization: Bearer hrd_<public_id>_<secret>`. Only the
    SHA-256 of the whole key is kept; the key is shown once, when it is made."""

    public_id = CharField(max_length=24, unique=True)
    name = CharField(max_length=120)
    scopes = CharField(max_length=200)  # space-separated SCOPES keys
    token_hash = CharField(max_length=64)
    rate_limit = IntegerField(default=DEFAULT_RATE_LIMIT)  # requests a minute
    created_at = DateTimeField(default=utcnow)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    last_used_at = DateTimeField(null=True)
    revoked_at = DateTimeField(null=True)
    revoked_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        table_name = "api_key"

    @property
    def scope_list(self):
        return [scope for scope in (self.scopes or "").split() if scope in SCOPES]

    @property
    def active(self):
        return self.revoked_at is None


class ApiIdempotency(BaseModel):
    """The first response to a POST sent with an Idempotency-Key, so a retry with the same key
    and the same body gets it again (and nothing is made twice)."""

    api_key = ForeignKeyField(ApiKey, on_delete="CASCADE")
    key = CharField(max_length=200)
    request_hash = CharField(max_length=64)
    status_code = IntegerField()
    response = TextField()  # JSON: reference, kind, status...; never the resident's details
    item = ForeignKeyField(FeedbackItem, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        table_name = "api_idempotency"
        indexes = ((("api_key", "key"), True),)
