"""Forms for officers' corrections, the review queue and the taxonomy."""
from flask_wtf import FlaskForm
from wtforms import (BooleanField, HiddenField, RadioField, SelectField, SelectMultipleField, StringField,
                     TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from app.learning.models import SAFEGUARDING_DECISIONS, SENTIMENTS, TOPIC_KINDS
from app.learning.services import NO_THEME_CHOICE, initial_service, initial_themes
from app.org.models import ServiceArea


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ActionForm(FlaskForm):
    """A button that posts: CSRF only."""


class FlagDecisionForm(FlaskForm):
    """An officer's decision on a safeguarding flag: one of two buttons."""

    decision = SelectField("Decision", choices=[SelectChoice(k, v) for k, v in SAFEGUARDING_DECISIONS.items()],
                           validators=[DataRequired("Choose confirmed concern or not a concern")],
                           invalid_choice_message="Choose confirmed concern or not a concern")


class SentimentForm(FlaskForm):
    sentiment = RadioField("Sentiment", choices=[SelectChoice(k, v) for k, v in SENTIMENTS.items()],
                           validators=[DataRequired("Select the sentiment")],
                           invalid_choice_message="Select negative, neutral or mixed, or positive")


class ServiceAreaForm(FlaskForm):
    """The one service area an item is about (the service-area head)."""

    service_area = RadioField("Service area", validators=[DataRequired("Select the service area")],
                              invalid_choice_message="Select a service area from the list")

    def __init__(self, topics, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.service_area.choices = [SelectChoice(t.key, t.name) for t in topics]


class ThemesForm(FlaskForm):
    """Any number of cross-cutting themes, or "No theme applies" (the theme head)."""

    themes = SelectMultipleField("Themes", description="Select all that apply.",
                                 invalid_choice_message="Select themes from the list",
                                 invalid_value_message="Select themes from the list")

    def __init__(self, topics, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes.choices = [SelectChoice(t.key, t.name) for t in topics] + [
            SelectChoice(NO_THEME_CHOICE, "No theme applies")]

    def validate_themes(self, field):
        if not field.data:
            raise ValidationError("Select the themes that apply, or ‘No theme applies’")
        if NO_THEME_CHOICE in field.data and len(field.data) > 1:
            raise ValidationError("Select themes, or ‘No theme applies’, not both")

    def keys(self):
        """The theme keys chosen ([] for "No theme applies")."""
        return [key for key in self.themes.data if key != NO_THEME_CHOICE]


class ConfirmForm(FlaskForm):
    """One click in the review queue: which head, which value (the button), which page."""

    head = HiddenField()
    value = HiddenField()
    page = HiddenField()


class TopicForm(FlaskForm):
    name = StringField("Name", filters=[_strip], validators=[
        DataRequired("Enter a name for the topic"),
        Length(max=120, message="Name must be 120 characters or fewer")])
    description = TextAreaField(
        "Description (optional)", filters=[_strip],
        description="What feedback about this topic talks about. The model uses it until officers have labelled examples.",
        validators=[Length(max=1000, message="Description must be 1000 characters or fewer")])
    kind = RadioField("Kind", choices=[SelectChoice(k, v) for k, v in TOPIC_KINDS.items()], default="theme",
                      validators=[DataRequired("Select whether this is a service area or a theme")],
                      invalid_choice_message="Select whether this is a service area or a theme")
    service = SelectField("Service area", coerce=lambda v: int(v) if str(v).isdigit() else 0,
                          description="Only for service-area topics.")
    active = BooleanField("In use (untick to stop the model suggesting this topic)", default=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.service.choices = [SelectChoice(0, "None")] + [SelectChoice(s.id, s.name) for s in ServiceArea.ordered()]

    def validate_service(self, field):
        if self.kind.data == "service" and not field.data:
            raise ValidationError("Select the service area this topic is for")

    def service_area(self):
        return ServiceArea.get_or_none(ServiceArea.id == self.service.data) if self.service.data else None


def correction_forms(summary, prefix="", **made):
    """The three correction forms (sentiment, service area, themes) for one item, starting
    with the officer's answers, else the models'. `made` holds forms already posted."""
    prediction = summary["prediction"]
    kwargs = {"prefix": prefix, "formdata": None} if prefix else {"formdata": None}
    forms = {"sentiment": made.get("sentiment") or SentimentForm(data={"sentiment": summary["labels"]["sentiment"] or (
        prediction.sentiment if prediction else None)}, **kwargs)}
    forms["service"] = made.get("service") or ServiceAreaForm(
        summary["service_topics"], data={"service_area": initial_service(summary)}, **kwargs)
    forms["themes"] = made.get("themes") or ThemesForm(
        summary["theme_topics"], data={"themes": initial_themes(summary)}, **kwargs)
    return forms
