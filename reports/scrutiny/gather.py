"""Everything a quarter's scrutiny pack says, gathered from the query layer the dashboard reads:
the period overview (reports.overview, the annual report's gatherer) for the whole council, each
month's complaints by stage, the emerging issues first seen in the quarter (never one touching a
special-category case) and the key phrases of the top themes (redacted, from several residents).
No resident's words or personal data beyond those redacted phrases."""
from dataclasses import dataclass

from reports.overview.gather import gather as overview_of
from reports.queries.casework import casework
from reports.queries.emerging import first_seen_in
from reports.queries.filters import Filters, month
from reports.queries.topic_phrases import topic_phrases
from reports.scrutiny.quarters import Quarter

PHRASE_THEMES = 5


@dataclass(frozen=True)
class MonthStages:
    month: object  # datetime.date, its first day
    stage1: int  # complaints received
    stage2: int  # stage 2 requests made


@dataclass(frozen=True)
class Pack:
    quarter: Quarter
    overview: object  # reports.overview.gather.Overview of every service for the quarter
    months: tuple  # (MonthStages) for the quarter's three months
    emerging: tuple  # (EmergingFigure) first seen in the quarter
    phrases: dict  # {topic id: (key phrase, ...)} for the top themes of all feedback

    @property
    def filters(self):
        return self.overview.filters

    @property
    def period(self):
        return self.quarter.words

    @property
    def previous_period(self):
        return self.quarter.previous().words


def filters_of(quarter):
    return Filters(start=quarter.start, end=quarter.end)


def _month_stages(start):
    counts = {s.key: s.count for s in casework(month(start.year, start.month)).stages}
    return MonthStages(month=start, stage1=counts.get(1, 0), stage2=counts.get(2, 0))


def gather(quarter, today=None):
    """The Pack of `quarter` (a reports.scrutiny.quarters.Quarter) for every service."""
    filters = filters_of(quarter)
    overview = overview_of(filters, today)
    fresh = tuple(first_seen_in(filters))
    themes = [t.topic_id for t in overview.top_themes[:PHRASE_THEMES]]
    return Pack(quarter=quarter, overview=overview, months=tuple(_month_stages(m) for m in quarter.months),
                emerging=fresh, phrases=topic_phrases(filters, themes) if themes else {})
