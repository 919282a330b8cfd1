"""Forms for officers' corrections, the review queue and the taxonomy."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from app.learning.models import SAFEGUARDING_DECISIONS, SENTIMENTS, TOPIC_KINDS
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


class TopicsForm(FlaskForm):
    topics = SelectMultipleField("Topics", description="Select all that apply.",
                                 invalid_choice_message="Select topics from the list",
                                 invalid_value_message="Select topics from the list")

    def __init__(self, topics, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics.choices = [SelectChoice(t.key, t.name) for t in topics]

    def validate_topics(self, field):
        if not field.data:
            raise ValidationError("Select at least one topic")


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
