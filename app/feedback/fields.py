"""The journey's small parts: character counting as residents see it, limits, NUL refusal,
choices checked by our own validators. Shared by app.feedback.forms and contact_forms."""
from flask_babel import gettext
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from app.publicforms import PublicForm


def chars(text):
    """Characters as the resident sees them (browsers send each new line as two)."""
    return len((text or "").replace("\r\n", "\n"))


class MaxChars:
    """`name` may be a lazy string (app.i18n): the message is made in the page's language
    when the check runs, since form classes are shared by every language."""

    def __init__(self, limit, name):
        self.name, self.limit = name, limit

    @property
    def message(self):
        limit = f"{self.limit:,}"
        return gettext("%(name)s must be %(limit)s characters or fewer", name=self.name, limit=limit)

    def __call__(self, form, field):
        if chars(field.data) > self.limit:
            raise StopValidation(self.message)


def no_nul(form, field):
    """NUL cannot be stored (PostgreSQL refuses it) and nobody types it."""
    values = field.data if isinstance(field.data, list) else [field.data]
    if any("\x00" in (value or "") for value in values if isinstance(value, str)):
        raise StopValidation(gettext("Remove the unusual characters from your answer"))


def options(pairs):
    return [SelectChoice(value, label) for value, label in pairs]


def one_of(message):
    """The field's value is one of its own choices."""

    def check(form, field):
        if field.data not in {choice.value for choice in field.choices}:
            raise StopValidation(message)

    return check


def text_of(value):
    return value if isinstance(value, str) else ""


ResidentForm = PublicForm  # the journey forms' base
