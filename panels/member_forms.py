"""The forms of a panel member's workspace: sign in, leave a panel, settings."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from app.publicforms import PublicForm

EMAIL_SHAPE = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class SignInForm(PublicForm):
    """Ask for a sign-in link (a public form: an expired page keeps what was typed)."""

    email = EmailField("Email address", filters=[_strip], validators=[
        DataRequired("Enter your email address"),
        Length(max=320, message="Email address must be 320 characters or fewer"),
        Regexp(EMAIL_SHAPE, message="Enter an email address in the correct format, like name@example.com")],
        description="The address you gave when you applied to join the panel.")
    next = HiddenField()


class UseLinkForm(PublicForm):
    """The "Sign in" button on the page an emailed link opens: only its POST spends the link."""

    next = HiddenField()


class LeaveForm(FlaskForm):
    anonymise = BooleanField('Replace my name with "A former member" and delete my email address')


class SettingsForm(FlaskForm):
    digest = RadioField(
        "Do you want a daily email about what is new on your panels?",
        choices=[SelectChoice("on", "Yes, email me a daily digest"),
                 SelectChoice("off", "No, do not email me a digest")],
        validators=[InputRequired("Select whether you want a daily email")])
