from peewee import CharField, DateTimeField, TextField

from app.db import BaseModel, utcnow


class FeedbackDraft(BaseModel):
    """A resident's answers between the pages of the 3Cs journey.

    Kept on the server because a complaint can be 10,000 characters, far more than a
    cookie holds; the session cookie carries only a random token whose hash is stored
    here. Deleted on submit, pruned a few days after its last change.
    """

    token_hash = CharField(max_length=64, unique=True)
    answers = TextField(default="{}")  # JSON
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        table_name = "feedback_draft"
        personal_data = ("answers",)
        special_category_possible = ("answers",)
