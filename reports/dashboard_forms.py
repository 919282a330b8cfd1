"""The dashboard's filters (a GET form: it changes nothing, so it has no CSRF token). Unknown
choices fall back to "all" or the default period; only custom dates can be wrong, and then the
page says what is wrong, at the field, and keeps what was typed."""
import datetime

from wtforms import Form, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice

from app.feedback.models import CHANNELS
from app.timefmt import add_months
from reports.queries.filters import Filters, month
from surveys.models import RESPONSE_CHANNELS

PERIODS = {"month": "Month", "quarter": "Quarter", "year": "Year", "custom": "Custom dates"}
CHANNEL_CHOICES = dict(CHANNELS, **{k: v for k, v in RESPONSE_CHANNELS.items() if k not in CHANNELS})
LONGEST_DAYS = 366 * 5
DATE_PARTS = ("day", "month", "year")


def _choices(everything, options):
    return [SelectChoice("", everything)] + [SelectChoice(str(k), v) for k, v in options.items()]


class DashboardFilterForm(Form):
    service = SelectField("Service", validate_choice=False)
    period = RadioField("Period", choices=[SelectChoice(k, v) for k, v in PERIODS.items()], default="month", validate_choice=False)
    month = SelectField("Month", validate_choice=False)
    quarter = SelectField("Quarter", validate_choice=False)
    year = SelectField("Year", validate_choice=False)
    from_day, from_month, from_year = StringField("Day"), StringField("Month"), StringField("Year")
    to_day, to_month, to_year = StringField("Day"), StringField("Month"), StringField("Year")
    channel = SelectField("Channel", validate_choice=False)
    touchpoint = SelectField("Touchpoint", validate_choice=False)

    def __init__(self, formdata, *, services, touchpoints, today, all_services_label="All services"):
        super().__init__(formdata)
        self.today = today
        self._services = {str(s.id): s.name for s in services}
        self._touchpoints = {str(t.id): t.name for t in touchpoints}
        self.service.choices = _choices(all_services_label, self._services)
        self.channel.choices = _choices("All channels", CHANNEL_CHOICES)
        self.touchpoint.choices = _choices("All touchpoints", self._touchpoints)
        self._months = {f"{d:%Y-%m}": f"{d:%B %Y}" for d in (add_months(today.replace(day=1), -n)
                                                           for n in range(36))}
        self._quarters = {}
        for n in range(12):
            first = add_months(datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), -3 * n)
            self._quarters[f"{first.year}-Q{(first.month - 1) // 3 + 1}"] = (
                f"{first:%B} to {add_months(first, 2):%B %Y}")
        self._years = {str(today.year - n): str(today.year - n) for n in range(5)}
        self.month.choices = [SelectChoice(k, v) for k, v in self._months.items()]
        self.quarter.choices = [SelectChoice(k, v) for k, v in self._quarters.items()]
        self.year.choices = [SelectChoice(k, v) for k, v in self._years.items()]
        for field, options in ((self.service, self._services), (self.channel, CHANNEL_CHOICES),
                               (self.touchpoint, self._touchpoints)):
            if field.data not in options:
                field.data = ""
        if self.period.data not in PERIODS:
            self.period.data = "month"
        for field, options in ((self.month, self._months), (self.quarter, self._quarters),
                               (self.year, self._years)):
            if field.data not in options:
                field.data = next(iter(options))

    @property
    def active(self):
        return any([self.service.data, self.channel.data, self.touchpoint.data, self.period.data != "month",
                    self.month.data != next(iter(self._months))])

    def _period(self):
        kind = self.period.data
        if kind == "quarter":
            year, quarter = self.quarter.data.split("-Q")
            first = datetime.date(int(year), 3 * int(quarter) - 2, 1)
            return first, add_months(first, 3) - datetime.timedelta(days=1)
        if kind == "year":
            year = int(self.year.data)
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if kind == "custom":
            return self._custom()
        year, number = self.month.data.split("-")
        chosen = month(int(year), int(number))
        return chosen.start, chosen.end

    def _date(self, prefix, words):
        fields = [getattr(self, f"{prefix}_{part}") for part in DATE_PARTS]
        values = [(f.data or "").strip() for f in fields]
        if not all(values):
            missing = [part for part, value in zip(DATE_PARTS, values) if not value]
            fields[0].errors = [f"{words} must include a {' and '.join(missing)}" if any(values)
                                else f"Enter {words.lower()}"]
            return None
        try:
            day = datetime.date(int(values[2]), int(values[1]), int(values[0]))
        except (ValueError, OverflowError):
            fields[0].errors = [f"{words} must be a real date"]
            return None
        if day.year < 2000 or day > self.today:
            fields[0].errors = [f"{words} must be today or in the past" if day > self.today
                                else f"{words} must be after 2000"]
            return None
        return day

    def _custom(self):
        start = self._date("from", "The start date")
        end = self._date("to", "The end date")
        if start and end and end < start:
            self.to_day.errors = ["The end date must be the same as or after the start date"]
            return None
        if start and end and (end - start).days > LONGEST_DAYS:
            self.to_day.errors = ["Choose a period of 5 years or less"]
            return None
        return (start, end) if start and end else None

    @property
    def errors(self):
        return {f.name: f.errors for f in self if f.errors}

    def filters(self, allowed_services=None):
        """The chosen Filters, or None when the custom dates are wrong (the errors are on the
        form). `allowed_services`: the only services this person may see (None: all)."""
        period = self._period()
        if period is None:
            return None
        services = (int(self.service.data),) if self.service.data else None
        if allowed_services is not None:
            services = services if services and services[0] in allowed_services else tuple(allowed_services)
        return Filters(start=period[0], end=period[1], services=services, channel=self.channel.data,
                       touchpoint=int(self.touchpoint.data) if self.touchpoint.data else None)
