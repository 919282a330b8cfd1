"""The forms of /staff/reports: another month to list (Month and Year boxes, read from the query
string), and the buttons that ask for a report to be prepared or prepared again (CSRF)."""
from flask_wtf import FlaskForm
from wtforms import Form, HiddenField, StringField


def _stripped(label):
    return StringField(label, filters=[lambda v: v.strip() if isinstance(v, str) else v])


class MonthForm(Form):
    """Another month, GOV.UK date input without the day. Errors keep what was typed."""

    month = _stripped("Month")
    year = _stripped("Year")

    def chosen(self, today, ended_month):
        """The month's first day, None when nothing was typed, or errors on the fields."""
        month_text, year_text = self.month.data or "", self.year.data or ""
        if not month_text and not year_text:
            return None
        if not month_text or not year_text:
            missing = self.month if not month_text else self.year
            missing.errors = [f"The month must include a {missing.label.text.lower()}"]
            return None
        if not month_text.isdigit() or not 1 <= int(month_text) <= 12:
            self.month.errors = ["The month must be a number from 1 to 12"]
            return None
        if not year_text.isdigit() or len(year_text) != 4:
            self.year.errors = ["The year must be 4 digits, like 2026"]
            return None
        try:
            return ended_month(int(year_text), int(month_text), today)
        except ValueError as error:
            self.month.errors = [str(error)]
            return None

    def problems(self):
        return [(field.id, field.errors[0]) for field in (self.month, self.year) if field.errors]


class PrepareForm(FlaskForm):
    service = HiddenField()
    month = HiddenField()


class RebuildForm(FlaskForm):
    pass
