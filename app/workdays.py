"""Working days: Monday to Friday except the UK bank holidays of one nation.

The Complaint Handling Code counts in working days. The bank holidays come from the
`holidays` package (England and Wales, Scotland or Northern Ireland: the setting
`bank_holiday_nation`, env HEARD_BANK_HOLIDAY_NATION), cached per nation and year.

    cal = workdays.calendar()            # the app's nation (England and Wales by default)
    cal.add(date(2025, 12, 19), 5)       # Tue 30 Dec 2025: 25 and 26 Dec do not count
    cal.between(start, end)              # working days after `start` up to and including `end`

Everything here takes and returns `datetime.date`s: the clocks turn stored UTC times
into Europe/London dates before they count (app.cases.clocks).
"""
import bisect
import datetime
import functools
import os

from app.config import BANK_HOLIDAY_NATIONS, DEFAULT_BANK_HOLIDAY_NATION, normalise_nation

# Our nation names -> the `holidays` package's GB subdivisions (Wales follows England).
SUBDIVISIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}
assert set(SUBDIVISIONS) == set(BANK_HOLIDAY_NATIONS)
ONE_DAY = datetime.timedelta(days=1)


@functools.lru_cache(maxsize=128)
def bank_holidays(nation, year):
    """{date: name} of the bank holidays of `nation` in `year` (observed days included)."""
    import holidays

    days = holidays.country_holidays("GB", subdiv=SUBDIVISIONS[nation], years=[year])
    return {day: name for day, name in days.items() if day.year == year}


@functools.lru_cache(maxsize=128)
def _weekday_holidays(nation, year):
    """The bank holidays that fall Monday to Friday, sorted (the others cost nothing)."""
    return tuple(sorted(day for day in bank_holidays(nation, year) if day.weekday() < 5))


def _weekdays_through(day):
    """Monday-to-Friday days from 1 Jan 0001 (a Monday) up to and including `day`."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


class WorkingCalendar:
    """Working days for one nation."""

    def __init__(self, nation=DEFAULT_BANK_HOLIDAY_NATION):
        if nation not in SUBDIVISIONS:
            raise ValueError(f"unknown bank holiday nation {nation!r}")
        self.nation = nation

    def __repr__(self):
        return f"WorkingCalendar({self.nation!r})"

    def holiday(self, day):
        """The bank holiday's name on `day`, or None."""
        return bank_holidays(self.nation, day.year).get(day)

    def is_working_day(self, day):
        return day.weekday() < 5 and day not in bank_holidays(self.nation, day.year)

    def add(self, day, n):
        """The n-th working day after `day` (before it when n < 0); `day` itself when n == 0.
        `day` need not be a working day: Saturday + 1 is Monday (or Tuesday after a bank
        holiday), as is Friday + 1."""
        step = ONE_DAY if n >= 0 else -ONE_DAY
        left = abs(n)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def between(self, start, end):
        """Working days after `start` up to and including `end`; negative (minus the working
        days after `end` up to and including `start`) when end < start; 0 when equal."""
        if end < start:
            return -self.between(end, start)
        weekdays = _weekdays_through(end) - _weekdays_through(start)
        return weekdays - self._weekday_holidays_in(start, end)

    def count(self, start, end):
        """Working days d with start <= d < end (0 if end <= start): how far a clock that
        stopped on `start` and restarted on `end` has to move."""
        if end <= start:
            return 0
        return self.between(start - ONE_DAY, end - ONE_DAY)

    def next_working_day(self, day):
        """`day` if it is a working day, else the first working day after it."""
        return day if self.is_working_day(day) else self.add(day, 1)

    def _weekday_holidays_in(self, start, end):
        """Bank holidays on weekdays in (start, end]."""
        total = 0
        for year in range(start.year, end.year + 1):
            days = _weekday_holidays(self.nation, year)
            total += bisect.bisect_right(days, end) - bisect.bisect_right(days, start)
        return total


@functools.lru_cache(maxsize=8)
def _calendar_for(nation):
    return WorkingCalendar(nation)


def nation():
    """The app's bank holiday nation: the setting of the app in use (the huey worker's
    too), else HEARD_BANK_HOLIDAY_NATION, else England and Wales."""
    from app.queue import bound_settings

    settings = bound_settings()
    if settings is not None:
        return settings.bank_holiday_nation
    return normalise_nation(os.environ.get("HEARD_BANK_HOLIDAY_NATION"))


_setting = nation


def calendar(nation=None):
    """The working calendar for `nation`, or for the app's setting when None."""
    return _calendar_for(nation or _setting())


def is_working_day(day, nation=None):
    return calendar(nation).is_working_day(day)


def add_working_days(day, n, nation=None):
    return calendar(nation).add(day, n)


def working_days_between(start, end, nation=None):
    return calendar(nation).between(start, end)
