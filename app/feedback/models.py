from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.db import BaseModel, utcnow
from app.org.models import ServiceArea
from app.people.models import Person

KINDS = {
    "compliment": "Compliment",
    "comment": "Comment",
    "complaint": "Complaint",
    "service_request": "Service request",
    "survey_answer": "Survey answer",
}
CHANNELS = {
    "web": "Web form",
    "email": "Email",
    "qr_survey": "QR survey",
    "phone": "Phone",
    "in_person": "In person",
}
STATUSES = {
    "received": "Received",
    "acknowledged": "Acknowledged",
    "in_progress": "Being looked at",
    "responded": "Response sent",
    "closed": "Closed",
}


class Counter(BaseModel):
    """Named counters (e.g. references per year), bumped atomically."""

    name = CharField(max_length=60, primary_key=True)
    value = IntegerField(default=0)

    class Meta:
        table_name = "counter"


class FeedbackItem(BaseModel):
    reference = CharField(max_length=20, unique=True)
    kind = CharField(max_length=20, index=True)
    channel = CharField(max_length=20, index=True)
    text = TextField()  # exactly as the resident wrote it
    service = ForeignKeyField(ServiceArea, null=True, backref="feedback", on_delete="SET NULL")
    person = ForeignKeyField(Person, null=True, backref="feedback", on_delete="SET NULL")
    anonymous = BooleanField(default=False)
    status = CharField(max_length=20, default="received", index=True)
    received_at = DateTimeField(default=utcnow, index=True)
    created_at = DateTimeField(default=utcnow)
    is_demo = BooleanField(default=False)

    class Meta:
        table_name = "feedback_item"
        personal_data = ("text", "person")
        special_category_possible = ("text",)
        indexes = ((("service", "received_at"), False),)

    @property
    def kind_label(self):
        return KINDS.get(self.kind, self.kind)

    @property
    def channel_label(self):
        return CHANNELS.get(self.channel, self.channel)

    @property
    def status_label(self):
        return STATUSES.get(self.status, self.status)
