"""What the classifiers said about each item, what officers said instead, and every
model version ever trained."""
import json

from peewee import (BlobField, BooleanField, CharField, DateTimeField, FloatField, ForeignKeyField,
                    IntegerField, TextField)

from app.auth.models import User
from app.db import BaseModel, utcnow
from app.feedback.models import FeedbackItem
from app.org.models import ServiceArea

SENTIMENTS = {"negative": "Negative", "neutral": "Neutral or mixed", "positive": "Positive"}
# The models ("heads") and their names. A service area and themes are different questions: an
# item belongs to one service area and to any number of cross-cutting themes.
TASKS = {"sentiment": "Sentiment", "service": "Service area", "theme": "Themes"}
TOPIC_KINDS = {"service": "Service area", "theme": "Cross-cutting theme"}
SAFEGUARDING_DECISIONS = {"concern": "Confirmed concern", "not_concern": "Reviewed, not a concern"}
NO_THEMES = ""  # an officer's theme label meaning "no theme applies"
SENTIMENT_UNSURE = "unsure"  # Prediction.sentiment when the models give no answer (see Prediction.unsure)
UNSURE_LANGUAGE = "language"  # Prediction.unsure: written in a language the models do not know
MODEL_STATUSES = {"champion": "In use", "challenger": "Challenger", "retired": "Retired",
                  "rejected": "Not promoted"}


class Topic(BaseModel):
    """One entry in the council's taxonomy. Predictions can only name these."""

    key = CharField(max_length=60, unique=True)
    name = CharField(max_length=120)
    description = TextField(default="")
    kind = CharField(max_length=20, default="theme")
    service = ForeignKeyField(ServiceArea, null=True, backref="topics", on_delete="SET NULL")
    active = BooleanField(default=True)
    position = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "topic"

    def __str__(self):
        return self.name

    @property
    def kind_label(self):
        return TOPIC_KINDS.get(self.kind, self.kind)


class ModelVersion(BaseModel):
    """Every model ever trained, kept with its data count, metrics and date."""

    task = CharField(max_length=20, index=True)
    version = CharField(max_length=80)
    created_at = DateTimeField(default=utcnow)
    training_count = IntegerField(default=0)
    metrics = TextField(default="{}")  # JSON
    blob = BlobField(null=True)  # the weights (numpy / JSON bytes; never pickle)
    encoder_version = CharField(max_length=200, default="")
    status = CharField(max_length=20, default="challenger", index=True)
    promoted_at = DateTimeField(null=True)
    notes = TextField(default="")

    class Meta:
        table_name = "model_version"
        indexes = ((("task", "version"), True),)

    @property
    def metrics_dict(self):
        try:
            return json.loads(self.metrics or "{}")
        except ValueError:
            return {}

    @property
    def status_label(self):
        return MODEL_STATUSES.get(self.status, self.status)


class Prediction(BaseModel):
    """One classification run over one item: sentiment (with sentence-level evidence), how sure
    the service-area head was and how close the nearest theme came to its threshold, and the
    version of each head that produced it. Its service areas and themes are ItemTopic rows
    with source "model" and their head."""

    item = ForeignKeyField(FeedbackItem, backref="predictions", on_delete="CASCADE")
    model_version = ForeignKeyField(ModelVersion, backref="predictions", on_delete="CASCADE")
    service_model_version = ForeignKeyField(ModelVersion, null=True, backref="service_predictions",
                                            on_delete="CASCADE")
    theme_model_version = ForeignKeyField(ModelVersion, null=True, backref="theme_predictions",
                                          on_delete="CASCADE")
    sentiment = CharField(max_length=20)
    sentiment_score = FloatField()
    service_confidence = FloatField(null=True)  # the top service area's confidence
    theme_margin = FloatField(null=True)  # the smallest |score - threshold| over the themes
    # Why the models are unsure whatever their scores say: "" (not), or UNSURE_LANGUAGE when the
    # text is written in another language than the English they were trained on. Then its
    # sentiment counts nowhere (app.learning.current), its service area and themes are stored as
    # suggestions only (not assigned, not routed), and it waits in the review queue.
    unsure = CharField(max_length=20, default="")
    sentences = TextField(default="[]")  # JSON [{text, label, score}]
    created_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        table_name = "prediction"
        personal_data = ("sentences",)

    @property
    def sentence_list(self):
        return json.loads(self.sentences or "[]")

    @property
    def unsure_words(self):
        """"unsure: language", or "" when the models gave their answer."""
        return f"unsure: {self.unsure}" if self.unsure else ""


class ItemTopic(BaseModel):
    """A service area or theme of an item, from one head ("service" or "theme"): the model's
    (with its confidence; `assigned` for the top service area and for themes over their
    threshold, the rest are runners-up) or an officer's (always assigned)."""

    item = ForeignKeyField(FeedbackItem, backref="topics", on_delete="CASCADE")
    topic = ForeignKeyField(Topic, backref="items", on_delete="CASCADE")
    confidence = FloatField(default=1.0)
    source = CharField(max_length=20, default="model")  # model | officer
    head = CharField(max_length=20, default="theme")  # service | theme
    assigned = BooleanField(default=True)
    model_version = ForeignKeyField(ModelVersion, null=True, on_delete="CASCADE")

    class Meta:
        table_name = "item_topic"
        indexes = ((("item", "source", "head"), False), (("topic", "assigned"), False))


class OfficerLabel(BaseModel):
    """An officer's confirmed sentiment, service area or theme: the learning loop's training
    data. `task` is the head (TASKS); a theme label with value NO_THEMES says none apply."""

    item = ForeignKeyField(FeedbackItem, backref="officer_labels", on_delete="CASCADE")
    task = CharField(max_length=20)
    value = CharField(max_length=60)  # a sentiment label, a topic key, or NO_THEMES
    user = ForeignKeyField(User, null=True, on_delete="SET NULL")
    at = DateTimeField(default=utcnow)
    superseded = BooleanField(default=False)

    class Meta:
        table_name = "officer_label"
        indexes = ((("task", "superseded"), False), (("item", "task"), False))


class ServiceRouting(BaseModel):
    """The service-area head set this item's service (the resident had not chosen one): once
    per item, so re-classifying never moves it again. Its case follows (app.cases.intake)."""

    item = ForeignKeyField(FeedbackItem, unique=True, backref="routing", on_delete="CASCADE")
    service = ForeignKeyField(ServiceArea, on_delete="CASCADE")
    topic = ForeignKeyField(Topic, on_delete="CASCADE")
    confidence = FloatField()
    model_version = ForeignKeyField(ModelVersion, null=True, on_delete="SET NULL")
    at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "service_routing"


class SafeguardingFlag(BaseModel):
    """An item whose words suggest someone may be at risk. Open until an officer decides:
    "concern" (a confirmed safeguarding concern) or "not_concern" (reviewed, not a concern);
    both decisions calibrate the council's threshold (app.learning.calibration)."""

    item = ForeignKeyField(FeedbackItem, unique=True, backref="safeguarding", on_delete="CASCADE")
    reasons = TextField(default="[]")  # JSON list of plain-English reasons
    evidence = TextField(default="[]")  # JSON list of quoted phrases
    score = FloatField(default=0.0)
    severity = IntegerField(default=3, index=True)  # 1 risk to life or a child, 2 abuse, 3 other
    head_version = CharField(max_length=80, default="")  # the model that gave the score
    threshold = FloatField(null=True)  # the threshold in force when it was flagged
    status = CharField(max_length=20, default="open", index=True)
    decision = CharField(max_length=20, default="")  # "" (open) / concern / not_concern
    created_at = DateTimeField(default=utcnow)
    reviewed_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    reviewed_at = DateTimeField(null=True)
    notified_at = DateTimeField(null=True)  # every alert email queued (app.learning.alerts)

    class Meta:
        table_name = "safeguarding_flag"
        personal_data = ("evidence",)

    @property
    def reason_list(self):
        return json.loads(self.reasons or "[]")

    @property
    def evidence_list(self):
        return json.loads(self.evidence or "[]")

    @property
    def severity_words(self):
        from classifiers.safeguarding_terms import SEVERITY_WORDS

        return SEVERITY_WORDS.get(self.severity, SEVERITY_WORDS[3])

    @property
    def decision_label(self):
        return SAFEGUARDING_DECISIONS.get(self.decision, "Not yet reviewed")


class SafeguardingCalibration(BaseModel):
    """One recomputation of the council's safeguarding threshold from officers' decisions
    (the newest row is in force; app.learning.calibration)."""

    computed_at = DateTimeField(default=utcnow, index=True)
    head_version = CharField(max_length=80)
    threshold = FloatField()
    default_threshold = FloatField()
    ceiling = FloatField()
    decisions = IntegerField(default=0)
    confirmed = IntegerField(default=0)
    dismissed = IntegerField(default=0)

    class Meta:
        table_name = "safeguarding_calibration"


class DuplicateLink(BaseModel):
    """Two items from the same resident that say the same thing (item_a has the lower id)."""

    item_a = ForeignKeyField(FeedbackItem, backref="duplicate_links_a", on_delete="CASCADE")
    item_b = ForeignKeyField(FeedbackItem, backref="duplicate_links_b", on_delete="CASCADE")
    similarity = FloatField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "duplicate_link"
        indexes = ((("item_a", "item_b"), True),)


class EmergingIssue(BaseModel):
    created_at = DateTimeField(default=utcnow, index=True)
    item_ids = TextField(default="[]")  # JSON list of FeedbackItem ids
    representative = ForeignKeyField(FeedbackItem, null=True, on_delete="SET NULL")
    size = IntegerField(default=0)
    first_seen = DateTimeField(null=True)
    last_seen = DateTimeField(null=True)
    status = CharField(max_length=20, default="open", index=True)
    key_phrases = TextField(default="[]")  # JSON list
    reviewed_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    reviewed_at = DateTimeField(null=True)

    class Meta:
        table_name = "emerging_issue"

    @property
    def id_list(self):
        return json.loads(self.item_ids or "[]")

    @property
    def phrase_list(self):
        return json.loads(self.key_phrases or "[]")


class ItemEmbedding(BaseModel):
    """The encoder's vector for an item (float32 bytes), so clustering never re-encodes."""

    item = ForeignKeyField(FeedbackItem, unique=True, backref="embedding", on_delete="CASCADE")
    encoder_version = CharField(max_length=200)
    vector = BlobField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "item_embedding"
