"""Root-cause actions and the feedback themes they answer.

An action's cases are `app.cases.models.CaseActionLink` rows (one per case); its themes are
`ActionTheme` rows (a topic over a period). Evidence of effect is computed from the linked
themes when the action is done, never typed (app.actions.evidence).
"""
from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, TextField

from app.auth.models import User
from app.db import BaseModel, utcnow
from app.learning.models import Topic
from app.org.models import ServiceArea

STATUSES = {
    "proposed": "Proposed",
    "agreed": "Agreed",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}
OPEN_STATUSES = ("proposed", "agreed", "in_progress")


class Action(BaseModel):
    title = CharField(max_length=200)
    description = TextField(default="")
    service = ForeignKeyField(ServiceArea, null=True, backref="actions", on_delete="SET NULL")
    owner = ForeignKeyField(User, null=True, backref="actions", on_delete="SET NULL")
    due_on = DateField(null=True, index=True)
    status = CharField(max_length=20, default="proposed", index=True)
    dropped_reason = TextField(default="")
    public_summary = TextField(default="")  # written for residents ("We did" on public pages)
    owner_note = TextField(default="")  # the owner's own note on the effect, beside the evidence
    done_at = DateTimeField(null=True, index=True)
    created_at = DateTimeField(default=utcnow)
    created_by = ForeignKeyField(User, null=True, backref="actions_created", on_delete="SET NULL")
    updated_at = DateTimeField(default=utcnow)
    is_demo = BooleanField(default=False)

    class Meta:
        table_name = "action"
        indexes = ((("service", "status"), False),)

    @property
    def status_label(self):
        return STATUSES.get(self.status, self.status)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def is_overdue(self, today):
        """Open and past its due date on `today` (a Europe/London date)."""
        return self.is_open and self.due_on is not None and self.due_on < today


class ActionTheme(BaseModel):
    """A feedback theme the action answers: a topic over a period (first and last day)."""

    action = ForeignKeyField(Action, backref="themes", on_delete="CASCADE")
    topic = ForeignKeyField(Topic, backref="action_themes", on_delete="CASCADE")
    period_start = DateField()
    period_end = DateField()

    class Meta:
        table_name = "action_theme"
        indexes = ((("action", "topic"), False),)
