"""Forms for the staff Outbox pages."""
from flask_wtf import FlaskForm
from wtforms import Form, SelectField
from wtforms.fields.choices import SelectChoice

from app.mail.models import STATUSES


class OutboxFilterForm(Form):
    """A GET filter (no CSRF token: it changes nothing). Unknown values mean 'all'."""

    status = SelectField("Status", validate_choice=False)
    purpose = SelectField("Purpose", validate_choice=False)

    def __init__(self, formdata, purposes):
        super().__init__(formdata)
        self.status.choices = [SelectChoice("", "All statuses")] + [
            SelectChoice(key, label) for key, label in STATUSES.items()]
        self.purpose.choices = [SelectChoice("", "All purposes")] + [SelectChoice(p) for p in purposes]
        self._purposes = set(purposes)

    def chosen_status(self):
        return self.status.data if self.status.data in STATUSES else None

    def chosen_purpose(self):
        return self.purpose.data if self.purpose.data in self._purposes else None


class ResendForm(FlaskForm):
    """The 'Send again' button: only a CSRF token."""
