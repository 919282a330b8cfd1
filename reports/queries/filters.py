"""What a figure is about: which services, which period (first and last day, inclusive, in
Europe/London), and optionally one channel or one touchpoint. Every query takes one."""
import datetime
from dataclasses import dataclass, replace

from app.timefmt import add_months, month_end


@dataclass(frozen=True)
class Filters:
    start: datetime.date
    end: datetime.date  # inclusive
    services: tuple = None  # ServiceArea ids; None: every service
    channel: str = ""
    touchpoint: int = None  # Touchpoint id

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def previous(self):
        """The period just before, of the same shape: the month, quarter or year before when
        this is a whole calendar month, quarter or year; otherwise as many days before."""
        months = _whole_months(self.start, self.end)
        if months:
            start = add_months(self.start, -months)
            return replace(self, start=start, end=self.start - datetime.timedelta(days=1))
        return replace(self, start=self.start - datetime.timedelta(days=self.days),
                       end=self.start - datetime.timedelta(days=1))


def month(year, number, **kwargs):
    start = datetime.date(year, number, 1)
    return Filters(start=start, end=month_end(start), **kwargs)


def _whole_months(start, end):
    if start.day != 1 or (end + datetime.timedelta(days=1)).day != 1:
        return 0
    following = end + datetime.timedelta(days=1)
    return (following.year - start.year) * 12 + following.month - start.month
