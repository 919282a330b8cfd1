"""Surveys, their versions and questions, touchpoints, invitations and responses.

A survey's questions belong to a version. Answering a version freezes it: editing then
works on a new draft version, and publishing makes that the live one. Responses stay
attached to the version they answered.
"""
from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField,
                    TextField)

from app.db import BaseModel, utcnow
from app.feedback.models import FeedbackItem
from app.org.models import ServiceArea
from app.people.models import Person

QUESTION_KINDS = {
    "csat": "Satisfaction (CSAT, 1 to 5)",
    "nps": "Net Promoter Score (NPS, 0 to 10)",
    "ces": "Customer effort (CES, 1 to 7)",
    "rating": "Rating (1 to 5 stars)",
    "single": "Single choice",
    "multiple": "Multiple choice",
    "yes_no": "Yes or no",
    "fcr": "First contact resolution (yes or no: was it sorted the first time you contacted us?)",
    "short_text": "Short text",
    "long_text": "Long text",
}
CHOICE_KINDS = ("single", "multiple")
TEXT_KINDS = ("short_text", "long_text")
YES_NO_KINDS = ("yes_no", "fcr")  # answered Yes or No; "fcr" feeds first contact resolution
FCR_WORDING = "Was it sorted the first time you contacted us?"
TOUCHPOINT_CHANNELS = {
    "in_person": "In person",
    "phone": "Phone",
    "web": "Web",
    "email": "Email",
    "after_repair": "After a repair visit",
}
RESPONSE_CHANNELS = dict(TOUCHPOINT_CHANNELS, invitation="Email invitation")
VERSION_STATUSES = {"draft": "Draft", "live": "Live", "retired": "Replaced"}


class Survey(BaseModel):
    title = CharField(max_length=200)
    service = ForeignKeyField(ServiceArea, backref="surveys", on_delete="RESTRICT")
    welcome_text = TextField(default="")
    thank_you_text = TextField(default="")
    anonymous = BooleanField(default=True)
    opens_on = DateField(null=True)
    closes_on = DateField(null=True)
    formats_phone = CharField(max_length=40, default="")  # "Need this in another format? call ..."
    created_at = DateTimeField(default=utcnow)
    created_by_id = IntegerField(null=True)
    # Residents are invited to this survey when their complaint case closes (one survey at
    # most; the COMPLAINT_SURVEY_ID setting overrides it).
    after_complaints = BooleanField(default=False)
    is_demo = BooleanField(default=False)

    class Meta:
        table_name = "survey"

    def __str__(self):
        return self.title


class SurveyVersion(BaseModel):
    survey = ForeignKeyField(Survey, backref="versions", on_delete="CASCADE")
    number = IntegerField()
    status = CharField(max_length=10, default="draft", index=True)
    created_at = DateTimeField(default=utcnow)
    published_at = DateTimeField(null=True)

    class Meta:
        table_name = "survey_version"
        indexes = ((("survey", "number"), True),)

    @property
    def status_label(self):
        return VERSION_STATUSES.get(self.status, self.status)


class Question(BaseModel):
    """One question of one version. `key` stays the same across versions, so an edit
    of 'the same question' in a new draft can be found, and results compared."""

    version = ForeignKeyField(SurveyVersion, backref="questions", on_delete="CASCADE")
    key = CharField(max_length=16)
    position = IntegerField(default=0)
    kind = CharField(max_length=20)
    text = TextField()
    help_text = TextField(default="")
    required = BooleanField(default=False)
    options = TextField(default="")  # choice questions: one option per line

    class Meta:
        table_name = "survey_question"
        indexes = ((("version", "key"), True),)

    @property
    def kind_label(self):
        return QUESTION_KINDS.get(self.kind, self.kind)

    @property
    def option_list(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class Touchpoint(BaseModel):
    """Where a survey is placed: a desk, a phone line, after a repair. Residents reach
    it by its short code: /s/<code>, a QR code, a poster."""

    survey = ForeignKeyField(Survey, backref="touchpoints", on_delete="CASCADE")
    name = CharField(max_length=200)
    channel = CharField(max_length=20)
    service = ForeignKeyField(ServiceArea, null=True, backref="touchpoints", on_delete="SET NULL")
    code = CharField(max_length=16, unique=True)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "survey_touchpoint"

    @property
    def channel_label(self):
        return TOUCHPOINT_CHANNELS.get(self.channel, self.channel)


class Invitation(BaseModel):
    """An emailed single-use link. Only hashes of the link's tokens are kept. Where the
    survey is anonymous the response is never linked to this row: `responded_at` says
    only *that* it was answered (to the day)."""

    survey = ForeignKeyField(Survey, backref="invitations", on_delete="CASCADE")
    email = CharField(max_length=320)
    service = ForeignKeyField(ServiceArea, null=True, on_delete="SET NULL")
    token_hash = CharField(max_length=64, unique=True)
    reminder_token_hash = CharField(max_length=64, null=True, unique=True)
    related_type = CharField(max_length=60, default="")
    related_id = CharField(max_length=60, default="")
    created_at = DateTimeField(default=utcnow, index=True)
    expires_at = DateTimeField(null=True)
    reminded_at = DateTimeField(null=True)
    responded_at = DateTimeField(null=True)
    created_by_id = IntegerField(null=True)

    class Meta:
        table_name = "survey_invitation"
        personal_data = ("email",)
        indexes = ((("survey", "email"), False),)


class Response(BaseModel):
    survey = ForeignKeyField(Survey, backref="responses", on_delete="CASCADE")
    version = ForeignKeyField(SurveyVersion, backref="responses", on_delete="RESTRICT")
    touchpoint = ForeignKeyField(Touchpoint, null=True, backref="responses", on_delete="SET NULL")
    channel = CharField(max_length=20, index=True)
    service = ForeignKeyField(ServiceArea, null=True, on_delete="SET NULL")
    person = ForeignKeyField(Person, null=True, backref="survey_responses", on_delete="SET NULL")
    submitted_at = DateTimeField(default=utcnow, index=True)
    quote_consent = BooleanField(default=False)  # "May we quote your words ...?" (its text answers)

    class Meta:
        table_name = "survey_response"
        personal_data = ("person",)

    @property
    def channel_label(self):
        return RESPONSE_CHANNELS.get(self.channel, self.channel)


class Answer(BaseModel):
    response = ForeignKeyField(Response, backref="answers", on_delete="CASCADE")
    question = ForeignKeyField(Question, backref="answers", on_delete="RESTRICT")
    number = IntegerField(null=True)  # scale questions
    value = TextField(default="")  # choices (one per line), yes/no, free text
    feedback_item = ForeignKeyField(FeedbackItem, null=True, on_delete="SET NULL")

    class Meta:
        table_name = "survey_answer"
        personal_data = ("value",)
        special_category_possible = ("value",)
