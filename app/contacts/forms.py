"""The assisted-capture form: one short page for a call, a visit, a letter, a social media post or
a councillor's enquiry. Nothing typed is lost when something is wrong, or when "Find" is pressed."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, RadioField, SelectField, StringField, TelField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from app.contacts.lookup import person_or_none
from app.feedback.contact_forms import valid_email, valid_phone
from app.feedback.fields import MaxChars, no_nul, one_of
from app.feedback.models import CHANNELS, KINDS
from app.org.models import ServiceArea

ASSISTED_CHANNELS = ("phone", "in_person", "letter", "email", "social_media", "councillor")
ASSISTED_KINDS = ("complaint", "comment", "service_request", "compliment")
NEW = "new"  # the "person" choice for a resident not yet known


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def required(message):
    def check(form, field):
        if not (field.data or "").strip():
            raise StopValidation(message)
    return check


class ContactForm(FlaskForm):
    channel = RadioField("How did they contact us?", validate_choice=False,
                         choices=[SelectChoice(k, CHANNELS[k]) for k in ASSISTED_CHANNELS],
                         validators=[one_of("Select how they contacted us")])
    query = StringField("Find the resident", filters=[_strip],
                        description="Their name, email address, phone number or a reference",
                        validators=[no_nul, MaxChars(200, "The search")])
    person = StringField("Resident", filters=[_strip])
    name = StringField("Name", filters=[_strip], validators=[no_nul, MaxChars(200, "Name")])
    email = EmailField("Email address (optional)", filters=[_strip],
                       validators=[no_nul, MaxChars(320, "Email address"), valid_email])
    phone = TelField("Phone number (optional)", filters=[_strip],
                     validators=[no_nul, MaxChars(40, "Phone number"), valid_phone])
    kind = RadioField("What kind of contact is it?", validate_choice=False,
                      choices=[SelectChoice(k, KINDS[k]) for k in ASSISTED_KINDS],
                      validators=[one_of("Select what kind of contact it is")])
    service = SelectField("Which service is it about?", validate_choice=False,
                          validators=[required("Select the service it is about"),
                                      one_of("Select the service it is about")])
    text = TextAreaField("What they said", description="In their words, as far as you can",
                         validators=[no_nul, required("Enter what they said"),
                                     MaxChars(10_000, "What they said")])
    resolved = RadioField("Was it resolved on this contact?", validate_choice=False,
                          choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
                          validators=[one_of("Select yes if it was resolved on this contact, or no")])
    no_acknowledgement = BooleanField("They do not want an acknowledgement email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.service.choices = [SelectChoice("", "Choose a service")] + [
            SelectChoice(str(s.id), s.name) for s in ServiceArea.ordered()]
        self.chosen = None

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        self.chosen = person_or_none(self.person.data) if self.person.data not in ("", NEW) else None
        if self.person.data not in ("", NEW) and self.chosen is None:
            self.query.errors = list(self.query.errors) + [
                "Find the resident again: that one is no longer there"]
            return False
        if self.chosen is None and not (self.name.data or self.email.data or self.phone.data):
            if not (self.name.errors or self.email.errors or self.phone.errors):
                self.name.errors = list(self.name.errors) + [
                    "Choose the resident from those found, or enter a new resident's name, email or phone"]
            return False
        return valid

    def answers(self):
        """What the service needs, as plain values."""
        return {
            "channel": self.channel.data, "kind": self.kind.data, "service_id": int(self.service.data),
            "text": self.text.data.replace("\r\n", "\n").strip(), "resolved": self.resolved.data == "yes",
            "person": self.chosen, "name": self.name.data, "email": self.email.data,
            "phone": self.phone.data, "acknowledge": not self.no_acknowledgement.data,
        }
