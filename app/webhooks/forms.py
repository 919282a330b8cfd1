"""The webhook admin forms."""
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice

from app.webhooks.events import EVENTS


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class SubscriptionForm(FlaskForm):
    url = StringField("Web address to send events to", filters=[_strip],
                      description="It must start with https:// (or http:// on a private network).")
    events = SelectMultipleField("Events to send", choices=[SelectChoice(key, label) for key, label in EVENTS.items()],
                                 description="Select all that apply.",
                                 invalid_choice_message="Select events from the list",
                                 invalid_value_message="Select events from the list")


class ConfirmForm(FlaskForm):
    """Only the CSRF token: for buttons and 'Are you sure?' pages."""
