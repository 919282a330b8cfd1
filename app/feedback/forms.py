"""The 3Cs journey's questions and /track's forms.

Each journey form reads its answers from a draft (`initial(answers)`) and writes them back
(`answers()`). Text is kept exactly as typed: nothing is stripped or rewritten; validators
only look. Choices are checked by our own validators so a wrong value gets a plain message.
"""
import datetime

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional, ValidationError

from app.feedback.contact_forms import (  # noqa: F401  (the journey's forms are all found here)
    ADDRESS_PARTS, CONTACT_CHOICES, ContactForm, NoContactForm, normalise_postcode, postal_address)
from app.feedback.fields import (  # noqa: F401  (app.cases.escalation uses MaxChars, no_nul)
    MaxChars, ResidentForm, chars, no_nul, one_of, options)
from app.feedback.fields import text_of as _text
from app.feedback.models import SUPPORT_NEEDS
from app.timefmt import to_london

TEXT_LIMIT = 10_000
PUT_RIGHT_LIMIT = 5_000
DETAILS_LIMIT = 2_000
NOT_SURE = "not-sure"

KIND_CHOICES = [
    ("compliment", _l("A compliment")),
    ("comment", _l("A comment or suggestion")),
    ("complaint", _l("A complaint")),
    ("service_request", _l("Report a problem or ask for a service")),
]
KIND_HINTS = {
    "compliment": _l("Tell us about something that went well, or someone who helped you"),
    "comment": _l("An idea or suggestion for how we could do things better"),
    "complaint": _l("Tell us what went wrong with our service, so we can put it right"),
    "service_request": _l("For example, a pothole, a broken street light or a missed bin. "
                          "This is not a complaint."),
}


class KindForm(ResidentForm):
    kind = RadioField(_l("What would you like to tell us about?"), choices=options(KIND_CHOICES),
                      validate_choice=False, validators=[
                          InputRequired(_l("Select what you would like to tell us about")),
                          one_of(_l("Select what you would like to tell us about"))])

    @staticmethod
    def initial(answers):
        return {"kind": answers.get("kind")}

    def answers(self):
        return {"kind": self.kind.data}


class ServiceForm(ResidentForm):
    service = RadioField(_l("Which service is it about?"), choices=[], validate_choice=False,
                         validators=[InputRequired(_l("Select a service, or select I'm not sure")),
                                     one_of(_l("Select a service, or select I'm not sure"))])

    def set_services(self, services):
        pairs = [(s.slug, s.name) for s in services] + [(NOT_SURE, gettext("I'm not sure"))]
        self.service.choices = options(pairs)

    @staticmethod
    def initial(answers):
        return {"service": answers.get("service")}

    def answers(self):
        return {"service": self.service.data}


WHAT_HAPPENED = {  # kind: (question, error when empty)
    "compliment": (_l("What went well?"), _l("Enter what went well")),
    "comment": (_l("What would you like to tell us?"), _l("Enter your comment or suggestion")),
    "complaint": (_l("What happened?"), _l("Enter what happened")),
    "service_request": (_l("What is the problem, or what do you need?"),
                        _l("Enter the problem or what you need")),
}


class WhatHappenedForm(ResidentForm):
    text = TextAreaField(_l("What happened?"), validators=[
        no_nul, MaxChars(TEXT_LIMIT, _l("What you tell us"))])

    def set_kind(self, kind):
        self.text.label.text, self.empty_message = WHAT_HAPPENED.get(kind, WHAT_HAPPENED["complaint"])

    def validate_text(self, field):
        if not _text(field.data).strip():
            raise ValidationError(getattr(self, "empty_message", _l("Enter what happened")))

    @staticmethod
    def initial(answers):
        return {"text": answers.get("text")}

    def answers(self):
        return {"text": _text(self.text.data)}


class PutRightForm(ResidentForm):
    put_right = TextAreaField(_l("What would put it right? (optional)"), validators=[
        no_nul, MaxChars(PUT_RIGHT_LIMIT, _l("What would put it right"))])

    @staticmethod
    def initial(answers):
        return {"put_right": answers.get("put_right")}

    def answers(self):
        return {"put_right": _text(self.put_right.data)}


class FilesForm(ResidentForm):
    """The optional files page: uploads are read from request.files by the view (a
    PublicForm reads only text fields); this form carries the CSRF token and honeypot."""

    @staticmethod
    def initial(answers):
        return {}

    def answers(self):
        return {}


DATE_MISSING = {  # the parts left empty: what to say
    ("day",): _l("Date must include a day"), ("month",): _l("Date must include a month"),
    ("year",): _l("Date must include a year"), ("day", "month"): _l("Date must include a day and month"),
    ("day", "year"): _l("Date must include a day and year"),
    ("month", "year"): _l("Date must include a month and year"),
}


class WhenForm(ResidentForm):
    """GOV.UK date input; all three parts empty means 'not given'."""

    day = StringField(_l("Day"), validators=[no_nul])
    month = StringField(_l("Month"), validators=[no_nul])
    year = StringField(_l("Year"), validators=[no_nul])
    error_parts = ()

    def validate(self, extra_validators=None):
        if not super().validate(extra_validators):
            return False
        problem = self._date_problem()
        if problem:
            message, parts = problem
            self.error_parts = parts
            getattr(self, parts[0]).errors.append(message)
            return False
        return True

    def _parts(self):
        return {name: _text(getattr(self, name).data).strip() for name in ("day", "month", "year")}

    def _date_problem(self):
        parts = self._parts()
        missing = [name for name, value in parts.items() if not value]
        if len(missing) == 3:
            return None
        if missing:
            return DATE_MISSING[tuple(missing)], missing
        if not all(value.isascii() and value.isdigit() for value in parts.values()):
            return gettext("Date must be a real date"), ["day", "month", "year"]
        if len(parts["year"]) != 4:
            return gettext("Year must include 4 numbers"), ["year"]
        try:
            when = datetime.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except (ValueError, OverflowError):
            return gettext("Date must be a real date"), ["day", "month", "year"]
        if when > to_london(datetime.datetime.now(datetime.timezone.utc)).date():
            return gettext("Date must be today or in the past"), ["day", "month", "year"]
        if when.year < 1900:
            return gettext("Date must be a real date"), ["year"]
        return None

    def happened_on(self):
        parts = self._parts()
        if not all(parts.values()):
            return ""
        return datetime.date(int(parts["year"]), int(parts["month"]), int(parts["day"])).isoformat()

    @staticmethod
    def initial(answers):
        return {"day": answers.get("happened_day"), "month": answers.get("happened_month"),
                "year": answers.get("happened_year")}

    def answers(self):
        return {"happened_day": _text(self.day.data), "happened_month": _text(self.month.data),
                "happened_year": _text(self.year.data), "happened_on": self.happened_on()}


class SupportForm(ResidentForm):
    support_needs = SelectMultipleField(
        _l("Do you need any support from us?"),
        choices=options((key, _l(label)) for key, label in SUPPORT_NEEDS.items()),
        validate_choice=False,
        validators=[no_nul], description=_l("Select all that apply. Leave them all unticked if not."))
    support_details = TextAreaField(_l("Tell us about the support you need (optional)"), validators=[
        no_nul, MaxChars(DETAILS_LIMIT, _l("The support you need"))])
    acting_for = StringField(_l("If someone is acting on your behalf, their name"), validators=[
        no_nul, MaxChars(200, _l("Their name"))])

    def validate_support_needs(self, field):
        allowed = set(SUPPORT_NEEDS)
        if any(value not in allowed for value in field.data or []):
            raise ValidationError(gettext("Select the support you need from the list"))

    def validate_acting_for(self, field):
        if "representative" in (self.support_needs.data or []) and not _text(field.data).strip():
            raise ValidationError(gettext("Enter the name of the person acting on your behalf"))

    @staticmethod
    def initial(answers):
        return {"support_needs": answers.get("support_needs") or [],
                "support_details": answers.get("support_details"),
                "acting_for": answers.get("acting_for")}

    def answers(self):
        needs = [key for key in SUPPORT_NEEDS if key in (self.support_needs.data or [])]
        if _text(self.acting_for.data).strip() and "representative" not in needs:
            needs.append("representative")
        return {"support_needs": needs, "support_details": _text(self.support_details.data),
                "acting_for": _text(self.acting_for.data)}


QUOTE_QUESTION = _l("May we quote your words, without your name, when we report back?")
QUOTE_CHOICES = [("yes", _l("Yes")), ("no", _l("No"))]


class ConsentForm(ResidentForm):
    consent = BooleanField(_l("I agree that the council can use what I have told it about my "
                              "health or support needs to help me"))
    quote = RadioField(_l("May we quote your words, without your name, when we report back? (optional)"),
                       choices=options(QUOTE_CHOICES),
                       validate_choice=False, validators=[Optional(), one_of(_l("Select yes or no"))],
                       description=_l("We publish what residents told us and what we did about it. "
                                      "We would never use your name or contact details."))
    needs_consent = False

    def validate_consent(self, field):
        if self.needs_consent and not field.data:
            raise ValidationError(gettext("Tick the box to agree, or go back and remove the details "
                                          "of your support needs"))

    @staticmethod
    def initial(answers):
        return {"consent": bool(answers.get("consent")), "quote": answers.get("quote") or None}

    def answers(self):
        return {"consent": bool(self.consent.data) and self.needs_consent,
                "quote": self.quote.data if self.quote.data in ("yes", "no") else ""}


class CheckForm(ResidentForm):
    """Check your answers: only the honeypot and the token."""


class TrackForm(ResidentForm):
    reference = StringField(_l("Reference number"), validators=[
        no_nul, InputRequired(_l("Enter your reference number")), MaxChars(40, _l("Reference number"))],
        description=_l("For example, HRD-2026-001234"))
    contact = StringField(_l("Email address or phone number"), validators=[
        no_nul, InputRequired(_l("Enter the email address or phone number you gave us")),
        MaxChars(320, _l("Email address or phone number"))],
        description=_l("The one you gave us when you sent your feedback"))


class MoreInformationForm(ResidentForm):
    text = TextAreaField(_l("Add more information"), validators=[
        no_nul, MaxChars(TEXT_LIMIT, _l("More information"))])

    def validate_text(self, field):
        if not _text(field.data).strip():
            raise ValidationError(gettext("Enter the information you want to add"))
