"""Everything a lessons-learnt report says about one service and one month, gathered from the
same query layer the dashboard reads (reports.queries, reports.dashboard_data's functions with
the same Filters), so every figure equals the dashboard's for that service and month."""
import datetime
from dataclasses import dataclass

from peewee import fn

from app.cases.clocks import london_today
from app.org.models import ServiceArea
from reports.lessons import actions as action_lists
from reports.queries.casework import casework
from reports.queries import complaints, drivers, emerging, satisfaction, sentiment, volumes
from reports.queries.filters import month
from reports.queries.topic_figures import top_topics
from reports.queries.topic_phrases import topic_phrases

TOPICS = 8


class ReportError(ValueError):
    """The service or the month asked for does not exist; str() says which, in one line."""


@dataclass(frozen=True)
class Report:
    service: ServiceArea
    filters: object  # reports.queries.filters.Filters
    volumes: object  # reports.queries.volumes.Volumes
    satisfaction: list  # [Figure]
    complaints: object  # reports.queries.complaints.Complaints
    casework: object  # reports.queries.casework.Casework
    trend: list  # [MonthSentiment], 12 months to the period's end
    negative_share: object  # Figure
    topics: list  # [TopicFigure]
    emerging: list  # [EmergingFigure] first seen in the month
    root_causes: list  # [DriverRow]
    actions: object  # reports.lessons.actions.ActionLists
    compliments: list  # [TopicFigure] of compliments
    phrases: dict  # {topic id: (key phrase, ...)} for the top topics (all feedback)
    compliment_phrases: dict  # {topic id: (key phrase, ...)} for the compliments' topics
    quotes: tuple  # (Quote)

    @property
    def period(self):
        return f"{self.filters.start:%B %Y}"

    @property
    def previous_period(self):
        return f"{self.filters.previous().start:%B %Y}"

    @property
    def csat(self):
        return next(f for f in self.satisfaction if f.key == "csat")


def find_service(name):
    """The service whose name (any case) or slug is `name`."""
    text = (name or "").strip()
    found = (ServiceArea.get_or_none(ServiceArea.slug == text.lower())
             or ServiceArea.select().where(fn.LOWER(ServiceArea.name) == text.lower()).first())
    if found is None:
        raise ReportError(f"No service is called {text!r}: give a service's name or slug.")
    return found


def parse_month(text):
    """(year, month) from "YYYY-MM"."""
    try:
        day = datetime.datetime.strptime((text or "").strip(), "%Y-%m").date()
    except ValueError:
        raise ReportError(f"The month must look like 2026-03, not {text!r}.") from None
    if len((text or "").strip()) != 7:
        raise ReportError(f"The month must look like 2026-03, not {text!r}.")
    return day.year, day.month


def gather(service, year, number, today=None):
    filters = month(year, number, services=(service.id,))
    today = today or london_today()
    topics = top_topics(filters, limit=TOPICS)
    compliments = top_topics(filters, limit=TOPICS, kinds=("compliment",))
    return Report(
        service=service, filters=filters, volumes=volumes.volumes(filters),
        satisfaction=satisfaction.all_figures(filters), complaints=complaints.complaints(filters),
        casework=casework(filters), trend=sentiment.trend(filters),
        negative_share=sentiment.negative_share(filters), topics=topics,
        emerging=emerging.first_seen_in(filters),
        root_causes=[row for row in drivers.root_causes(filters) if row.upheld],
        actions=action_lists.actions(filters, today), compliments=compliments,
        phrases=topic_phrases(filters, [t.topic_id for t in topics]),
        compliment_phrases=topic_phrases(filters, [t.topic_id for t in compliments], kinds=("compliment",)),
        quotes=action_lists.quotes(filters))
