"""Gathering a period's overview from the query layer (reports.queries): the same functions the
dashboard and the lessons-learnt report call with the same Filters, so every figure equals
theirs. Counts and public words only: no resident's words, no personal data."""
import datetime
from dataclasses import dataclass

from app.actions import evidence
from app.actions.models import Action
from app.org.models import ServiceArea
from app.timefmt import to_london, utc_bounds
from reports.queries import casework as cases
from reports.queries import complaints as code_measures
from reports.queries import volumes as volume_figures
from reports.queries.topic_figures import top_topics

THEMES = 10
NO_OWNER = "No owner named"


@dataclass(frozen=True)
class Improvement:
    """A service improvement made from learning: a root-cause action done in the period."""

    title: str
    summary: str  # its public summary (what residents are told), or "" if none was written
    service: str
    owner: str
    done_on: datetime.date
    evidence: tuple  # plain sentences computed by app.actions.evidence, then the owner's note


@dataclass(frozen=True)
class Overview:
    filters: object  # reports.queries.filters.Filters: the period, services and channel
    service_names: tuple  # the services' names (empty: every service)
    volumes: object  # reports.queries.volumes.Volumes: total, responses, by_channel, by_service, by_kind
    complaints: object  # reports.queries.complaints.Complaints: ack1, resp1, ack2, resp2, escalation, ...
    casework: object  # reports.queries.casework.Casework: stages, outcomes, remedies, ombudsman_*
    refusals: tuple  # (Share) complaints not accepted, by exclusion
    complaints_by_service: tuple  # (Share) complaint cases received, by service
    complaint_themes: tuple  # (TopicFigure) themes of complaints, with the previous period's count
    top_themes: tuple  # (TopicFigure) themes of all feedback
    improvements: tuple  # (Improvement)

    @property
    def start(self):
        return self.filters.start

    @property
    def end(self):
        return self.filters.end

    @property
    def refused(self):
        return sum(share.count for share in self.refusals)


def improvements(filters, today=None):
    """(Improvement) for each action done in the period in the services, oldest first."""
    start, end = utc_bounds(filters.start, filters.end)
    query = Action.select().where(Action.status == "done", Action.done_at >= start, Action.done_at < end)
    if filters.services is not None:
        query = query.where(Action.service.in_(list(filters.services) or [0]))
    found = []
    for action in query.order_by(Action.done_at, Action.id):
        said = [item.sentence for item in evidence.for_action(action, today=today)]
        if (action.owner_note or "").strip():
            said.append(evidence.OWNERS_NOTE % {"note": action.owner_note.strip()})
        found.append(Improvement(
            title=action.title, summary=(action.public_summary or "").strip(),
            service=action.service.name if action.service_id else "Every service",
            owner=action.owner.name if action.owner_id else NO_OWNER,
            done_on=to_london(action.done_at).date(), evidence=tuple(said)))
    return tuple(found)


def gather(filters, today=None):
    """The Overview of `filters` (its services and period; channel filters apply as everywhere)."""
    names = () if filters.services is None else tuple(
        s.name for s in ServiceArea.select().where(ServiceArea.id.in_(list(filters.services) or [0]))
        .order_by(ServiceArea.name))
    return Overview(
        filters=filters, service_names=names,
        volumes=volume_figures.volumes(filters), complaints=code_measures.complaints(filters),
        casework=cases.casework(filters), refusals=cases.refusals(filters),
        complaints_by_service=cases.by_service(filters),
        complaint_themes=tuple(top_topics(filters, limit=THEMES, kinds=("complaint",))),
        top_themes=tuple(top_topics(filters, limit=THEMES)), improvements=improvements(filters, today))
