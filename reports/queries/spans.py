"""Reading the summaries for a Filters: which rows cover the period (whole years from year rows,
whole months from month rows, the rest from day rows, so a period of any length reads few rows)
and the conditions for its services, channel and touchpoint."""
import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from peewee import SQL

from app.timefmt import month_end


@dataclass(frozen=True)
class Cover:
    years: tuple
    months: tuple
    day_runs: tuple  # ((first, last), ...)


def cover(start, end, years=True):
    """The fewest summary rows' spans that exactly cover the days start..end (months instead of
    whole years when `years` is False)."""
    years, months, runs = [], [], []
    cursor = start
    while cursor <= end:
        if years and cursor.month == 1 and cursor.day == 1 and cursor.replace(month=12, day=31) <= end:
            years.append(cursor)
            cursor = cursor.replace(year=cursor.year + 1)
        elif cursor.day == 1 and month_end(cursor) <= end:
            months.append(cursor)
            cursor = month_end(cursor) + datetime.timedelta(days=1)
        else:
            last = min(month_end(cursor), end)
            runs.append((cursor, last))
            cursor = last + datetime.timedelta(days=1)
    return Cover(tuple(years), tuple(months), tuple(runs))


def period(model, start, end, years=True):
    """The condition selecting `model`'s rows that cover start..end exactly once."""
    found = cover(start, end, years)
    parts = []
    if found.years:
        parts.append((model.span == "y") & model.day.in_(found.years))
    if found.months:
        parts.append((model.span == "m") & model.day.in_(found.months))
    parts.extend((model.span == "d") & model.day.between(first, last) for first, last in found.day_runs)
    return reduce(or_, parts) if parts else SQL("1 = 0")


def where(model, filters, start=None, end=None, years=True):
    """The rows of `model` for `filters` (over start..end instead of its period, if given)."""
    condition = period(model, start or filters.start, end or filters.end, years)
    if filters.services is not None:
        condition &= model.service_id.in_(list(filters.services)) if filters.services else SQL("1 = 0")
    if filters.channel:
        condition &= model.channel == filters.channel
    if filters.touchpoint:
        condition &= model.touchpoint_id == filters.touchpoint
    return condition
