"""Notification rows for members' digests (panels.digest sends them): a proposal opened for
views (every current member of its panel), a reply to a member's comment (the parent comment's
author), and a decision written back (every current member of the panel).

Each function is safe to call twice: a member is never given the same notification again.
Callers run them inside their own transaction (the service that opens, replies or decides).
"""
from panels.models import Membership
from panels.proposals.models import Notification


def _current_members(panel):
    return [row.member_id for row in Membership.select(Membership.member)
            .where(Membership.panel == panel, Membership.left_at.is_null())]


def _notify(member_ids, kind, proposal, comment=None):
    """Create one `kind` notification per member who has none for this proposal (and comment)."""
    if not member_ids:
        return 0
    already = Notification.select(Notification.member).where(
        Notification.kind == kind, Notification.proposal == proposal,
        Notification.member.in_(member_ids),
        Notification.comment.is_null() if comment is None else Notification.comment == comment)
    done = {row.member_id for row in already}
    rows = [{"member": member_id, "kind": kind, "proposal": proposal.id,
             "comment": comment.id if comment is not None else None}
            for member_id in dict.fromkeys(member_ids) if member_id not in done]
    if rows:
        Notification.insert_many(rows).execute()
    return len(rows)


def proposal_opened(proposal):
    """Every current member of the proposal's panel hears of it. Returns how many were told."""
    return _notify(_current_members(proposal.panel), "proposal", proposal)


def reply_posted(reply):
    """The author of the comment `reply` answers hears of it: a member who still belongs to the
    panel, and not when they replied to themselves. Returns how many were told (0 or 1)."""
    parent = reply.parent
    if parent is None or parent.member_id is None or parent.member_id == reply.member_id:
        return 0
    if parent.member_id not in _current_members(reply.proposal.panel):
        return 0
    return _notify([parent.member_id], "reply", reply.proposal, comment=reply)


def decision_published(proposal):
    """Every current member of the proposal's panel hears of the decision."""
    return _notify(_current_members(proposal.panel), "decision", proposal)
