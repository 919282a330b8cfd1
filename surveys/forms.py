"""The resident's survey form, built from a version's questions.

Each question becomes a field named `q_<key>`. Scale questions are radios (inline), choice
questions radios or checkboxes, free text an input or textarea. Errors are in plain
English and name the question; what was typed or chosen is always shown again.
"""
from flask_babel import get_locale, gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice
from wtforms import BooleanField, EmailField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError

from app.languages import N_
from app.publicforms import PublicForm
from surveys.models import TEXT_KINDS, YES_NO_KINDS

# Labels marked N_ stay English here (staff results); the resident's form shows them in the
# page's language. Form classes are made, and cached, once per language: their words are
# translated when the class is made, not again each time a page shows them.
SCALES = {
    "csat": {1: N_("1 – Very dissatisfied"), 2: N_("2 – Dissatisfied"), 3: N_("3 – Neither"),
             4: N_("4 – Satisfied"), 5: N_("5 – Very satisfied")},
    "nps": {n: str(n) for n in range(11)},
    "ces": {1: N_("1 – Very difficult"), 2: "2", 3: "3", 4: N_("4 – Neither"), 5: "5", 6: "6",
            7: N_("7 – Very easy")},
    "rating": {1: N_("1 star"), 2: N_("2 stars"), 3: N_("3 stars"), 4: N_("4 stars"), 5: N_("5 stars")},
}
SCALE_HINTS = {
    "nps": N_("0 means not at all likely, 10 means extremely likely."),
    "ces": N_("1 means very difficult, 7 means very easy."),
}
YES_NO = {"yes": N_("Yes"), "no": N_("No")}
SHORT_MAX, LONG_MAX = 500, 5000
EMAIL_SHAPE = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def field_name(question):
    return f"q_{question.key}"


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _short(text, limit=80):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class ScaleField(RadioField):
    """Radios whose values are whole numbers; anything else is 'not one of the options'."""

    def process_formdata(self, valuelist):
        if valuelist:
            try:
                self.data = int(valuelist[0])
            except (TypeError, ValueError):
                self.data = valuelist[0]


def _choices_check(message):
    def check(form, field):
        allowed = {str(choice.value) for choice in field.choices}
        values = field.data if isinstance(field.data, list) else [field.data]
        if any(value is not None and str(value) not in allowed for value in values):
            raise ValidationError(message)
    return check


def _choices(mapping):
    """Radios for a fixed scale: labels in the page's language."""
    return [SelectChoice(value, _(label)) for value, label in mapping.items()]


def _literal(text):
    """Council-written text inside a message: a % in it stays a %."""
    return text.replace("%", "%%")


def question_field(question):
    """The WTForms field for one question."""
    kind = question.kind
    label = question.text if question.required else _("%(question)s (optional)", question=question.text)
    about = _short(question.text)
    hint = question.help_text or (_(SCALE_HINTS[kind]) if kind in SCALE_HINTS else "")
    if kind in TEXT_KINDS:
        limit = SHORT_MAX if kind == "short_text" else LONG_MAX
        validators = [DataRequired(_("Enter an answer to “%(question)s”", question=about))] \
            if question.required else [Optional()]
        validators.append(Length(max=limit, message=_(  # Length formats it again: % kept as %%
            "Your answer to “%(question)s” must be %(limit)s characters or fewer",
            question=_literal(about), limit=limit)))
        cls = StringField if kind == "short_text" else TextAreaField
        return cls(label, description=hint, filters=[_strip], validators=validators)
    chosen = [InputRequired(_("Select an answer to “%(question)s”", question=about))] \
        if question.required else [Optional()]
    wrong = _choices_check(_("Select one of the options for “%(question)s”", question=about))
    if kind in SCALES:
        return ScaleField(label, description=hint, choices=_choices(SCALES[kind]), coerce=int,
                          validate_choice=False, validators=chosen + [wrong])
    if kind in YES_NO_KINDS:
        return RadioField(label, description=hint, choices=_choices(YES_NO), validate_choice=False,
                          validators=chosen + [wrong])
    options = [SelectChoice(option, option) for option in question.option_list]
    if kind == "multiple":
        return SelectMultipleField(label, description=hint or _("Select all that apply."), choices=options,
                                   validate_choice=False, validators=chosen + [wrong])
    return RadioField(label, description=hint, choices=options, validate_choice=False,
                      validators=chosen + [wrong])


def _contact_fields():
    """Asked only on surveys that are not anonymous: may we contact you? (Made after the
    questions' fields, so they come last: WTForms orders fields by creation.)"""
    return {
        "contact_ok": BooleanField(_("You can contact me about my answers")),
        "contact_email": EmailField(_("Email address"), filters=[_strip], validators=[
            Optional(), Length(max=320, message=_("Email address must be 320 characters or fewer")),
            Regexp(EMAIL_SHAPE, message=_("Enter an email address in the correct format, "
                                           "like name@example.com"))]),
    }


def _quote_field():
    """Asked only on surveys with a text question (their answers may be quoted)."""
    return RadioField(_("May we quote your words, without your name, when we report back? (optional)"),
                      choices=_choices(YES_NO), validate_choice=False,
                      description=_("We publish what residents told us and what we did about it. "
                                     "We would never use your name or contact details."),
                      validators=[Optional(), _choices_check(_(
                          "Select yes or no for “May we quote your words, without your name, when we "
                          "report back?”"))])


def asks_to_quote(questions):
    return any(question.kind in TEXT_KINDS for question in questions)


def quote_consent(form):
    """True only when the resident said yes (not answering counts as no)."""
    return "quote_consent" in form and form.quote_consent.data == "yes"


class ContactMixin:
    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.contact_ok.data and not self.contact_email.data and not self.contact_email.errors:
            self.contact_email.errors = list(self.contact_email.errors) + [
                _l("Enter your email address, or untick ‘You can contact me’")]
            return False
        return valid


_FORM_CLASSES = {}  # a live version's questions never change (a change makes a new version)
MAX_FORM_CLASSES = 512


def survey_form(questions, *, anonymous, formdata=None):
    """A PublicForm instance for `questions` (with the contact question unless anonymous)."""
    key = (str(get_locale()), anonymous, tuple((q.id, q.key, q.version_id, q.kind, q.text, q.help_text, q.required, q.options)
                            for q in questions))
    form_class = _FORM_CLASSES.get(key)
    if form_class is None:
        bases = (PublicForm,) if anonymous else (ContactMixin, PublicForm)
        attrs = {field_name(q): question_field(q) for q in questions}
        if asks_to_quote(questions):
            attrs["quote_consent"] = _quote_field()
        if not anonymous:
            attrs.update(_contact_fields())
        form_class = type("SurveyForm", bases, attrs)
        if len(_FORM_CLASSES) >= MAX_FORM_CLASSES:
            _FORM_CLASSES.clear()
        _FORM_CLASSES[key] = form_class
    return form_class(formdata=formdata) if formdata is not None else form_class()


def answers_from(form, questions):
    """{question id: (number, value)} for the questions answered."""
    answers = {}
    for question in questions:
        data = form[field_name(question)].data
        if question.kind in SCALES:
            if isinstance(data, int):
                answers[question.id] = (data, str(data))
        elif question.kind == "multiple":
            if data:
                answers[question.id] = (None, "\n".join(data))
        elif data:
            answers[question.id] = (None, data)
    return answers
