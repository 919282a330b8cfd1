"""The decision form: what we decided and why, the actions it links, a "You said, we did" page."""
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.actions.forms import stripped
from panels.proposals.decisions import MAX_DECISION


class DecisionForm(FlaskForm):
    decision = TextAreaField(
        "What we decided and why", filters=[stripped],
        description="Members read this on their outcome page and in the email they are sent. Say what will "
                    "change (or not), when, and how their views shaped the decision.",
        validators=[DataRequired("Enter what you decided and why"),
                    Length(max=MAX_DECISION, message=f"What you decided and why must be {MAX_DECISION} "
                                                     "characters or fewer")])
    # Choices are checked by the service (decisions.publish), which says what is wrong in words.
    actions = SelectMultipleField("Actions this decision created or changed (optional)", coerce=str,
                                  validate_choice=False,
                                  description="Members see each action's summary for residents.")
    publication = SelectField("“You said, we did” page (optional)", coerce=str, validate_choice=False,
                              description="Link a published page that reports this change to residents.")

    def __init__(self, *args, actions=(), publications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.actions.choices = [(str(a.id), f"{a.title} ({a.status_label.lower()})") for a in actions]
        self.publication.choices = [("", "None")] + [(str(p.id), p.title) for p in publications]

    def values(self):
        return {"decision": self.decision.data, "action_ids": [_id(v) for v in self.actions.data or ()],
                "publication_id": _id(self.publication.data) if self.publication.data else None}


def _id(value):
    """A chosen id, or 0 (never a real row) for anything tampered with."""
    value = str(value or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else 0
