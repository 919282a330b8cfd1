"""Forms for proposals, GOV.UK style: plain-English errors at the field and in the summary, and
whatever was typed shown again. Dates are GOV.UK date inputs (`<name>_day`, `_month`, `_year`,
read by app.actions.forms.read_date). The services make the rules; these check the shape."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from app.actions.forms import date_part, fill_date, read_date, stripped, text_area
from app.feedback.fields import MaxChars
from app.forms import show_error

QUESTIONS = 5


def _ids(values):
    return [int(v) for v in values or () if str(v).isdigit() and len(str(v)) < 10]


class ProposalForm(FlaskForm):
    title = StringField("Title", filters=[stripped], validators=[
        DataRequired("Enter a title for the proposal"),
        Length(max=200, message="Title must be 200 characters or fewer")])
    what_would_change = text_area("What would change", 10000, "Enter what would change",
                                  "In plain English, for residents: what would be different, for whom and from when.")
    why = text_area("Why", 10000, "Enter why the council is proposing it")
    service = SelectField("Service", validators=[DataRequired("Choose the service the proposal is about")],
                          validate_choice=False)
    topics = SelectMultipleField(
        "Themes of residents' feedback that led to it (optional)", validate_choice=False,
        description="The page counts the complaints about each theme over the evidence period.")
    evidence_start_day, evidence_start_month, evidence_start_year = date_part("day"), date_part("month"), date_part("year")
    evidence_end_day, evidence_end_month, evidence_end_year = date_part("day"), date_part("month"), date_part("year")
    actions = SelectMultipleField("Actions that led to it (optional)", validate_choice=False)
    question_1 = text_area("Question 1 (optional)", 500)
    question_2 = text_area("Question 2 (optional)", 500)
    question_3 = text_area("Question 3 (optional)", 500)
    question_4 = text_area("Question 4 (optional)", 500)
    question_5 = text_area("Question 5 (optional)", 500)
    closes_on_day, closes_on_month, closes_on_year = date_part("day"), date_part("month"), date_part("year")
    document = FileField("Add a document (optional)",
                         description="A PDF, PNG or JPEG, smaller than 1.5 MB. You can add more after saving.")

    def __init__(self, *args, services=(), topics=(), actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.service.choices = [SelectChoice("", "Choose a service")] + [
            SelectChoice(str(s.id), s.name) for s in services]
        self.topics.choices = [SelectChoice(str(t.id), t.name) for t in topics]
        self.actions.choices = [SelectChoice(str(a.id), a.title) for a in actions]
        self.dates = {}

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        self.dates = {"evidence_start": read_date(self, "evidence_start", "first day of the evidence period"),
                      "evidence_end": read_date(self, "evidence_end", "last day of the evidence period"),
                      "closes_on": read_date(self, "closes_on", "closing date", required=True)}
        return valid and all(value is not False for value in self.dates.values())

    def fill(self, proposal, questions=(), topic_ids=(), action_ids=()):
        """Show a saved proposal's values (the edit page's first view)."""
        for name in ("title", "what_would_change", "why"):
            self[name].data = getattr(proposal, name)
        self.service.data = str(proposal.service_id or "")
        self.topics.data = [str(i) for i in topic_ids]
        self.actions.data = [str(i) for i in action_ids]
        for number, text in enumerate(questions, start=1):
            self[f"question_{number}"].data = text
        for name in ("evidence_start", "evidence_end", "closes_on"):
            fill_date(self, name, getattr(proposal, name))

    def values(self):
        service = _ids([self.service.data])
        return {"title": self.title.data, "what_would_change": self.what_would_change.data, "why": self.why.data,
                "service": service[0] if service else None,
                "topics": _ids(self.topics.data), "actions": _ids(self.actions.data),
                "questions": [self[f"question_{n}"].data or "" for n in range(1, QUESTIONS + 1)], **self.dates}

    def show(self, error):
        """Put a service's refusal at its field: a date's problem on the date's first box."""
        if error.field in self.dates:
            error.field = f"{error.field}_day"
        show_error(self, error)

    def upload(self):
        """(filename, bytes) of the chosen document, or None."""
        chosen = self.document.data
        if chosen is None or not getattr(chosen, "filename", ""):
            return None
        return chosen.filename, chosen.read()


class ReasonForm(FlaskForm):
    reason = text_area("Why are you hiding this comment?", 1000, "Enter why you are hiding the comment",
                   "The comment's author sees this reason. Other members no longer see the comment.")


class ButtonForm(FlaskForm):
    """A button that only needs the CSRF token."""


def member_text(label, limit, required=None, description="", name=None):
    """A members' text box: words lazy (the page's language), the limit counted as they see it."""
    validators = [DataRequired(required)] if required else [Optional()]
    validators.append(MaxChars(limit, name or label))
    return TextAreaField(label, filters=[stripped], validators=validators, description=description)


class CommentForm(FlaskForm):
    body = member_text(_l("Add a comment"), 5000, _l("Enter your comment"),
                       _l("Other members of the panel and council staff can read it. Do not include personal "
                          "details."), name=_l("Your comment"))


class ReplyForm(FlaskForm):
    body = member_text(_l("Your reply"), 5000, _l("Enter your reply"))

    def __init__(self, *args, parent_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parent_id is not None:
            self.body.id = f"reply-{parent_id}"


class ViewForm(FlaskForm):
    stance = RadioField(_l("What is your view of the proposal?"),
                        choices=[SelectChoice("support", _l("Support")), SelectChoice("neutral", _l("Neutral")),
                                 SelectChoice("oppose", _l("Oppose"))],
                        validators=[DataRequired(_l("Choose whether you support the proposal, are neutral or "
                                                    "oppose it"))])
    reason = member_text(_l("Why do you think that?"), 5000, _l("Enter the reason for your view"),
                         name=_l("Your reason"))


def answers_form(questions, formdata=None, saved=None):
    """A form with one text box per question (`answer_<question id>`): the question as staff
    wrote it."""
    fields = {f"answer_{q.id}": member_text(f"{q.position + 1}. {q.text}", 5000, name=_l("Your answer"))
              for q in questions}
    form_class = type("AnswersForm", (FlaskForm,), fields)
    form = form_class(formdata=formdata) if formdata is not None else form_class(
        formdata=None, data={f"answer_{qid}": text for qid, text in (saved or {}).items()})
    return form
