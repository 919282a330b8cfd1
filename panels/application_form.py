"""The public application form, on two pages: first who they are, why they want to join, any
support needs and a clear consent question; then, only after a yes, optional questions about
themselves, each with "Prefer not to say". Each page carries the other's answers as hidden
fields, so nothing typed is lost going back and forth. Every choice is checked against the
form's own options, so a forged value is a field error, never a stored one."""
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional, StopValidation

from app.feedback.contact_forms import valid_email
from app.feedback.fields import MaxChars, no_nul, one_of, options, text_of
from app.publicforms import PublicForm
from panels import demographics

NAME_LIMIT = 200
EMAIL_LIMIT = 320
REASON_LIMIT = 2000
SUPPORT_LIMIT = 1000
DETAILS, QUESTIONS = "details", "questions"
CONSENT_CHOICES = [("yes", _l("Yes, I agree to answer these questions")),
                   ("no", _l("No, I do not want to answer these questions"))]
# Each question's error, whole (for translators): a forged answer is the only way to get one.
ANSWER_ERRORS = {
    "age_band": _l("Select your answer about age, or prefer not to say"),
    "sex": _l("Select your answer about sex, or prefer not to say"),
    "ethnicity": _l("Select your answer about ethnic group, or prefer not to say"),
    "disability": _l("Select your answer about disability, or prefer not to say"),
    "area": _l("Select your answer about area, or prefer not to say"),
}


def required(message):
    """Present and not only spaces (WTForms' InputRequired lets "   " through)."""

    def check(form, field):
        if not text_of(field.data).strip():
            raise StopValidation(message)

    return check


class BaseApplicationForm(PublicForm):
    step = HiddenField(default=DETAILS)
    name = StringField(_l("Full name"), validators=[no_nul, required(_l("Enter your full name")),
                                                    MaxChars(NAME_LIMIT, _l("Your name"))])
    email = EmailField(_l("Email address"), validators=[
        no_nul, required(_l("Enter your email address")), MaxChars(EMAIL_LIMIT, _l("Email address")), valid_email],
        description=_l("We will email you our decision, and how to sign in if you join."))
    reason = TextAreaField(_l("Why do you want to join this panel?"), validators=[
        no_nul, required(_l("Tell us why you want to join this panel")),
        MaxChars(REASON_LIMIT, _l("Why you want to join"))],
        description=_l("For example, services you use, or experience you would bring."))
    support_needs = TextAreaField(_l("Do you need any support to take part? (optional)"), validators=[
        no_nul, MaxChars(SUPPORT_LIMIT, _l("Support needs"))],
        description=_l("For example, large print, an interpreter, or help using a computer. "
                       "Facilitators use this only to help you take part."))
    consent = RadioField(_l("Do you agree to answer some questions about yourself?"),
                         choices=options(CONSENT_CHOICES), validate_choice=False,
                         validators=[InputRequired(_l("Select yes if you agree to answer questions about yourself")),
                                     one_of(_l("Select yes if you agree to answer questions about yourself"))])

    def on_questions_page(self):
        return self.step.data == QUESTIONS

    def validate(self, extra_validators=None):
        """The optional questions are checked only on their own page, and only after consent
        (answers() drops them otherwise)."""
        valid = super().validate(extra_validators)
        if self.consent.data != "yes" or not self.on_questions_page():
            for field in self.demographic_fields():
                field.errors = []
            valid = not self.errors
        return valid

    def demographic_fields(self):
        return [self[name] for name in self.asked]

    def details_fields(self):
        return [self.name, self.email, self.reason, self.support_needs, self.consent]

    def details_have_errors(self):
        return any(field.errors for field in self.details_fields())

    def questions_next(self):
        """True when a valid first page with consent should lead to the questions page."""
        return not self.on_questions_page() and self.consent.data == "yes"

    def answers(self):
        """What the service needs, with spaces trimmed; demographics only with consent."""
        given = {"name": self.name.data.strip(), "email": self.email.data.strip(),
                 "reason": self.reason.data.strip(), "support_needs": (self.support_needs.data or "").strip(),
                 "demographics_consent": self.consent.data == "yes"}
        for name in demographics.DIMENSIONS:
            field = self._fields.get(name)
            given[name] = (field.data or "") if given["demographics_consent"] and field is not None else ""
        return given


def application_form(**kwargs):
    """A form asking the dimensions the council uses now (area only once it has areas)."""
    asked = demographics.asked_dimensions()
    fields = {"asked": asked}
    for name in asked:
        labelled = [(value, words if name == "area" and value != demographics.PREFER_NOT else gettext(words))
                    for value, words in demographics.choices(name)]  # areas: as the council named them
        fields[name] = RadioField(
            gettext(demographics.QUESTIONS[name]), choices=options(labelled), validate_choice=False,
            validators=[Optional(), one_of(ANSWER_ERRORS[name])])
    form_class = type("ApplicationForm", (BaseApplicationForm,), fields)
    return form_class(**kwargs)

