"""A topic's feedback month by month: how many items, and how many of them negative.

Months are Europe/London calendar months, by when each item was received (`received_at`, stored
in UTC). An item counts towards a topic when its current themes (app.learning.current: the
officer's labels win over the model's) include it, and its sentiment is its current sentiment,
so these figures agree with every other count Heard shows. Live SQL, one query for all months.

The reports' query layer re-exports `topic_months` (reports.queries.topics); an action's
evidence of effect (app.actions.evidence) reads it directly.
"""
import datetime
from dataclasses import dataclass

from peewee import SQL, Case, fn

from app.feedback.models import FeedbackItem
from app.learning.current import sentiment_of, theme_rows
from app.learning.models import ItemTopic
from app.timefmt import add_months, london_midnight


@dataclass(frozen=True)
class MonthFigure:
    month: datetime.date  # the 1st of the month
    count: int
    negative: int
    negative_share: float = None  # % of the items with a sentiment that are negative; None when none has one


def topic_months(topic_id, *, services=None, start_month, months, kinds=("complaint",)):
    """[MonthFigure] for `months` calendar months from `start_month`'s month, oldest first,
    counting feedback items of `kinds` (None: every kind) in `services` (a tuple of ServiceArea
    ids; None: every service) whose current themes include the topic."""
    if months <= 0:
        return []
    firsts = [add_months(start_month, n) for n in range(months + 1)]
    bounds = [london_midnight(day) for day in firsts]
    received = FeedbackItem.received_at
    bucket = Case(None, [(received < bound, index) for index, bound in enumerate(bounds[1:])])
    sentiment = sentiment_of()
    themed = theme_rows().select(ItemTopic.item).where(ItemTopic.topic == topic_id)
    query = (FeedbackItem.select(bucket.alias("bucket"), fn.COUNT(FeedbackItem.id).alias("count"),
                                 fn.SUM(Case(None, [(sentiment == "negative", 1)], 0)).alias("negative"),
                                 fn.COUNT(sentiment).alias("with_sentiment"))
             .where((received >= bounds[0]) & (received < bounds[-1]) & FeedbackItem.id.in_(themed))
             .group_by(SQL("1")))  # by position: PostgreSQL binds the two CASEs' dates apart
    if kinds is not None:
        query = query.where(FeedbackItem.kind.in_(list(kinds)))
    if services is not None:
        query = query.where(FeedbackItem.service.in_(list(services) or [0]))
    found = {row["bucket"]: row for row in query.dicts()}
    figures = []
    for index, first in enumerate(firsts[:-1]):
        row = found.get(index) or {"count": 0, "negative": 0, "with_sentiment": 0}
        negative, rated = int(row["negative"] or 0), int(row["with_sentiment"] or 0)
        figures.append(MonthFigure(month=first, count=int(row["count"]), negative=negative,
                                   negative_share=100.0 * negative / rated if rated else None))
    return figures
