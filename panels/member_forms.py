"""The forms of a panel member's workspace: sign in, leave a panel, settings. Words are lazy
(app.i18n): the form classes are shared by every language."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from app.publicforms import PublicForm

EMAIL_SHAPE = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# Each language in its own words, as the page's language switch shows them.
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class SignInForm(PublicForm):
    """Ask for a sign-in link (a public form: an expired page keeps what was typed)."""

    email = EmailField(_l("Email address"), filters=[_strip], validators=[
        DataRequired(_l("Enter your email address")),
        Length(max=320, message=_l("Email address must be 320 characters or fewer")),
        Regexp(EMAIL_SHAPE, message=_l("Enter an email address in the correct format, like name@example.com"))],
        description=_l("The address you gave when you applied to join the panel."))
    next = HiddenField()


class UseLinkForm(PublicForm):
    """The "Sign in" button on the page an emailed link opens: only its POST spends the link."""

    next = HiddenField()


class LeaveForm(FlaskForm):
    anonymise = BooleanField(_l('Replace my name with "A former member" and delete my email address'))


class SettingsForm(FlaskForm):
    """The digest, and (when the council offers more than one) the language of their emails."""

    digest = RadioField(
        _l("Do you want a daily email about what is new on your panels?"),
        choices=[SelectChoice("on", _l("Yes, email me a daily digest")),
                 SelectChoice("off", _l("No, do not email me a digest"))],
        validators=[InputRequired(_l("Select whether you want a daily email"))])
    language = RadioField(
        _l("Which language should we write to you in?"),
        description=_l("Your emails from the panel, and your workspace, will be in this language."),
        validators=[InputRequired(_l("Select the language we should write to you in"))], validate_choice=True)

    def __init__(self, *args, languages=("en",), **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = [SelectChoice(code, LANGUAGE_NAMES.get(code, code)) for code in languages]
        self.offers_languages = len(languages) > 1
        if not self.offers_languages:
            del self.language

    def chosen_language(self):
        return self.language.data if self.offers_languages else None
