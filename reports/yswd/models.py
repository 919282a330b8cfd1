"""A "You said, we did" publication and its snapshot: themes, quotes and "We did" entries."""
from peewee import (BlobField, BooleanField, CharField, DateField, DateTimeField, FloatField, ForeignKeyField,
                    IntegerField, TextField)

from app.actions.models import Action
from app.auth.models import User
from app.db import BaseModel, utcnow
from app.feedback.models import FeedbackItem
from app.learning.models import Topic
from app.org.models import ServiceArea

STATUSES = {"draft": "Draft", "in_review": "In review", "published": "Published"}
QUOTE_STATUSES = {"candidate": "Waiting for a decision", "approved": "Approved", "rejected": "Rejected"}


class Publication(BaseModel):
    # None: the whole council. service_name is what the page calls it (kept as drafted).
    service = ForeignKeyField(ServiceArea, null=True, backref="publications", on_delete="SET NULL")
    service_name = CharField(max_length=200, default="")
    period_start = DateField(index=True)
    period_end = DateField()
    title = CharField(max_length=200)
    slug = CharField(max_length=120, unique=True)
    status = CharField(max_length=20, default="draft", index=True)
    summary = TextField(default="")  # "You said", drafted by Heard, edited by officers
    drafted_by = ForeignKeyField(User, null=True, backref="publications_drafted", on_delete="SET NULL")
    drafted_at = DateTimeField(default=utcnow)
    sent_for_review_by = ForeignKeyField(User, null=True, backref="publications_sent",
                                         on_delete="SET NULL")
    sent_for_review_at = DateTimeField(null=True)
    published_by = ForeignKeyField(User, null=True, backref="publications_published",
                                   on_delete="SET NULL")
    published_at = DateTimeField(null=True, index=True)
    updated_at = DateTimeField(default=utcnow)
    is_demo = BooleanField(default=False)

    class Meta:
        table_name = "yswd_publication"

    @property
    def status_label(self):
        return STATUSES.get(self.status, self.status)

    @property
    def is_published(self):
        return self.status == "published"


class PublicationTheme(BaseModel):
    """One of the period's main themes, as the query layer counted it when drafted."""

    publication = ForeignKeyField(Publication, backref="themes", on_delete="CASCADE")
    topic = ForeignKeyField(Topic, null=True, on_delete="SET NULL")
    name = CharField(max_length=120)
    position = IntegerField(default=0)
    count = IntegerField(default=0)
    negative = IntegerField(default=0)
    neutral = IntegerField(default=0)
    positive = IntegerField(default=0)

    class Meta:
        table_name = "yswd_theme"


class PublicationQuote(BaseModel):
    """A candidate quote for a theme: the item's words redacted, how representative they are,
    and an officer's decision. Only approved quotes are ever public."""

    publication = ForeignKeyField(Publication, backref="quotes", on_delete="CASCADE")
    theme = ForeignKeyField(PublicationTheme, backref="quotes", on_delete="CASCADE")
    item = ForeignKeyField(FeedbackItem, backref="yswd_quotes", on_delete="CASCADE")
    text = TextField()  # redacted
    score = FloatField(default=0.0)  # cosine similarity to the theme's centroid
    position = IntegerField(default=0)
    status = CharField(max_length=20, default="candidate", index=True)
    decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    decided_at = DateTimeField(null=True)

    class Meta:
        table_name = "yswd_quote"
        indexes = ((("publication", "item"), True),)

    @property
    def status_label(self):
        return QUOTE_STATUSES.get(self.status, self.status)


class PublicationAction(BaseModel):
    """A "We did" entry: a done action's public summary as it read when snapshotted."""

    publication = ForeignKeyField(Publication, backref="actions", on_delete="CASCADE")
    action = ForeignKeyField(Action, null=True, on_delete="SET NULL")
    title = CharField(max_length=200)
    summary = TextField()
    done_at = DateTimeField(null=True)
    position = IntegerField(default=0)

    class Meta:
        table_name = "yswd_action"


class PublicationPdf(BaseModel):
    """The publication's PDF, built by the worker after it was published (tasks.build_pdf)."""

    publication = ForeignKeyField(Publication, unique=True, backref="pdfs", on_delete="CASCADE")
    content = BlobField()
    built_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "yswd_pdf"
