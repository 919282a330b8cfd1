"""The API's request and response bodies (marshmallow; flask-smorest documents them). Unknown
fields are refused, every string is checked for control characters and lone surrogates (which
no database can store), and every length has a limit."""
import datetime
import re

import marshmallow as ma
from marshmallow import fields, validate

from app.feedback.models import CHANNELS, STATUSES

TEXT_LIMIT = 10_000
PUT_RIGHT_LIMIT = 5_000
SUBMIT_KINDS = ("compliment", "comment", "complaint", "service_request")
PREFERRED = ("email", "phone", "post", "none")
SENTIMENTS = ("negative", "neutral", "positive")
BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def clean(value):
    if BAD_CHARS.search(value):
        raise ma.ValidationError("Remove control characters and invalid Unicode from this field")


def _text(limit, required=False, **kwargs):
    return fields.String(required=required, validate=[validate.Length(max=limit), clean], **kwargs)


def not_future(value):
    if value > datetime.date.today() + datetime.timedelta(days=1):
        raise ma.ValidationError("The date cannot be in the future")


def channel(value):  # read when called: the channels may grow
    if value not in CHANNELS:
        raise ma.ValidationError(f"Must be one of: {', '.join(CHANNELS)}")


class Strict(ma.Schema):
    class Meta:
        unknown = ma.RAISE


class ResidentSchema(Strict):
    name = _text(200, metadata={"description": "How the resident would like to be addressed"})
    email = fields.Email(validate=[validate.Length(max=254), clean])
    phone = fields.String(validate=[validate.Length(max=40), validate.Regexp(r"^[0-9 +()\-.]*$",
                                                                              error="Use only digits, spaces and + ( ) - .")])
    postal_address = _text(500)
    preferred_contact = fields.String(validate=validate.OneOf(PREFERRED), metadata={
        "description": "How they want a reply; 'none' sends no acknowledgement"})


class FeedbackInSchema(Strict):
    kind = fields.String(required=True, validate=validate.OneOf(SUBMIT_KINDS))
    channel = fields.String(required=True, validate=channel, metadata={"enum": list(CHANNELS)})
    service = fields.String(allow_none=True, validate=validate.Regexp(SLUG, error="Not a service slug"),
                            metadata={"description": "A service's slug; null or absent when not known"})
    text = fields.String(required=True, validate=[validate.Length(min=1, max=TEXT_LIMIT), clean],
                         metadata={"description": "What the resident said, exactly (at most 10,000 characters)"})
    put_right = _text(PUT_RIGHT_LIMIT, metadata={"description": "Complaints: what would put it right"})
    occurred_on = fields.Date(validate=not_future, metadata={"description": "When it happened"})
    quote_consent = fields.Boolean(load_default=False, metadata={
        "description": "The resident agreed their words may be quoted, without their name"})
    resident = fields.Nested(ResidentSchema, allow_none=True)


class FeedbackCreatedSchema(ma.Schema):
    reference = fields.String()
    kind = fields.String()
    channel = fields.String()
    service = fields.String(allow_none=True)
    status = fields.String()
    received_at = fields.String(metadata={"format": "date-time", "description": "UTC"})  # as stored for retries
    acknowledgement_queued = fields.Boolean()


class TimelineEntrySchema(ma.Schema):
    status = fields.String()
    at = fields.DateTime()
    note = fields.String()


class DecisionSchema(ma.Schema):
    stage = fields.Integer()
    outcome = fields.String()
    responded_on = fields.Date(allow_none=True)
    closed_on = fields.Date(allow_none=True)


class StatusSchema(ma.Schema):
    reference = fields.String()
    kind = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    status_label = fields.String()
    received_at = fields.DateTime()
    timeline = fields.List(fields.Nested(TimelineEntrySchema))
    decision = fields.Nested(DecisionSchema, allow_none=True)


class TopicSchema(ma.Schema):
    key = fields.String()
    name = fields.String()


class FeedbackOutSchema(ma.Schema):
    reference = fields.String()
    kind = fields.String()
    channel = fields.String()
    service = fields.String(allow_none=True)
    status = fields.String()
    received_at = fields.DateTime()
    happened_on = fields.Date(allow_none=True)
    text = fields.String(allow_none=True, metadata={
        "description": "The words, as analysts read them on staff pages; null (see text_withheld) "
                       "for feedback in a case, which analysts do not see"})
    text_withheld = fields.String(allow_none=True)
    classification_status = fields.String()
    sentiment = fields.String(allow_none=True, metadata={"enum": list(SENTIMENTS)})
    service_area = fields.Nested(TopicSchema, allow_none=True)
    themes = fields.List(fields.Nested(TopicSchema))


class FeedbackQuerySchema(Strict):
    service = fields.String(validate=validate.Regexp(SLUG, error="Not a service slug"))
    kind = fields.String(validate=validate.OneOf(("survey_answer",) + SUBMIT_KINDS))
    since = fields.DateTime(metadata={"description": "Received at or after (ISO 8601, UTC)"})
    until = fields.DateTime(metadata={"description": "Received before (ISO 8601, UTC)"})
    sentiment = fields.String(validate=validate.OneOf(SENTIMENTS))
    topic = fields.String(validate=validate.Regexp(r"^[A-Za-z0-9_-]{1,60}$", error="Not a topic key"),
                          metadata={"description": "A theme's or service area's key"})

    @ma.validates_schema
    def in_order(self, data, **kwargs):
        if data.get("since") and data.get("until") and naive_utc(data["since"]) >= naive_utc(data["until"]):
            raise ma.ValidationError("'since' must be before 'until'", "until")


def naive_utc(moment):
    """A datetime in naive UTC, as Heard stores them."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return moment
