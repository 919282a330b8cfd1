"""The scrutiny pack's periods: quarters of three calendar months, named by their first month
("--quarter 2026-07" is July to September 2026). The council's financial-year quarters (April,
July, October, January) are the ones /staff/reports lists and the worker asks for by itself,
on the first working day after a quarter ends (app.workdays)."""
import datetime
import re
from dataclasses import dataclass

from app.timefmt import add_months
from app.workdays import calendar as working_calendar
from reports.archive.reads import EARLIEST, months_words

FIRST_MONTHS = (4, 7, 10, 1)  # financial-year quarters: Q1 starts in April
LISTED = 8  # quarters /staff/reports lists
QUARTER_TEXT = re.compile(r"^(\d{4})-(\d{2})$")


class QuarterError(ValueError):
    """A quarter that is malformed, has not ended or is too early; str() says which, in one line."""


@dataclass(frozen=True)
class Quarter:
    start: datetime.date  # its first day

    @property
    def end(self):
        return add_months(self.start, 3) - datetime.timedelta(days=1)

    @property
    def months(self):
        return [add_months(self.start, n) for n in range(3)]

    @property
    def words(self):
        """"July to September 2026", "December 2025 to February 2026"."""
        return months_words(self.start, self.end)

    @property
    def value(self):
        return f"{self.start:%Y-%m}"

    def previous(self):
        return Quarter(add_months(self.start, -3))


def parse(text, today):
    """The Quarter that `text` ("YYYY-MM", its first month) names, if it has ended by `today`."""
    found = QUARTER_TEXT.match((text or "").strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise QuarterError(f"The quarter must be its first month as YYYY-MM, like 2026-07, not {text!r}")
    quarter = Quarter(datetime.date(int(found.group(1)), int(found.group(2)), 1))
    if quarter.end >= today:
        raise QuarterError(f"The quarter {quarter.words} has not ended yet")
    if quarter.start < EARLIEST:
        raise QuarterError(f"The quarter must start in {EARLIEST:%B %Y} or later")
    return quarter


def last_ended(today):
    """The financial-year quarter that ended most recently before `today`."""
    start = today.replace(day=1)
    while start.month not in FIRST_MONTHS:
        start = add_months(start, -1)
    return Quarter(add_months(start, -3))


def listed(today):
    """The LISTED financial-year quarters that have ended, newest first."""
    newest = last_ended(today)
    return [Quarter(add_months(newest.start, -3 * n)) for n in range(LISTED)]


def first_working_day_after(quarter):
    return working_calendar().next_working_day(quarter.end + datetime.timedelta(days=1))
