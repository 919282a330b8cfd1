"""Emerging issues: app.learning's clusters of similar feedback (not dismissed) seen in the
period, counting only their items that match the filters. Issues with an item from a
special-category case can be left out for people who may not see such cases."""
import datetime
from dataclasses import dataclass

from app.cases.models import Case, CaseItem
from app.feedback.models import FeedbackItem
from app.learning.models import EmergingIssue
from app.timefmt import utc_bounds
from reports.summaries import london_day
from surveys.models import Answer, Response


@dataclass(frozen=True)
class EmergingFigure:
    issue_id: int
    size: int
    matching: int  # its items that match the filters
    first_seen: datetime.date
    last_seen: datetime.date
    status: str
    key_phrases: tuple


def _issues(filters):
    start, end = utc_bounds(filters.start, filters.end)
    return list(EmergingIssue.select().where(
        EmergingIssue.status != "dismissed", EmergingIssue.first_seen < end,
        EmergingIssue.last_seen >= start).order_by(EmergingIssue.last_seen.desc()))


def _matching(filters, ids):
    query = FeedbackItem.select(FeedbackItem.id).where(FeedbackItem.id.in_(ids or [0]))
    if filters.services is not None:
        query = query.where(FeedbackItem.service.in_(list(filters.services) or [0]))
    if filters.channel:
        query = query.where(FeedbackItem.channel == filters.channel)
    if filters.touchpoint:
        answered = (Answer.select(Answer.feedback_item).join(Response)
                    .where(Response.touchpoint == filters.touchpoint))
        query = query.where(FeedbackItem.id.in_(answered))
    return {row[0] for row in query.tuples()}


def _special(ids):
    return (CaseItem.select().join(Case)
            .where(CaseItem.item.in_(ids or [0]), Case.special_category == True).exists())  # noqa: E712


def emerging(filters, *, without_special=False):
    found = []
    for issue in _issues(filters):
        ids = issue.id_list
        matching = _matching(filters, ids)
        if not matching or (without_special and _special(ids)):
            continue
        found.append(EmergingFigure(issue_id=issue.id, size=issue.size, matching=len(matching),
                                    first_seen=london_day(issue.first_seen), last_seen=london_day(issue.last_seen),
                                    status=issue.status, key_phrases=tuple(issue.phrase_list)))
    return found


def first_seen_in(filters):
    """The emerging issues first seen in the period (never one holding a special-category
    case's items), for reports that may be read by anyone who sees the service."""
    return [issue for issue in emerging(filters, without_special=True)
            if filters.start <= issue.first_seen <= filters.end]


def emerging_count(filters, *, without_special=False):
    """(issues in the period, issues in the previous period)."""
    return (len(emerging(filters, without_special=without_special)),
            len(emerging(filters.previous(), without_special=without_special)))
