"""Store UTC, show Europe/London."""
import datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def to_london(value):
    """A naive-UTC (or aware) datetime in London time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(LONDON)


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
