"""The officers' forms: start a draft, edit its words, and the buttons that change it."""
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from reports.yswd import period
from reports.yswd.services import SUMMARY_LIMIT, TITLE_LIMIT

WHOLE_COUNCIL = "whole-council"


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class DraftForm(FlaskForm):
    service = SelectField("Service", choices=[], validate_choice=False,
                          validators=[DataRequired("Select a service")])
    period = SelectField("Period", choices=[], validate_choice=False,
                         validators=[DataRequired("Select a period")],
                         description="Heard counts the feedback received in these months")

    def set_choices(self, services, whole_council):
        """`services`: the ServiceAreas this officer may draft for."""
        choices = [("", "Select a service")] + [(s.slug, s.name) for s in services]
        if whole_council:
            choices.insert(1, (WHOLE_COUNCIL, "The whole council"))
        self.service.choices = [SelectChoice(value, label) for value, label in choices]
        self.period.choices = [SelectChoice(value, label) for value, label in
                               [("", "Select a period")] + period.choices()]
        return self

    def validate_service(self, field):
        if field.data not in {choice.value for choice in self.service.choices if choice.value}:
            raise ValidationError("Select a service from the list")

    def validate_period(self, field):
        if period.parse(field.data) is None:
            raise ValidationError("Select a period from the list")


class EditForm(FlaskForm):
    title = StringField("Title", filters=[_strip], validators=[
        DataRequired("Enter a title"), Length(max=TITLE_LIMIT, message=f"Title must be {TITLE_LIMIT} characters or fewer")])
    summary = TextAreaField("You said", filters=[_strip], validators=[
        DataRequired("Enter what residents said"),
        Length(max=SUMMARY_LIMIT, message=f"“You said” must be {SUMMARY_LIMIT:,} characters or fewer")],
        description="Residents read this first. Leave a blank line between paragraphs. "
                    "Never include anything that could identify someone.")


class ButtonForm(FlaskForm):
    """A button that changes the publication (the CSRF token only)."""


class QuoteForm(FlaskForm):
    decision = RadioField("Decision", choices=[SelectChoice("approve", "Approve"),
                                               SelectChoice("reject", "Reject")],
                          validators=[DataRequired("Choose approve or reject")])
