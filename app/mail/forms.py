"""Forms for the staff Outbox pages."""
from flask_wtf import FlaskForm
from wtforms import Form, SelectField
from wtforms.fields.choices import SelectChoice

from app.mail.kinds import kind_label
from app.mail.models import STATUSES


class OutboxFilterForm(Form):
    """A GET filter (no CSRF token: it changes nothing). Unknown values mean 'all'."""

    status = SelectField("Status", validate_choice=False)
    kind = SelectField("What it is", validate_choice=False)

    def __init__(self, formdata, templates):
        super().__init__(formdata)
        self.status.choices = [SelectChoice("", "All statuses")] + [
            SelectChoice(key, label) for key, label in STATUSES.items()]
        self.kind.choices = [SelectChoice("", "All kinds of email")] + sorted(
            (SelectChoice(t, kind_label(t)) for t in templates), key=lambda c: c.label)
        self._templates = set(templates)

    def chosen_status(self):
        return self.status.data if self.status.data in STATUSES else None

    def chosen_kind(self):
        return self.kind.data if self.kind.data in self._templates else None


class ResendForm(FlaskForm):
    """The 'Send again' button: only a CSRF token."""
