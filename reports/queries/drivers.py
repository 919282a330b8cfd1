"""What drives complaints, for a `Filters`: root causes and themes ranked by volume, with the
upheld rate and the change from the period before.

- Root causes: the categories officers chose when closing complaint cases (`Case.root_cause`),
  counting complaint cases closed in the period (Europe/London dates) in the services.
- Themes: the current themes (app.learning.current) of complaints received in the period in
  the services, counting complaints.
- Upheld rate: cases upheld or partly upheld, out of the cases decided (upheld, partly upheld
  or not upheld). Withdrawn complaints, and cases not yet closed, are left out of the rate.

Each row carries the ids of its most recent cases (at most CASE_LIMIT), for "Create an action".
Counts only: no residents' words.
"""
from dataclasses import dataclass

from peewee import JOIN, Case as When, fn

from app.cases.models import ROOT_CAUSES, Case, CaseItem
from app.feedback.models import FeedbackItem
from app.learning.current import theme_rows
from app.learning.models import Topic
from app.timefmt import utc_bounds

CASE_LIMIT = 50
UPHELD = ("upheld", "partly_upheld")
DECIDED = UPHELD + ("not_upheld",)


@dataclass(frozen=True)
class DriverRow:
    key: str  # the root cause's key, or the theme's topic key
    name: str
    count: int
    previous_count: int
    upheld: int  # upheld or partly upheld
    decided: int  # upheld, partly upheld or not upheld
    case_ids: tuple  # the most recent cases, at most CASE_LIMIT

    @property
    def upheld_rate(self):
        return self.upheld / self.decided if self.decided else None

    @property
    def change(self):
        return self.count - self.previous_count


def _bounds(filters):
    return utc_bounds(filters.start, filters.end)


def _outcome_sums(case_id, outcome):
    upheld = fn.COUNT(fn.DISTINCT(When(None, [(outcome.in_(list(UPHELD)), case_id)], None)))
    decided = fn.COUNT(fn.DISTINCT(When(None, [(outcome.in_(list(DECIDED)), case_id)], None)))
    return upheld.alias("upheld"), decided.alias("decided")


def _closed_cases(filters):
    start, end = _bounds(filters)
    query = Case.select().where((Case.kind == "complaint") & (Case.status == "closed") & (Case.root_cause != "")
                                & (Case.closed_at >= start) & (Case.closed_at < end))
    if filters.services is not None:
        query = query.where(Case.service.in_(list(filters.services) or [0]))
    if filters.channel:
        query = query.where(Case.channel == filters.channel)
    return query


def _root_cause_counts(filters):
    query = (_closed_cases(filters).select(Case.root_cause, fn.COUNT(Case.id).alias("count"),
                                           *_outcome_sums(Case.id, Case.outcome))
             .group_by(Case.root_cause))
    return {row["root_cause"]: row for row in query.dicts()}


def root_causes(filters):
    """[DriverRow] for each root cause chosen in the period, most cases first."""
    now, before = _root_cause_counts(filters), _root_cause_counts(filters.previous())
    rows = []
    for key, row in now.items():
        ids = (_closed_cases(filters).select(Case.id).where(Case.root_cause == key)
               .order_by(Case.closed_at.desc(), Case.id.desc()).limit(CASE_LIMIT))
        rows.append(DriverRow(key=key, name=ROOT_CAUSES.get(key, key), count=row["count"],
                              previous_count=before.get(key, {}).get("count", 0), upheld=row["upheld"],
                              decided=row["decided"], case_ids=tuple(c.id for c in ids)))
    return sorted(rows, key=lambda r: (-r.count, r.name))


def _complaints(filters, themes):
    start, end = _bounds(filters)
    query = (FeedbackItem.select()
             .join(themes, on=(FeedbackItem.id == themes.c.item_id))
             .switch(FeedbackItem).join(CaseItem, JOIN.LEFT_OUTER, on=(CaseItem.item == FeedbackItem.id))
             .join(Case, JOIN.LEFT_OUTER, on=(Case.id == CaseItem.case))
             .where((FeedbackItem.kind == "complaint") & (FeedbackItem.received_at >= start)
                    & (FeedbackItem.received_at < end)))
    if filters.services is not None:
        query = query.where(FeedbackItem.service.in_(list(filters.services) or [0]))
    if filters.channel:
        query = query.where(FeedbackItem.channel == filters.channel)
    return query


def _topic_counts(filters):
    themes = theme_rows().alias("themes")
    decided_outcome = When(None, [(Case.status == "closed", Case.outcome)], "")
    query = (_complaints(filters, themes)
             .select(themes.c.topic_id.alias("topic_id"), fn.COUNT(fn.DISTINCT(FeedbackItem.id)).alias("count"),
                     *_outcome_sums(Case.id, decided_outcome))
             .group_by(themes.c.topic_id))
    return {row["topic_id"]: row for row in query.dicts()}


def topics(filters):
    """[DriverRow] for each theme of complaints received in the period, most complaints first."""
    now, before = _topic_counts(filters), _topic_counts(filters.previous())
    names = {t.id: t for t in Topic.select().where(Topic.id.in_(list(now) or [0]))}
    rows = []
    for topic_id, row in now.items():
        themes = theme_rows().alias("themes")
        ids = (_complaints(filters, themes).select(Case.id, fn.MAX(FeedbackItem.received_at).alias("latest"))
               .where((themes.c.topic_id == topic_id) & Case.id.is_null(False))
               .group_by(Case.id).order_by(fn.MAX(FeedbackItem.received_at).desc(), Case.id.desc())
               .limit(CASE_LIMIT))
        topic = names[topic_id]
        rows.append(DriverRow(key=topic.key, name=topic.name, count=row["count"],
                              previous_count=before.get(topic_id, {}).get("count", 0), upheld=row["upheld"],
                              decided=row["decided"], case_ids=tuple(r[0] for r in ids.tuples())))
    return sorted(rows, key=lambda r: (-r.count, r.name))
