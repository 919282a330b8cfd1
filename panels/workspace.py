"""What a member's workspace shows: their panels and those panels' proposals.

A member sees only the panels they belong to now (panels.access) and, of those, proposals that
have been opened to the panel (never drafts). Every read here takes the signed-in member, so
changing an id in a URL can only ever reach the member's own panels (the views 404 otherwise).
"""
from dataclasses import dataclass

from peewee import fn

from panels import access
from panels.models import Membership, Panel
from panels.proposals.models import Comment, Proposal, View

VISIBLE = ("open", "closed", "decided")
DECIDED = ("decided",)
UNDECIDED = ("open", "closed")


@dataclass(frozen=True)
class ProposalLine:
    proposal: Proposal
    panel_name: str
    my_view: str        # "support" / "neutral" / "oppose", or "" when not given yet
    my_comments: int


def _newest_first(query):
    return query.order_by(fn.COALESCE(Proposal.opened_at, Proposal.created_at).desc(), Proposal.id.desc())


def _lines(member, proposals):
    ids = [p.id for p in proposals]
    views = dict(View.select(View.proposal, View.stance)
                 .where(View.member == member, View.proposal.in_(ids or [0])).tuples())
    comments = dict(Comment.select(Comment.proposal, fn.COUNT(Comment.id))
                    .where(Comment.member == member, Comment.proposal.in_(ids or [0]))
                    .group_by(Comment.proposal).tuples())
    return [ProposalLine(p, p.panel.name, views.get(p.id, ""), comments.get(p.id, 0)) for p in proposals]


def open_proposals(member):
    """Proposals open for views on any of the member's panels, newest first."""
    panel_ids = [panel.id for panel in access.member_panels(member)]
    query = (Proposal.select(Proposal, Panel).join(Panel)
             .where(Proposal.panel.in_(panel_ids or [0]), Proposal.status == "open"))
    return _lines(member, list(_newest_first(query)))


@dataclass(frozen=True)
class PanelPage:
    panel: Panel
    joined_at: object
    open: list
    closed: list
    decided: list
    other_panels: int


def panel_page(member, panel_id):
    """The panel's page for `member` (404 when they are not on it): its open proposals, those
    closed and waiting for a decision, and those decided (newest decision first)."""
    panel = access.member_panel_or_404(member, panel_id)
    membership = Membership.get((Membership.panel == panel) & (Membership.member == member))
    query = Proposal.select(Proposal, Panel).join(Panel).where(Proposal.panel == panel,
                                                                Proposal.status.in_(VISIBLE))
    proposals = list(_newest_first(query))
    decided = sorted((p for p in proposals if p.status in DECIDED),
                     key=lambda p: (p.decided_at or p.created_at, p.id), reverse=True)
    return PanelPage(
        panel=panel, joined_at=membership.joined_at,
        open=_lines(member, [p for p in proposals if p.status == "open"]),
        closed=_lines(member, [p for p in proposals if p.status == "closed"]),
        decided=_lines(member, decided),
        other_panels=len(access.member_panels(member)) - 1,
    )


def counts_for_leaving(member, panel):
    """What the member has said on this panel's proposals (for the leave page's words)."""
    proposal_ids = Proposal.select(Proposal.id).where(Proposal.panel == panel)
    return {
        "comments": Comment.select().where(Comment.member == member,
                                           Comment.proposal.in_(proposal_ids)).count(),
        "views": View.select().where(View.member == member, View.proposal.in_(proposal_ids)).count(),
    }
