"""A proposal put to a panel, what members said about it, and what the council decided."""
from peewee import (BooleanField, CharField, DateField, DateTimeField, FloatField, ForeignKeyField,
                    IntegerField, TextField)

from app.actions.models import Action
from app.auth.models import User
from app.db import BaseModel, utcnow
from app.learning.models import Topic
from app.org.models import ServiceArea
from panels.models import Member, Panel
from reports.yswd.models import Publication
from surveys.models import Survey

STATUSES = {"draft": "Draft", "open": "Open for views", "closed": "Closed", "decided": "Decided"}
STANCES = {"support": "Support", "neutral": "Neutral", "oppose": "Oppose"}
NOTIFICATION_KINDS = {"proposal": "New proposal", "reply": "Reply to your comment",
                      "decision": "Decision"}


class Proposal(BaseModel):
    panel = ForeignKeyField(Panel, backref="proposals", on_delete="CASCADE")
    title = CharField(max_length=200)
    what_would_change = TextField()
    why = TextField()
    service = ForeignKeyField(ServiceArea, null=True, backref="panel_proposals", on_delete="SET NULL")
    # The feedback that led to it: complaints about the linked themes over this period.
    evidence_start = DateField(null=True)
    evidence_end = DateField(null=True)
    closes_on = DateField()
    status = CharField(max_length=20, default="draft", index=True)
    created_by = ForeignKeyField(User, null=True, backref="panel_proposals", on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    opened_at = DateTimeField(null=True)
    decision = TextField(default="")        # "what we decided and why", written back to members
    decided_by = ForeignKeyField(User, null=True, backref="panel_proposals_decided", on_delete="SET NULL")
    decided_at = DateTimeField(null=True)
    publication = ForeignKeyField(Publication, null=True, backref="panel_proposals", on_delete="SET NULL")
    is_demo = BooleanField(default=False)

    class Meta:
        table_name = "panel_proposal"


class ProposalTopic(BaseModel):
    """A theme of residents' feedback that led to the proposal."""

    proposal = ForeignKeyField(Proposal, backref="topics", on_delete="CASCADE")
    topic = ForeignKeyField(Topic, backref="panel_proposals", on_delete="CASCADE")

    class Meta:
        table_name = "panel_proposal_topic"
        indexes = ((("proposal", "topic"), True),)


class ProposalAction(BaseModel):
    """An action linked to the proposal: one that led to it ("evidence") or one the
    decision created or changed ("decision")."""

    proposal = ForeignKeyField(Proposal, backref="actions", on_delete="CASCADE")
    action = ForeignKeyField(Action, backref="panel_proposals", on_delete="CASCADE")
    role = CharField(max_length=20, default="evidence")

    class Meta:
        table_name = "panel_proposal_action"
        indexes = ((("proposal", "action", "role"), True),)


class Document(BaseModel):
    """A PDF or image attached to a proposal, checked by content and stored outside the
    static root under a random name."""

    proposal = ForeignKeyField(Proposal, backref="documents", on_delete="CASCADE")
    filename = CharField(max_length=200)        # as uploaded, cleaned, for the download
    stored_name = CharField(max_length=80, unique=True)
    content_type = CharField(max_length=60)
    size = IntegerField()
    sha256 = CharField(max_length=64)
    uploaded_by = ForeignKeyField(User, null=True, backref="panel_documents", on_delete="SET NULL")
    uploaded_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "panel_document"


class Question(BaseModel):
    proposal = ForeignKeyField(Proposal, backref="questions", on_delete="CASCADE")
    position = IntegerField(default=0)
    text = TextField()

    class Meta:
        table_name = "panel_question"


class Answer(BaseModel):
    question = ForeignKeyField(Question, backref="answers", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="answers", on_delete="CASCADE")
    text = TextField()
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "panel_answer"
        personal_data = ("text",)
        indexes = ((("question", "member"), True),)


class Comment(BaseModel):
    """A comment in a proposal's threads (`parent`: the comment it replies to), by a member
    or by staff. A hidden comment is shown only to its author (with the reason) and to
    facilitators. The sentiment and theme are the classifiers' (for the results)."""

    proposal = ForeignKeyField(Proposal, backref="comments", on_delete="CASCADE")
    parent = ForeignKeyField("self", null=True, backref="replies", on_delete="CASCADE")
    member = ForeignKeyField(Member, null=True, backref="comments", on_delete="SET NULL")
    staff_author = ForeignKeyField(User, null=True, backref="panel_comments", on_delete="SET NULL")
    body = TextField()
    created_at = DateTimeField(default=utcnow, index=True)
    hidden_at = DateTimeField(null=True)
    hidden_reason = TextField(default="")
    hidden_by = ForeignKeyField(User, null=True, backref="panel_comments_hidden", on_delete="SET NULL")
    sentiment = CharField(max_length=20, default="")
    sentiment_score = FloatField(null=True)
    topic = CharField(max_length=60, default="")
    topic_score = FloatField(null=True)
    classified_version = CharField(max_length=200, default="")

    class Meta:
        table_name = "panel_comment"
        personal_data = ("body",)


class View(BaseModel):
    """A member's view of a proposal: support, neutral or oppose, with a reason."""

    proposal = ForeignKeyField(Proposal, backref="views", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="views", on_delete="CASCADE")
    stance = CharField(max_length=10)
    reason = TextField()
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "panel_view"
        personal_data = ("reason",)
        indexes = ((("proposal", "member"), True),)


class Notification(BaseModel):
    """Something for a member's digest: a new proposal, a reply to their comment, a decision.
    `digested_at`: when a digest email carried it (or it was skipped: digest switched off)."""

    member = ForeignKeyField(Member, backref="notifications", on_delete="CASCADE")
    kind = CharField(max_length=20)
    proposal = ForeignKeyField(Proposal, backref="notifications", on_delete="CASCADE")
    comment = ForeignKeyField(Comment, null=True, backref="notifications", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow, index=True)
    digested_at = DateTimeField(null=True, index=True)

    class Meta:
        table_name = "panel_notification"


class SurveySend(BaseModel):
    """A survey sent from the survey builder to every current member of a panel."""

    panel = ForeignKeyField(Panel, backref="survey_sends", on_delete="CASCADE")
    survey = ForeignKeyField(Survey, backref="panel_sends", on_delete="CASCADE")
    sent_by = ForeignKeyField(User, null=True, backref="panel_survey_sends", on_delete="SET NULL")
    sent_at = DateTimeField(default=utcnow)
    invited = IntegerField(default=0)

    class Meta:
        table_name = "panel_survey_send"
