"""Store UTC, show Europe/London."""
import datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def to_london(value):
    """A naive-UTC (or aware) datetime in London time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(LONDON)


def london_midnight(day):
    """Midnight at the start of the London calendar day `day`, as the naive UTC datetime stored."""
    local = datetime.datetime.combine(day, datetime.time(), tzinfo=LONDON)
    return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def utc_bounds(first, last):
    """Naive-UTC [start, end) of the London days `first` to `last` inclusive."""
    return london_midnight(first), london_midnight(last + datetime.timedelta(days=1))


def add_months(day, months):
    """The first day of the month `months` after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end(day):
    """The last day of `day`'s month."""
    return add_months(day, 1) - datetime.timedelta(days=1)


def london(value, with_time=True):
    """'3 March 2026, 2:05pm' — GOV.UK style."""
    if value is None:
        return ""
    local = to_london(value)
    text = f"{local.day} {local:%B %Y}"
    if with_time:
        hour = local.hour % 12 or 12
        text += f", {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"
    return text
