"""Webhook subscriptions, their deliveries (the outbox) and the dispatcher's cursors."""
from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.db import BaseModel, utcnow

DELIVERY_STATUSES = {"pending": "Waiting to send", "delivered": "Delivered", "failed": "Failed"}


class WebhookSubscription(BaseModel):
    url = CharField(max_length=2000)
    secret = CharField(max_length=80)  # signs every delivery (HMAC-SHA256)
    events = CharField(max_length=400)  # space-separated event names (app.webhooks.events.EVENTS)
    active = BooleanField(default=True)  # paused: no new deliveries, none sent
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "webhook_subscription"

    @property
    def event_names(self):
        return self.events.split()


class WebhookDelivery(BaseModel):
    """One event for one subscription: pending until a 2xx answer, or failed after the last try."""

    subscription = ForeignKeyField(WebhookSubscription, backref="deliveries", on_delete="CASCADE")
    event = CharField(max_length=40)
    event_key = CharField(max_length=60)  # the source row ("audit:12", "prediction:3", "test:...")
    occurred_at = DateTimeField()
    payload = TextField(default="{}")  # JSON "data": ids, references and state only
    status = CharField(max_length=20, default="pending", index=True)
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(default=utcnow, index=True)
    last_attempt_at = DateTimeField(null=True)
    last_status_code = IntegerField(null=True)
    last_response = TextField(default="")  # the receiver's answer, cut to RESPONSE_LIMIT
    last_error = CharField(max_length=300, default="")
    last_duration_ms = IntegerField(null=True)
    delivered_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "webhook_delivery"
        indexes = ((("subscription", "event_key"), True),)

    @property
    def status_label(self):
        return DELIVERY_STATUSES.get(self.status, self.status)


class WebhookCursor(BaseModel):
    """How far the dispatcher has read a source of events (the last row id it is sure of)."""

    source = CharField(max_length=20, primary_key=True)
    last_id = IntegerField(default=0)
    gap_since = DateTimeField(null=True)  # when a missing id after last_id was first seen

    class Meta:
        table_name = "webhook_cursor"
