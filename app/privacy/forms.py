"""The retention period form (one category at a time, the GOV.UK "Change" pattern)."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField, StringField, TextAreaField

from app.actions.forms import date_part, read_date
from wtforms.validators import ValidationError

from app.privacy.schedule import MAX_DAYS, MIN_DAYS


class PeriodForm(FlaskForm):
    days = StringField("How many days should these records be kept?",
                       filters=[lambda v: v.strip().replace(",", "") if isinstance(v, str) else v])

    def validate_days(self, field):
        text = field.data or ""
        if not text:
            raise ValidationError("Enter how many days these records should be kept")
        if not text.isdigit():
            raise ValidationError("Enter the number of days as a whole number, like 730")
        if not MIN_DAYS <= int(text) <= MAX_DAYS:
            raise ValidationError(f"Enter a number of days between {MIN_DAYS} and {MAX_DAYS:,}")


class HoldForm(FlaskForm):
    target = StringField("Case reference, or the resident's email address or phone number",
                         description="For example, HRD-2026-000123 or name@example.com")
    reason = TextAreaField("Why must these records be kept?",
                           description="For example, a claim, an investigation or a request from the Ombudsman. "
                                       "Only administrators see this.")


class ReleaseForm(FlaskForm):
    reason = TextAreaField("Why can the hold end?")


class RequestForm(FlaskForm):
    identifier = StringField("The resident's email address, phone number or a reference",
                             description="What Heard searches by. Not a name: a name can match other people.")
    requester = TextAreaField("Who asked, and how",
                              description="For example, by email to the complaints team, or by letter from "
                                          "their solicitor")
    received_day, received_month, received_year = date_part("day"), date_part("month"), date_part("year")
    received_on = None

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        self.received_on = read_date(self, "received", "date the request was received", required=True)
        return valid and self.received_on is not False


class AnsweredForm(FlaskForm):
    """The "Mark as answered" button (its CSRF token)."""


class ReviewForm(FlaskForm):
    """The officer's review before release: words to redact and records to leave out."""

    redactions = TextAreaField("Words to redact", description=(
        "One on each line: other people's names and anything else about them. Each one shows as "
        "[redacted] everywhere in the export. We have suggested the names of other people Heard knows."))
    withhold = SelectMultipleField("Records to leave out of the export", validate_choice=False, description=(
        "Tick a record that is about someone else, or a file that cannot be released as it is."))


class ErasureForm(FlaskForm):
    """Erasure on request: who, why, and (on the second step) the officer's confirmation."""

    identifier = StringField("The resident's email address, phone number or a reference",
                             description="Not a name: a name can match other people.")
    reason = TextAreaField("The request", description=(
        "When and how the resident asked, for example: email of 3 December 2026 to the complaints team. "
        "It is kept in the audit log with the erasure."))
    confirmed = HiddenField()
