"""The annual report's forms: start a report, edit its words, assess a section of the Code,
upload the Ombudsman's letter, and the buttons that move it on."""
import datetime

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from reports.annual.models import COMPLIANCE
from reports.annual.services import TEXT_LIMIT


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _day(text):
    try:
        return datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def _long(label, required=None):
    validators = [DataRequired(required)] if required else [Optional()]
    validators.append(Length(max=TEXT_LIMIT, message=f"{label} must be {TEXT_LIMIT:,} characters or fewer"))
    return TextAreaField(label, filters=[_strip], validators=validators)


class StartForm(FlaskForm):
    start = StringField("First day of the 12 months", filters=[_strip],
                        validators=[DataRequired("Enter the first day of the period")],
                        description="For example, 2025-04-01 for the financial year 1 April 2025 to 31 March 2026.")

    def validate_start(self, field):
        if _day(field.data) is None:
            raise ValidationError("Enter the first day as a date, like 2025-04-01")

    @property
    def day(self):
        return _day(self.start.data)


class EditForm(FlaskForm):
    ombudsman_letter = _long("The Ombudsman's annual letter (paste its text)")
    ombudsman_reports = _long("Other Ombudsman reports and decisions this year")
    governance_response = _long("The governance response")
    governance_by = StringField("Who responded (the committee or member)", filters=[_strip],
                                validators=[Optional(), Length(max=200, message="Who responded must be 200 "
                                                                                "characters or fewer")])
    governance_on = StringField("When they responded", filters=[_strip], validators=[Optional()],
                                description="As a date, like 2026-06-18.")

    def validate_governance_on(self, field):
        if field.data and _day(field.data) is None:
            raise ValidationError("Enter when they responded as a date, like 2026-06-18")

    @property
    def governance_day(self):
        return _day(self.governance_on.data)


class AssessForm(FlaskForm):
    status = RadioField("Does the council comply?", choices=[SelectChoice(k, v) for k, v in COMPLIANCE.items()],
                        validators=[DataRequired("Choose whether the council complies")],
                        invalid_choice_message="Choose whether the council complies")
    evidence = _long("The council's evidence")
    commentary = _long("Commentary")


class LetterForm(FlaskForm):
    letter = FileField("The Ombudsman's annual letter (PDF)")


class ButtonForm(FlaskForm):
    """A button that posts: CSRF only."""
