"""Forms on the case queue: the filters (GET: any unknown value means "all", never an error)
and bulk triage (POST, one form around the table so it works without JavaScript)."""
from flask_wtf import FlaskForm
from wtforms import Form, HiddenField, RadioField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation, ValidationError

from app.forms import page_number
from app.cases.models import CASE_KINDS
from app.cases.queue_queries import QUEUES, Filters
from app.feedback.models import CHANNELS
from app.learning.models import SENTIMENTS, Topic
from app.org.models import ServiceArea

STAGES = {"1": "Stage 1", "2": "Stage 2"}
TRIAGE_ACTIONS = {
    "assign": "Assign to the officer chosen below",
    "round_robin": "Assign round-robin within each case's service team",
    "set_service": "Move to the service chosen below",
    "urgent": "Mark as urgent",
    "not_urgent": "Mark as not urgent",
}
FILTER_NAMES = ("service", "stage", "topic", "sentiment", "channel", "kind")


def _int_or_none(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


class QueueFilterForm(Form):
    """The GET filter form (no CSRF token: it changes nothing)."""

    service = SelectField("Service", validate_choice=False)
    stage = SelectField("Stage", validate_choice=False)
    topic = SelectField("Service area or theme", validate_choice=False)
    sentiment = SelectField("Sentiment", validate_choice=False)
    channel = SelectField("Channel", validate_choice=False)
    kind = SelectField("Type", validate_choice=False)

    def __init__(self, formdata):
        super().__init__(formdata)
        self._services = {str(s.id): s.name for s in ServiceArea.ordered()}
        self._topics = {str(t.id): t.name if t.kind == "service" else f"{t.name} (theme)"
                        for t in Topic.select(Topic.id, Topic.name, Topic.kind).where(Topic.active == True)  # noqa: E712
                        .order_by(Topic.kind, Topic.position, Topic.name)}
        self._choose(self.service, "All services", self._services)
        self._choose(self.stage, "Both stages", STAGES)
        self._choose(self.topic, "All service areas and themes", self._topics)
        self._choose(self.sentiment, "Any sentiment", SENTIMENTS)
        self._choose(self.channel, "All channels", CHANNELS)
        self._choose(self.kind, "Complaints and service requests", CASE_KINDS)

    @staticmethod
    def _choose(field, everything, options):
        field.choices = [SelectChoice("", everything)] + [
            SelectChoice(key, label) for key, label in options.items()]
        if field.data not in options:
            field.data = ""

    def filters(self):
        """The valid choices as Filters; anything unknown is dropped."""
        return Filters(
            service=_int_or_none(self.service.data) if self.service.data in self._services else None,
            stage=int(self.stage.data) if self.stage.data in STAGES else None,
            topic=_int_or_none(self.topic.data) if self.topic.data in self._topics else None,
            sentiment=self.sentiment.data if self.sentiment.data in SENTIMENTS else None,
            channel=self.channel.data if self.channel.data in CHANNELS else None,
            kind=self.kind.data if self.kind.data in CASE_KINDS else None,
        )


def chosen_queue(value, default):
    return value if value in QUEUES else default


def chosen_page(value):
    return page_number(value)


class TriageForm(FlaskForm):
    """Bulk triage: the table's `case` checkboxes, an action and what it needs."""

    case = SelectMultipleField("Cases", validate_choice=False)
    action = RadioField("What do you want to do with the selected cases?", validate_choice=False)
    assignee = SelectField("Officer to assign to", validate_choice=False, id="triage-assignee")
    service = SelectField("Service to move to", validate_choice=False, id="triage-service")
    back = HiddenField()  # the queue's query string, to return to

    def __init__(self, officers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.action.choices = [SelectChoice(k, label) for k, label in TRIAGE_ACTIONS.items()]
        self._officers = {str(u.id): u for u in officers}
        self.assignee.choices = [SelectChoice("", "Choose an officer")] + [
            SelectChoice(key, u.name) for key, u in self._officers.items()]
        self._services = {str(s.id): s for s in ServiceArea.ordered()}
        self.service.choices = [SelectChoice("", "Choose a service")] + [
            SelectChoice(key, s.name) for key, s in self._services.items()]

    @property
    def selected_ids(self):
        return sorted({i for i in map(_int_or_none, self.case.data or []) if i is not None})

    def validate_case(self, field):
        if not self.selected_ids:
            raise StopValidation("Select at least one case")

    def validate_action(self, field):
        if field.data not in TRIAGE_ACTIONS:
            raise StopValidation("Select what you want to do with the selected cases")

    def validate_assignee(self, field):
        if self.action.data == "assign" and field.data not in self._officers:
            raise ValidationError("Select the officer to assign the cases to")

    def validate_service(self, field):
        if self.action.data == "set_service" and field.data not in self._services:
            raise ValidationError("Select the service to move the cases to")

    @property
    def officer(self):
        return self._officers.get(self.assignee.data)

    @property
    def chosen_service(self):
        return self._services.get(self.service.data)
