"""The feedback that led to a proposal, as figures: for each linked theme, how many complaints
(in the proposal's service, when it has one) were received over the evidence period, from the
reports' query layer (reports.queries.topics.top_topics over the daily summaries), so the
number is the one the dashboard and the lessons-learnt reports show for the same days.
Computed when the page is read, never typed."""
from dataclasses import dataclass

from app.learning.models import Topic
from panels.proposals.models import ProposalAction, ProposalTopic
from reports.queries.filters import Filters
from reports.queries.topics import top_topics


@dataclass(frozen=True)
class ThemeCount:
    topic: Topic
    complaints: int
    previous: int  # the same number of days just before the period


@dataclass(frozen=True)
class Evidence:
    start: object  # datetime.date or None
    end: object
    service: object  # ServiceArea or None
    themes: list  # [ThemeCount], most complaints first; counts only with a period
    actions: list  # [Action], the actions that led to the proposal

    @property
    def counted(self):
        return self.start is not None and self.end is not None and bool(self.themes)


def linked_topics(proposal):
    return list(Topic.select().join(ProposalTopic).where(ProposalTopic.proposal == proposal)
                .order_by(Topic.position, Topic.name))


def linked_actions(proposal, role="evidence"):
    from app.actions.models import Action

    return list(Action.select().join(ProposalAction)
                .where(ProposalAction.proposal == proposal, ProposalAction.role == role)
                .order_by(Action.title, Action.id))


def complaint_counts(topics, start, end, service_id=None):
    """[ThemeCount] for `topics` over `start`..`end` (inclusive), most complaints first."""
    if not topics or start is None or end is None:
        return []
    filters = Filters(start=start, end=end, services=(service_id,) if service_id else None)
    figures = {f.topic_id: f for f in top_topics(filters, limit=Topic.select().count() or 1,
                                                 kinds=("complaint",))}
    counts = [ThemeCount(topic, figures[topic.id].count if topic.id in figures else 0,
                         figures[topic.id].previous_count if topic.id in figures else 0)
              for topic in topics]
    return sorted(counts, key=lambda c: (-c.complaints, c.topic.name))


def for_proposal(proposal):
    topics = linked_topics(proposal)
    counts = complaint_counts(topics, proposal.evidence_start, proposal.evidence_end, proposal.service_id)
    return Evidence(start=proposal.evidence_start, end=proposal.evidence_end, service=proposal.service,
                    themes=counts or [ThemeCount(topic, None, None) for topic in topics],
                    actions=linked_actions(proposal))
