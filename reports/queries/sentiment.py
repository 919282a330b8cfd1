"""Sentiment: the share of feedback that is negative, neutral or positive (each item's current
sentiment, app.learning.current), month by month and for the period beside the previous one."""
import collections
import datetime
from dataclasses import dataclass

from peewee import fn

from reports.models import ItemSummary
from reports.queries.figures import figure, percent
from reports.queries.spans import where

TREND_MONTHS = 12


@dataclass(frozen=True)
class MonthSentiment:
    month: datetime.date  # its first day
    items: int
    negative: int
    neutral: int
    positive: int

    @property
    def classified(self):
        return self.negative + self.neutral + self.positive

    @property
    def negative_share(self):
        return percent(self.negative, self.classified)

    @property
    def positive_share(self):
        return percent(self.positive, self.classified)


def trend_start(filters):
    """The trend shows the period's months, and at least the TREND_MONTHS months to its end."""
    index = filters.end.year * 12 + filters.end.month - 1 - (TREND_MONTHS - 1)
    earliest = datetime.date(index // 12, index % 12 + 1, 1)
    return min(filters.start, earliest)


def trend(filters):
    """[MonthSentiment] from the trend's start to the period's end (a partial month at either
    end counts only its days in range)."""
    start = trend_start(filters)
    query = (ItemSummary.select(ItemSummary.day, fn.SUM(ItemSummary.items), fn.SUM(ItemSummary.negative),
                                fn.SUM(ItemSummary.neutral), fn.SUM(ItemSummary.positive))
             .where(where(ItemSummary, filters, start=start, years=False)).group_by(ItemSummary.day))
    months = collections.defaultdict(lambda: [0, 0, 0, 0])
    for day, *counts in query.tuples():
        if isinstance(day, str):
            day = datetime.date.fromisoformat(day)
        row = months[day.replace(day=1)]  # month rows, and day rows at a partial month
        for n, value in enumerate(counts):
            row[n] += int(value or 0)
    return _months(start, filters.end, months)


def _months(start, end, found):
    result, cursor = [], start.replace(day=1)
    while cursor <= end:
        items, negative, neutral, positive = found.get(cursor, (0, 0, 0, 0))
        result.append(MonthSentiment(cursor, items, negative, neutral, positive))
        cursor = (cursor + datetime.timedelta(days=32)).replace(day=1)
    return result


def _share(column):
    def compute(filters):
        total = ItemSummary.negative + ItemSummary.neutral + ItemSummary.positive
        part, whole = (ItemSummary.select(fn.SUM(column), fn.SUM(total))
                       .where(where(ItemSummary, filters)).tuples().get())
        return percent(int(part or 0), int(whole or 0)), int(whole or 0)
    return compute


def negative_share(filters):
    return figure("negative_share", "percent", _share(ItemSummary.negative), filters)


def positive_share(filters):
    return figure("positive_share", "percent", _share(ItemSummary.positive), filters)
