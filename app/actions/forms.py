"""Forms for the action pages, GOV.UK style: plain-English errors at the field and in the
summary, and whatever was typed shown again. Dates are GOV.UK date inputs (day, month, year:
fields `<name>_day`, `<name>_month`, `<name>_year`), read by `read_date`."""
import datetime

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from app.actions import access
from app.actions.models import STATUSES
from app.auth.roles import ROLES

PARTS = ("day", "month", "year")


def stripped(value):
    return value.strip() if isinstance(value, str) else value


def text_area(label, max_length, required=None, description=""):
    validators = [DataRequired(required)] if required else [Optional()]
    validators.append(Length(max=max_length, message=f"{label.removesuffix(' (optional)')} must be "
                                                     f"{max_length} characters or fewer"))
    return TextAreaField(label, filters=[stripped], validators=validators, description=description)


def choices(pairs):
    """(value, label) pairs as WTForms choices, values as text."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def date_part(part):
    return StringField(part.capitalize(), filters=[stripped])


def read_date(form, name, label, required=False):
    """The date typed into the GOV.UK date input `name`, or None when left blank (and not
    `required`). A problem is put on the first part at fault, once; returns False then."""
    fields = [form[f"{name}_{part}"] for part in PARTS]
    values = [(field.data or "").strip() for field in fields]
    missing = [part for part, value in zip(PARTS, values) if not value]
    if len(missing) == 3 and not required:
        return None
    if len(missing) == 3:
        return add_problem(fields[0], f"Enter the {label}")
    if missing:
        return add_problem(form[f"{name}_{missing[0]}"], f"The {label} must include a " + " and a ".join(missing))
    if not all(value.isascii() and value.isdigit() for value in values) or len(values[2]) != 4:
        return add_problem(fields[0], f"The {label} must be a real date, like 27 3 2026")
    try:
        return datetime.date(int(values[2]), int(values[1]), int(values[0]))
    except ValueError:
        return add_problem(fields[0], f"The {label} must be a real date, like 27 3 2026")


def add_problem(field, message):
    field.errors = list(field.errors) + [message]
    return False


def fill_date(form, name, value):
    if value:
        for part, number in zip(PARTS, (value.day, value.month, value.year)):
            form[f"{name}_{part}"].data = str(number)


class ActionForm(FlaskForm):
    """Create or edit an action. `actor` decides the services offered."""

    title = StringField("Title", filters=[stripped], validators=[
        DataRequired("Enter a title for the action"), Length(max=200, message="Title must be 200 characters or fewer")])
    description = text_area("What will be done (optional)", 10000,
                        description="For staff. Do not copy residents' words here.")
    service = SelectField("Service", validators=[DataRequired("Choose the service the action belongs to")],
                          validate_choice=False)
    owner = SelectField("Owner (optional)", validate_choice=False,
                        description="Administrators, complaints officers, and the service's leads can own it.")
    due_day, due_month, due_year = date_part("day"), date_part("month"), date_part("year")
    public_summary = text_area("Summary for residents (optional)", 2000,
                           description="Shown to residents on \"You said, we did\" pages when the action is "
                                       "done. Plain English, no names.")
    due_on = None  # read from the date input by validate()

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.service.choices = choices([("", "Choose a service")] + [(s.id, s.name) for s in access.services_for(actor)])
        self.owner.choices = choices([("", "No owner yet")] + [
            (u.id, f"{u.name} ({ROLES.get(u.role, u.role)})") for u in access.possible_owners()])

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        self.due_on = read_date(self, "due", "due date")
        return valid and self.due_on is not False

    def values(self):
        return {"title": self.title.data, "description": self.description.data or "",
                "service": int(self.service.data) if (self.service.data or "").isdigit() else None,
                "owner": int(self.owner.data) if (self.owner.data or "").isdigit() else None,
                "due_on": self.due_on, "public_summary": self.public_summary.data or ""}


class NewActionForm(ActionForm):
    """A new action, with the cases and theme it was started from (app.actions.prefill)."""

    cases = SelectMultipleField("Cases this action came from", validate_choice=False,
                                description="Untick any case that does not belong.")
    link_theme = BooleanField("Link this theme to the action")
    topic = HiddenField()
    period_from = HiddenField()
    period_to = HiddenField()


class EditActionForm(ActionForm):
    owner_note = text_area("Owner's note (optional)", 5000,
                       description="What the owner saw of the effect. Shown beside the figures.")

    def values(self):
        return dict(super().values(), owner_note=self.owner_note.data or "")


class StatusForm(FlaskForm):
    status = RadioField("Status", choices=choices(STATUSES.items()),
                        validators=[DataRequired("Choose the action's status")],
                        invalid_choice_message="Choose the action's status")
    dropped_reason = text_area("Why was it dropped?", 2000,
                           description="Only needed when you choose dropped.")
    owner_note = text_area("Owner's note (optional)", 5000,
                       description="What happened, and what you saw of the effect.")


class LinkCaseForm(FlaskForm):
    reference = StringField("Case reference", filters=[stripped],
                            validators=[DataRequired("Enter the case reference, like HRD-2026-000123")],
                            description="For example, HRD-2026-000123")


class ThemeForm(FlaskForm):
    topic = SelectField("Theme", validators=[DataRequired("Choose a theme")], validate_choice=False)
    start_day, start_month, start_year = date_part("day"), date_part("month"), date_part("year")
    end_day, end_month, end_year = date_part("day"), date_part("month"), date_part("year")
    start = end = None

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topic.choices = choices([("", "Choose a theme")] + [(t.id, t.name) for t in topics])

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        self.start = read_date(self, "start", "first day of the period", required=True)
        self.end = read_date(self, "end", "last day of the period", required=True)
        if self.start and self.end and self.end < self.start:
            valid = add_problem(self.end_day, "The last day of the period must be on or after its first day")
        return valid and self.start is not False and self.end is not False



class ButtonForm(FlaskForm):
    """A button that posts: CSRF only."""
