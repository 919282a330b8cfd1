"""The period's main topics (yswd's live-SQL stand-in of the contract in CONTRACT10.md: the
dash engineer's module replaces this one at merge).

    top_topics(filters, *, limit=10, kinds=None, head="theme") -> [TopicFigure]

counts the feedback items received in the period (Europe/London days) that match the filters
(and are of `kinds`, when given) and whose current topics of `head` (app.learning.current)
include the topic; largest count first, with the same count for the period before.
"""
from dataclasses import dataclass

from peewee import Case, fn

from app.feedback.models import FeedbackItem
from app.learning.current import sentiment_of, theme_rows
from app.learning.models import Topic
from reports.yswd.period import utc_bounds
from surveys.models import Answer, Response


@dataclass(frozen=True)
class TopicFigure:
    topic_id: int
    key: str
    name: str
    count: int
    previous_count: int
    negative: int
    neutral: int
    positive: int
    negative_share: float  # negative / items with a sentiment; None when none has one


def matching_items(filters, kinds=None):
    """A query of the ids of the feedback items the filters (and kinds) select."""
    low, high = utc_bounds(filters.start, filters.end)
    query = FeedbackItem.select(FeedbackItem.id).where(
        FeedbackItem.received_at >= low, FeedbackItem.received_at < high)
    if filters.services is not None:
        query = query.where(FeedbackItem.service.in_(list(filters.services) or [0]))
    if filters.channel:
        query = query.where(FeedbackItem.channel == filters.channel)
    if kinds:
        query = query.where(FeedbackItem.kind.in_(list(kinds)))
    if filters.touchpoint is not None:
        answered = (Answer.select(Answer.feedback_item).join(Response)
                    .where(Response.touchpoint == filters.touchpoint))
        query = query.where(FeedbackItem.id.in_(answered))
    return query


def _counts(filters, kinds, head, topic_ids=None):
    themes = theme_rows(head).alias("current")
    sentiment = sentiment_of(FeedbackItem.id)
    query = (FeedbackItem.select(themes.c.topic_id.alias("topic_id"),
                                 fn.COUNT(FeedbackItem.id).alias("n"),
                                 *[fn.SUM(Case(None, [(sentiment == name, 1)], 0)).alias(name)
                                   for name in ("negative", "neutral", "positive")])
             .join(themes, on=(themes.c.item_id == FeedbackItem.id))
             .where(FeedbackItem.id.in_(matching_items(filters, kinds)))
             .group_by(themes.c.topic_id))
    if topic_ids is not None:
        query = query.where(themes.c.topic_id.in_(list(topic_ids) or [0]))
    return {row["topic_id"]: row for row in query.dicts()}


def top_topics(filters, *, limit=10, kinds=None, head="theme"):
    now = _counts(filters, kinds, head)
    ranked = sorted(now.values(), key=lambda row: -row["n"])
    topics = {t.id: t for t in Topic.select().where(Topic.id.in_([r["topic_id"] for r in ranked] or [0]))}
    ranked = sorted(ranked, key=lambda row: (-row["n"], topics[row["topic_id"]].name))[:limit]
    before = _counts(filters.previous(), kinds, head, [row["topic_id"] for row in ranked])
    figures = []
    for row in ranked:
        topic = topics[row["topic_id"]]
        negative, neutral, positive = (int(row[k] or 0) for k in ("negative", "neutral", "positive"))
        judged = negative + neutral + positive
        figures.append(TopicFigure(
            topic_id=topic.id, key=topic.key, name=topic.name, count=row["n"],
            previous_count=before.get(topic.id, {}).get("n", 0), negative=negative, neutral=neutral,
            positive=positive, negative_share=negative / judged if judged else None))
    return figures
