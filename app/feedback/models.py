from peewee import (BooleanField, CharField, DateField, DateTimeField, FloatField, ForeignKeyField,
                    IntegerField, TextField)

from app.auth.models import User
from app.db import BaseModel, utcnow
from app.languages import N_
from app.org.models import ServiceArea
from app.people.models import Person

# Labels residents read too are marked N_: English here (staff pages, audit lines), translated
# where residents see them (app.i18n).
KINDS = {
    "compliment": N_("Compliment"),
    "comment": N_("Comment"),
    "complaint": N_("Complaint"),
    "service_request": N_("Service request"),
    "survey_answer": N_("Survey answer"),
}
CHANNELS = {
    "web": "Web form",
    "email": "Email",
    "qr_survey": "QR survey",
    "phone": "Phone",
    "in_person": "In person",
    "letter": "Letter",
    "social_media": "Social media",
    "councillor": "Councillor enquiry",
}
STATUSES = {
    "received": N_("Received"),
    "acknowledged": N_("Acknowledged"),
    "in_progress": N_("Being looked at"),
    "responded": N_("Response sent"),
    "closed": N_("Closed"),
}


SUPPORT_NEEDS = {
    "accessibility": N_("Help because of a disability or health condition"),
    "interpreter": N_("An interpreter or translation"),
    "representative": N_("Someone is acting on my behalf"),
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
    # What the 3Cs journey asks (all optional beyond kind and text).
    put_right = TextField(default="")  # complaints: what would put it right
    happened_on = DateField(null=True)
    service_unsure = BooleanField(default=False)
    preferred_contact = CharField(max_length=20, default="")  # email / phone / post / none
    support_needs = CharField(max_length=200, default="")  # comma-separated SUPPORT_NEEDS keys
    support_details = TextField(default="")
    acting_for = CharField(max_length=200, default="")  # someone acting on the resident's behalf
    consent_basis = CharField(max_length=40, default="")
    consented_at = DateTimeField(null=True)
    # "May we quote your words, without your name, when we report back?" Only a yes lets an
    # officer approve a quote from this text for a public page (answers before the question: no).
    quote_consent = BooleanField(default=False)
    acknowledged_at = DateTimeField(null=True)
    # pending until the worker has classified the text (the sweep re-enqueues pending ones)
    classification_status = CharField(max_length=20, default="pending", index=True)
    # The language the text is written in (BCP 47, "" unknown or too short to tell) and the
    # identifier's confidence (classifiers.language; set by the worker when it classifies).
    language = CharField(max_length=20, default="")
    language_confidence = FloatField(null=True)
    # Assisted capture and repeat contact (app.contacts): whether the adviser resolved it on this
    # contact (None: not asked, as on the web form), the earlier contact from the same resident
    # about the same service within REPEAT_CONTACT_DAYS, and the member of staff who recorded it.
    first_contact_resolved = BooleanField(null=True)
    repeat_of = ForeignKeyField("self", null=True, backref="repeats", on_delete="SET NULL")
    captured_by = ForeignKeyField(User, null=True, backref="captured_feedback", on_delete="SET NULL")

    class Meta:
        table_name = "feedback_item"
        personal_data = ("text", "person", "put_right", "acting_for", "support_details")
        special_category_possible = ("text", "support_needs", "support_details")
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


class FeedbackUpdate(BaseModel):
    """More information joined to an item: from /track, a reply by email, a call."""

    item = ForeignKeyField(FeedbackItem, backref="updates", on_delete="CASCADE")
    channel = CharField(max_length=20)
    text = TextField()
    from_resident = BooleanField(default=True)
    received_at = DateTimeField(default=utcnow, index=True)
    inbound_message_id = IntegerField(null=True, index=True)

    class Meta:
        table_name = "feedback_update"
        personal_data = ("text",)
        special_category_possible = ("text",)


class FeedbackStatusChange(BaseModel):
    """The plain-English timeline residents see on /track (never internal notes)."""

    item = ForeignKeyField(FeedbackItem, backref="status_changes", on_delete="CASCADE")
    status = CharField(max_length=20)
    at = DateTimeField(default=utcnow, index=True)
    actor_id = IntegerField(null=True)
    public_note = TextField(default="")

    class Meta:
        table_name = "feedback_status_change"
