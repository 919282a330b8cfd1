"""Forms for the case page's actions. Each one is a small GOV.UK page: plain-English errors,
and whatever was typed is shown again when something is wrong."""
import re
from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from wtforms import (BooleanField, FieldList, Form, FormField, RadioField, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.cases.clocks import MAX_EXTENSION_DAYS
from app.cases.models import EXCLUSIONS, OMBUDSMEN, OUTCOMES, ROOT_CAUSES

REFERENCE = re.compile(r"^HRD-\d{4}-\d{6}$")
DECISIONS = {k: v for k, v in OUTCOMES.items() if k != "withdrawn"}
POINT_ROWS = 3  # decision points the respond form starts with
MAX_POINTS = 30
MAX_PENCE = 100_000_000
CALL_DIRECTIONS = {"in": "The resident called us", "out": "We called the resident"}  # £1,000,000: anything more is a typing mistake


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _upper(value):
    return value.strip().upper() if isinstance(value, str) else value


def _text(label, required=None, max_length=10000, description=None):
    validators = [DataRequired(required)] if required else [Optional()]
    validators.append(Length(max=max_length, message=f"{label.removesuffix(' (optional)')} must be "
                                                     f"{max_length} characters or fewer"))
    return TextAreaField(label, filters=[_strip], validators=validators, description=description or "")


def _choices(labels):
    return [SelectChoice(k, v) for k, v in labels.items()]


class ActionForm(FlaskForm):
    """A button that posts: CSRF only."""


class AcknowledgeForm(FlaskForm):
    understanding = _text("What you understand the complaint to be about (optional)", max_length=5000,
                          description="This goes in the acknowledgement letter, so the resident can "
                                      "tell you if you have misunderstood.")


class HoldingForm(FlaskForm):
    message = _text("What should the letter tell the resident?",
                    "Enter what the holding letter should tell the resident", 5000)


class NoteForm(FlaskForm):
    text = _text("Note", "Enter the note", description="Only staff see notes. Residents never do.")


class CallForm(FlaskForm):
    direction = RadioField("Who called?", choices=_choices(CALL_DIRECTIONS),
                           validators=[DataRequired("Select who called")],
                           invalid_choice_message="Select who called")
    text = _text("What was said", "Enter what was said")


class ExtendForm(FlaskForm):
    """The one extension of the stage 1 response (Stage2ExtendForm: of the stage 2 response)."""

    stage = 1
    days = StringField("How many more working days?", filters=[_strip])
    reason = _text("Why is more time needed?", "Enter why more time is needed", 2000,
                   description="The resident is told this reason.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.days.description = (f"Up to {self.max_days}. The stage {self.stage} response can be "
                                 "extended once.")

    @property
    def max_days(self):
        return MAX_EXTENSION_DAYS[self.stage]

    def validate_days(self, field):
        if not field.data:
            raise ValidationError("Enter how many more working days")
        if not field.data.isdigit():
            raise ValidationError("Number of working days must be a whole number, like 5")
        if not 1 <= int(field.data) <= self.max_days:
            raise ValidationError(f"Number of working days must be between 1 and {self.max_days}")

    @property
    def days_value(self):
        return int(self.days.data)

    @property
    def chosen_ombudsman(self):
        return ""


class Stage2ExtendForm(ExtendForm):
    stage = 2
    ombudsman = RadioField("Which ombudsman can the resident go to about the delay?",
                           choices=_choices(OMBUDSMEN), default="lgsco",
                           description="The letter gives their contact details.",
                           validators=[DataRequired("Select which ombudsman")],
                           invalid_choice_message="Select which ombudsman")

    @property
    def chosen_ombudsman(self):
        return self.ombudsman.data or ""


def extend_form(stage):
    return Stage2ExtendForm() if stage == 2 else ExtendForm()


class PauseForm(FlaskForm):
    reason = _text("What are you waiting for from the resident?",
                   "Enter what you are waiting for from the resident", 2000,
                   description="The clock stops until you restart it.")
    message = _text("Letter asking the resident for it (optional)", max_length=5000,
                    description="If you write one, it is sent to the resident as a holding letter.")


# What each part of a point needs, as its error says (after "Point 2: ").
POINT_MISSING = {"point": "Enter the point the resident made",
                 "decision": "Choose whether it is upheld, partly upheld or not upheld",
                 "reasons": "Say why you decided this"}


class PointForm(Form):
    """One point of the complaint and the decision on it (a row of the respond form)."""

    point = _text("The point the resident made", max_length=2000)
    decision = RadioField("Decision", choices=_choices(DECISIONS), validators=[Optional()],
                          invalid_choice_message="Select a decision from the list")
    reasons = _text("Reasons for the decision", max_length=5000)

    @property
    def blank(self):
        return not (self.point.data or self.decision.data or self.reasons.data)


class RemedyMixin:
    def validate_remedy_financial(self, field):
        try:
            pence = pounds_to_pence(field.data)
        except ValueError:
            raise ValidationError("Financial redress must be an amount in pounds, like 150 or 49.99") from None
        if pence is not None and pence > MAX_PENCE:
            raise ValidationError("Financial redress must be £1,000,000 or less")

    @property
    def pence(self):
        return pounds_to_pence(self.remedy_financial.data)


def _financial():
    return StringField("Financial redress, in pounds (optional)", filters=[_strip],
                       description="For example, 150 or 49.99. Leave empty if none.")


class RespondForm(RemedyMixin, FlaskForm):
    points = FieldList(FormField(PointForm), min_entries=POINT_ROWS, max_entries=MAX_POINTS)
    remedy_apology = BooleanField("We apologise")
    remedy_action = _text("What the council will do to put things right (optional)", max_length=5000)
    remedy_financial = _financial()
    outstanding_actions = _text("Actions still to be done, and by when (optional)", max_length=5000)
    ombudsman = RadioField("Which ombudsman can the resident go to next?", choices=_choices(OMBUDSMEN),
                           default="lgsco", validators=[Optional()],
                           invalid_choice_message="Select which ombudsman")

    def validate_points(self, field):
        """Each error names its point ("Point 2: say why"), in the error summary and at the
        field, so an officer with several points knows which one to fix."""
        rows = [(n, row.form) for n, row in enumerate(field, start=1) if not row.form.blank]
        if not rows:
            field.entries[0].form.point.errors = ["Point 1: enter at least one point of the complaint"]
            raise ValidationError("Check the points of the complaint")
        problem = False
        for n, row in rows:
            for name, missing in POINT_MISSING.items():
                sub = row[name]
                if not sub.data and not sub.errors:
                    sub.errors = [missing]
                sub.errors = [f"Point {n}: {message[0].lower()}{message[1:]}"
                              if not message.startswith("Point ") else message for message in sub.errors]
                problem = problem or bool(sub.errors)
        if problem:
            raise ValidationError("Check the points of the complaint")

    def point_list(self):
        return [{"point": row.form.point.data, "decision": row.form.decision.data,
                 "reasons": row.form.reasons.data} for row in self.points if not row.form.blank]

    def add_row(self):
        if len(self.points.entries) < MAX_POINTS:
            self.points.append_entry()


class Stage2RequestForm(FlaskForm):
    reason = _text("Why is the resident unhappy with the stage 1 response?",
                   "Enter why the resident is unhappy with the stage 1 response", 5000,
                   description="Use the resident's own words where you can.")


class ReviewerForm(FlaskForm):
    reviewer = SelectField("Stage 2 reviewer", coerce=int,
                           description="Someone other than the officer who handled stage 1.",
                           validators=[DataRequired("Select the stage 2 reviewer")])

    def __init__(self, users, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviewer.choices = [SelectChoice(0, "Select a reviewer")] + [
            SelectChoice(u.id, u.name) for u in users]


class AssignForm(FlaskForm):
    assignee = SelectField("Assign to", coerce=int)

    def __init__(self, users, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignee.choices = [SelectChoice(0, "Nobody (unassigned)")] + [
            SelectChoice(u.id, u.name) for u in users]


class OmbudsmanReferralForm(FlaskForm):
    ombudsman = RadioField("Which ombudsman?", choices=_choices(OMBUDSMEN),
                           validators=[DataRequired("Select which ombudsman")],
                           invalid_choice_message="Select which ombudsman")


class RefuseForm(FlaskForm):
    """Declining to accept a complaint (app.cases.refusals checks the rest)."""

    exclusion = RadioField("Why can it not be accepted as a complaint?", choices=_choices(EXCLUSIONS),
                           validators=[DataRequired("Choose why the complaint is not being accepted")],
                           invalid_choice_message="Choose why the complaint is not being accepted")
    other = StringField("If another reason, what is it?", filters=[_strip],
                        description="Only if you chose another reason.")
    reasons = _text("Your reasons, for the resident", "Enter your reasons, in plain words, for the resident",
                    5000, description="The resident is sent these words, with how to ask the Ombudsman.")


class OmbudsmanOutcomeForm(FlaskForm):
    outcome = _text("What did the ombudsman decide?", "Enter what the ombudsman decided")


class ReasonForm(FlaskForm):
    """Converting a case, reopening it: a reason for the timeline."""

    reason = _text("Reason", "Enter the reason", 2000)


class ReferenceField(StringField):
    def __init__(self, label, **kwargs):
        super().__init__(label, filters=[_upper], **kwargs)


def _check_reference(field, missing):
    if not field.data:
        raise ValidationError(missing)
    if not REFERENCE.match(field.data):
        raise ValidationError("Enter a reference like HRD-2026-000123")


class MergeForm(FlaskForm):
    reference = ReferenceField("Reference of the case to merge this one into",
                               description="For example, HRD-2026-000123.")
    reason = _text("Why are they the same complaint?", "Enter why they are the same complaint", 2000)

    def validate_reference(self, field):
        _check_reference(field, "Enter the reference of the case to merge into")


class LinkForm(FlaskForm):
    reference = ReferenceField("Reference of the feedback to link",
                               description="For example, HRD-2026-000123.")
    reason = _text("Why does it belong to this case?", "Enter why it belongs to this case", 200)

    def validate_reference(self, field):
        _check_reference(field, "Enter the reference of the feedback to link")


class SplitForm(FlaskForm):
    items = SelectMultipleField("Which items are a separate complaint?", coerce=int,
                                description="They move to a new case with its own reference.",
                                invalid_choice_message="Select items from the list")
    reason = _text("Why are they a separate complaint?", "Enter why they are a separate complaint", 2000)

    def __init__(self, items, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items.choices = [SelectChoice(i.id, f"{i.reference}: {i.text[:80]}") for i in items]

    def validate_items(self, field):
        if not field.data:
            raise ValidationError("Select the items that are a separate complaint")
        if len(field.data) == len(field.choices):
            raise ValidationError("Leave at least one item in this case")


def pounds_to_pence(text):
    """"£1,234.50" -> 123450; None for nothing; ValueError for anything else."""
    text = (text or "").strip().replace(",", "").removeprefix("£").strip()
    if not text:
        return None
    if not re.fullmatch(r"\d+(\.\d{1,2})?", text):
        raise ValueError(text)
    try:
        return int(Decimal(text) * 100)
    except InvalidOperation as error:
        raise ValueError(text) from error


class CloseForm(RemedyMixin, FlaskForm):
    outcome = RadioField("Outcome", choices=_choices(OUTCOMES), validators=[Optional()],
                         invalid_choice_message="Select the outcome")
    remedy_apology = BooleanField("We apologised")
    remedy_action = _text("What we did to put things right (optional)", max_length=5000)
    remedy_financial = _financial()
    root_cause = SelectField("Root cause", choices=[SelectChoice("", "Select the root cause")] + _choices(ROOT_CAUSES),
                             description="What went wrong, if anything did. Needed when the complaint was "
                                         "upheld or partly upheld.",
                             validate_choice=False)
    lessons_learnt = _text("Lessons learnt (optional)", max_length=5000,
                           description="What should the council do differently? Service leads read this.")
    actions = _text("Actions to fix the root cause (optional)", max_length=5000,
                    description="One action on each line.")

    def __init__(self, kind="complaint", *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind

    def validate_outcome(self, field):
        if self.kind == "complaint" and not field.data:
            raise ValidationError("Select the outcome")

    def validate_root_cause(self, field):
        if field.data and field.data not in ROOT_CAUSES:
            raise ValidationError("Select a root cause from the list")

    @property
    def action_list(self):
        return [line.strip() for line in (self.actions.data or "").splitlines() if line.strip()]

