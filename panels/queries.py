"""What the staff panel pages read: the panels a member of staff runs with their counts, one
panel's members, waiting applications and proposals, and the applications queue."""
from dataclasses import dataclass

from peewee import SQL, fn

from panels.access import panels_run_by
from panels.applications import OPEN_STATUSES
from panels.models import APPLICATION_STATUSES, Application, Member, Membership, Panel, PanelFacilitator
from panels.proposals.models import Proposal

QUEUE_LIMIT = 200
PROPOSAL_STATUSES = {"draft": "Draft", "open": "Open", "closed": "Closed", "decided": "Decided"}


@dataclass
class PanelRow:
    panel: Panel
    members: int
    waiting: int


def _count_by_panel(query, column):
    return {row[0]: row[1] for row in query.select(column, fn.COUNT(SQL("*"))).group_by(column).tuples()}


def panel_rows(user):
    """The panels `user` runs, with their current members and applications waiting."""
    panels = panels_run_by(user)
    ids = [panel.id for panel in panels] or [0]
    members = _count_by_panel(Membership.select().where(Membership.panel.in_(ids), Membership.left_at.is_null()),
                              Membership.panel)
    waiting = _count_by_panel(Application.select().where(Application.panel.in_(ids),
                                                         Application.status.in_(OPEN_STATUSES)),
                              Application.panel)
    return [PanelRow(panel, members.get(panel.id, 0), waiting.get(panel.id, 0)) for panel in panels]


def members(panel):
    """Current members of `panel` with when they joined, by name."""
    return list(Membership.select(Membership, Member).join(Member)
                .where(Membership.panel == panel, Membership.left_at.is_null())
                .order_by(Member.name, Member.id))


def facilitators(panel):
    return [row.user for row in PanelFacilitator.select().where(PanelFacilitator.panel == panel)
            .order_by(PanelFacilitator.id)]


def proposals(panel):
    return list(Proposal.select().where(Proposal.panel == panel).order_by(Proposal.id.desc()))


def queue(user, panel=None, statuses=OPEN_STATUSES):
    """Applications to the panels `user` runs (or just `panel`), oldest first."""
    ids = [p.id for p in panels_run_by(user)] if panel is None else [panel.id]
    return list(Application.select(Application, Panel).join(Panel)
                .where(Application.panel.in_(ids or [0]), Application.status.in_(statuses))
                .order_by(Application.created_at, Application.id).limit(QUEUE_LIMIT))


def status_label(status):
    return APPLICATION_STATUSES.get(status, status)
