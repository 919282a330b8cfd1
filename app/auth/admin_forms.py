"""Forms for administering staff accounts."""
from flask_wtf import FlaskForm
from wtforms import EmailField, Form, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Regexp, ValidationError

from app.auth.roles import ROLES, SERVICE_LEAD
from app.auth.services import SERVICES_NEEDED
from app.org.models import ServiceArea

ROLE_HINTS = {
    "administrator": "Manages staff accounts, settings and the audit log.",
    "complaints_officer": "Handles complaints and other feedback from every service.",
    "service_lead": "Sees feedback and lessons learnt for their own services.",
    "analyst": "Reports, exports and the model's quality.",
    "panel_facilitator": "Runs the customer panel's workspaces.",
    "contact_adviser": "Records calls, visits and letters for residents, and sees their earlier contacts.",
}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


# Fields are made by functions so that a subclass can place them after its own
# fields: WTForms orders fields by when they were created.
def _role_field():
    return RadioField("Role", choices=[SelectChoice(key, label) for key, label in ROLES.items()],
                      invalid_choice_message="Select a role")


def _services_field():
    return SelectMultipleField(
        "Services", coerce=int, description="Required for service leads. Select all that apply.",
        invalid_choice_message="Select services from the list",
        invalid_value_message="Select services from the list")


class StaffAccessForm(FlaskForm):
    role = _role_field()
    services = _services_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.services.choices = [SelectChoice(s.id, s.name) for s in ServiceArea.ordered()]

    def validate_services(self, field):
        if self.role.data == SERVICE_LEAD and not field.data:
            raise ValidationError(SERVICES_NEEDED)


class NewStaffForm(StaffAccessForm):
    name = StringField("Full name", filters=[_strip], validators=[
        DataRequired("Enter their full name"),
        Length(max=200, message="Full name must be 200 characters or fewer")])
    email = EmailField("Email address", filters=[_strip], validators=[
        DataRequired("Enter their email address"),
        Length(max=320, message="Email address must be 320 characters or fewer"),
        # The shape only (email_validator refuses reserved domains, and staff addresses
        # are the council's own): the account is unusable until its owner signs in.
        Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
               message="Enter an email address in the correct format, like name@example.gov.uk")])
    role = _role_field()
    services = _services_field()


class ConfirmForm(FlaskForm):
    """Only the CSRF token: for 'Are you sure?' pages."""


class AuditFilterForm(Form):
    """A GET filter (no CSRF token: it changes nothing)."""

    action = SelectField("Action", validate_choice=False)

    def __init__(self, formdata, actions):
        super().__init__(formdata)
        self.action.choices = [SelectChoice("", "All actions")] + [SelectChoice(a) for a in actions]
        self.actions = set(actions)

    def chosen(self):
        return self.action.data if self.action.data in self.actions else None
