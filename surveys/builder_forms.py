"""Staff forms: a survey's settings, a question, a touchpoint, invitations."""
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.org.models import ServiceArea
from surveys.models import CHOICE_KINDS, QUESTION_KINDS, TOUCHPOINT_CHANNELS

MAX_OPTIONS = 30


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _choices(mapping):
    return [SelectChoice(key, label) for key, label in mapping.items()]


class GovDateField(DateField):
    """A date typed as 2026-03-31 or 31/3/2026; a clear error otherwise."""

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        self.raw_text = text
        if not text:
            self.data = None
            return
        import datetime

        for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %m %Y"):
            try:
                self.data = datetime.datetime.strptime(text, pattern).date()
                return
            except ValueError:
                continue
        self.data = None
        raise ValueError(f"{self.label.text} must be a real date, like 31/3/2026")

    def _value(self):
        if getattr(self, "raw_text", None) is not None and self.data is None:
            return self.raw_text
        return self.data.strftime("%d/%m/%Y") if self.data else ""


class DaysField(IntegerField):
    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if text:
            try:
                self.data = int(text)
            except ValueError:
                raise ValueError("Link expiry must be a whole number of days, like 14") from None


class SurveyForm(FlaskForm):
    title = StringField("Title", filters=[_strip], validators=[
        DataRequired("Enter a title"), Length(max=200, message="Title must be 200 characters or fewer")])
    service = SelectField("Service", coerce=int, validate_choice=True,
                          invalid_choice_message="Select a service from the list",
                          invalid_value_message="Select a service from the list")
    welcome_text = TextAreaField("Welcome text", filters=[_strip], description="Shown above the questions.",
                                 validators=[Length(max=2000, message="Welcome text must be 2000 characters or fewer")])
    thank_you_text = TextAreaField("Thank-you text", filters=[_strip], description="Shown after someone answers.",
                                   validators=[Length(max=2000, message="Thank-you text must be 2000 characters or fewer")])
    anonymous = RadioField("Are answers anonymous?", choices=_choices({"yes": "Yes", "no": "No"}),
                           default="yes", invalid_choice_message="Select yes or no",
                           description="If not, residents may choose to leave an email address so you can contact them.")
    opens_on = GovDateField("Opens on", description="Optional. For example, 1/4/2026", validators=[Optional()])
    closes_on = GovDateField("Closes on", description="Optional. For example, 30/6/2026", validators=[Optional()])
    after_complaints = RadioField(
        "Send this survey to residents when their complaint is closed?",
        choices=_choices({"yes": "Yes", "no": "No"}), default="no", invalid_choice_message="Select yes or no",
        description="Residents with an email address are invited once their complaint case closes. "
                    "Only one survey can be sent this way: choosing this one stops the other.")
    formats_phone = StringField("Phone number for other formats", filters=[_strip],
                                description="Optional. Shown on posters: “Need this in another format? … call”",
                                validators=[Length(max=40, message="Phone number must be 40 characters or fewer")])

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        services = services if services is not None else list(ServiceArea.ordered())
        self.service.choices = [SelectChoice(s.id, s.name) for s in services]

    def validate_closes_on(self, field):
        if field.data and self.opens_on.data and field.data < self.opens_on.data:
            raise ValidationError("Closes on must be the same as or after opens on")

    def values(self):
        data = {name: self[name].data for name in ("title", "welcome_text", "thank_you_text", "opens_on",
                                                    "closes_on", "formats_phone")}
        data["service"] = ServiceArea.get_by_id(self.service.data)
        data["anonymous"] = self.anonymous.data == "yes"
        if "after_complaints" in self:  # administrators only: see surveys.views
            data["after_complaints"] = self.after_complaints.data == "yes"
        return data


class QuestionForm(FlaskForm):
    kind = RadioField("Type of question", choices=_choices(QUESTION_KINDS),
                      invalid_choice_message="Select the type of question")
    text = TextAreaField("Question", filters=[_strip], validators=[
        DataRequired("Enter the question"), Length(max=500, message="Question must be 500 characters or fewer")])
    help_text = TextAreaField("Help text", filters=[_strip], description="Optional. Shown under the question.",
                              validators=[Length(max=1000, message="Help text must be 1000 characters or fewer")])
    required = RadioField("Must people answer it?", choices=_choices({"yes": "Yes, it is required",
                                                                      "no": "No, it is optional"}),
                          default="no", invalid_choice_message="Select whether the question is required")
    options = TextAreaField("Options", filters=[_strip],
                            description="For single and multiple choice: one option per line.",
                            validators=[Length(max=5000, message="Options must be 5000 characters or fewer")])

    def validate_options(self, field):
        if self.kind.data not in CHOICE_KINDS:
            return
        lines = [line.strip() for line in (field.data or "").splitlines() if line.strip()]
        if len(lines) < 2:
            raise ValidationError("Enter at least 2 options, one per line")
        if len(lines) > MAX_OPTIONS:
            raise ValidationError(f"Enter {MAX_OPTIONS} options or fewer")
        if len(set(lines)) != len(lines):
            raise ValidationError("Each option must be different")
        if any(len(line) > 200 for line in lines):
            raise ValidationError("Each option must be 200 characters or fewer")

    def values(self):
        options = "\n".join(line.strip() for line in (self.options.data or "").splitlines() if line.strip())
        return {"kind": self.kind.data, "text": self.text.data, "help_text": self.help_text.data or "",
                "required": self.required.data == "yes", "options": options}


class TouchpointForm(FlaskForm):
    name = StringField("Name", filters=[_strip], description="For example, Banbury library desk",
                       validators=[DataRequired("Enter a name"),
                                   Length(max=200, message="Name must be 200 characters or fewer")])
    channel = RadioField("Channel", choices=_choices(TOUCHPOINT_CHANNELS),
                         invalid_choice_message="Select a channel")
    service = SelectField("Service", coerce=int, invalid_choice_message="Select a service from the list",
                          invalid_value_message="Select a service from the list")

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        services = services if services is not None else list(ServiceArea.ordered())
        self.service.choices = [SelectChoice(s.id, s.name) for s in services]


class InviteForm(FlaskForm):
    addresses = TextAreaField("Email addresses", filters=[_strip],
                              description="One address per line, up to 500.",
                              validators=[DataRequired("Enter at least one email address"),
                                          Length(max=200_000, message="The list is too long")])
    expires_in_days = DaysField("Link expires after (days)", description="Optional. Leave empty for no expiry.",
                                   validators=[Optional(), NumberRange(min=1, max=365, message=(
                                       "Link expiry must be between 1 and 365 days"))])
