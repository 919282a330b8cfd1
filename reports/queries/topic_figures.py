"""Top topics: feedback items received in the period whose current themes (or service areas,
`head="service"`) include each topic (app.learning.current, via the summaries), with their
sentiment, beside the previous period. Outputs import it from reports.queries.topics."""
from dataclasses import dataclass

from peewee import fn

from app.learning.models import Topic
from reports.models import TopicSummary
from reports.queries.figures import percent
from reports.queries.spans import where


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
    negative_share: float | None  # % of the items with a sentiment that are negative (None when none)


def _query(filters, kinds, head):
    condition = where(TopicSummary, filters) & (TopicSummary.head == head)
    if kinds:
        condition &= TopicSummary.kind.in_(list(kinds))
    return TopicSummary.select().where(condition)


def top_topics(filters, *, limit=10, kinds=None, head="theme"):
    """[TopicFigure], largest count first (then by name), at most `limit`."""
    total = fn.SUM(TopicSummary.items)
    query = (_query(filters, kinds, head)
             .select(TopicSummary.topic_id, total, fn.SUM(TopicSummary.negative),
                     fn.SUM(TopicSummary.neutral), fn.SUM(TopicSummary.positive))
             .group_by(TopicSummary.topic_id).order_by(total.desc(), TopicSummary.topic_id))
    rows = [tuple(int(v or 0) for v in row) for row in query.limit(limit * 2 + 10).tuples()]
    ids = [row[0] for row in rows]
    before = dict(_query(filters.previous(), kinds, head)
                  .select(TopicSummary.topic_id, fn.SUM(TopicSummary.items))
                  .where(TopicSummary.topic_id.in_(ids or [0])).group_by(TopicSummary.topic_id).tuples())
    topics = {t.id: t for t in Topic.select(Topic.id, Topic.key, Topic.name).where(Topic.id.in_(ids or [0]))}
    found = [TopicFigure(topic_id=topic_id, key=topics[topic_id].key, name=topics[topic_id].name,
                         count=count, previous_count=int(before.get(topic_id) or 0), negative=negative,
                         neutral=neutral, positive=positive,
                         negative_share=percent(negative, negative + neutral + positive))
             for topic_id, count, negative, neutral, positive in rows if topic_id in topics]
    found.sort(key=lambda f: (-f.count, f.name))
    return found[:limit]
