"""Members' comments on a proposal, in threads, and facilitators' moderation.

A member comments, or replies to a comment (its author is notified), while the proposal is
open for views. A facilitator hides a comment with a reason (audited): its author still sees
it, with the reason; other members do not; staff see it marked hidden. A hidden comment with
replies that others can see leaves a line saying a comment was hidden, so the thread still
reads in order.
"""
from dataclasses import dataclass, field

from flask_babel import gettext

from app.audit.services import record
from app.db import utcnow
from app.queue import transaction
from panels.proposals import access, classify, notifications
from panels.proposals.errors import ProposalError
from panels.proposals.models import Comment
from panels.proposals.participation import require_open

MAX_LENGTH = 5000
MAX_REASON = 1000


@dataclass
class Entry:
    """One comment as a reader sees it: `shown` False means only "a comment was hidden"."""

    comment: Comment
    shown: bool
    mine: bool
    replies: list = field(default_factory=list)

    @property
    def hidden(self):
        return self.comment.hidden_at is not None


def _body(text, field_name):
    text = (text or "").strip()
    if not text:
        raise ProposalError(gettext("Enter your comment"), field=field_name)
    if len(text) > MAX_LENGTH:
        raise ProposalError(gettext("Your comment must be %(limit)s characters or fewer", limit=MAX_LENGTH),
                            field=field_name)
    return text


def post(proposal, member, body, *, parent_id=None, field_name="body"):
    """A member's comment, or their reply to comment `parent_id` of the same proposal."""
    require_open(proposal)
    body = _body(body, field_name)
    parent = None
    if parent_id is not None:
        parent = Comment.get_or_none(Comment.id == parent_id, Comment.proposal == proposal)
        if parent is None or (parent.hidden_at is not None and parent.member_id != member.id):
            raise ProposalError(gettext("That comment is no longer there to reply to"))
    with transaction():
        comment = Comment.create(proposal=proposal, parent=parent, member=member, body=body)
        if parent is not None:
            notifications.reply_posted(comment)
        classify.request(proposal.id)  # sentiment and theme, in the worker after commit
    return comment


def hide(comment, *, actor, reason):
    """Hide `comment` from other members, with a reason its author will see."""
    if not access.can_moderate(actor, comment.proposal):
        raise ProposalError("Only the panel's facilitators can hide comments")
    if comment.hidden_at is not None:
        raise ProposalError("This comment is already hidden")
    reason = (reason or "").strip()
    if not reason:
        raise ProposalError("Enter why you are hiding the comment", field="reason")
    if len(reason) > MAX_REASON:
        raise ProposalError(f"The reason must be {MAX_REASON} characters or fewer", field="reason")
    with transaction():
        comment.hidden_at, comment.hidden_reason, comment.hidden_by = utcnow(), reason, actor
        comment.save(only=[Comment.hidden_at, Comment.hidden_reason, Comment.hidden_by])
        record("panels.comment_hidden", actor=actor, obj=comment,
               summary=f"Comment {comment.id} on proposal {comment.proposal_id} hidden",
               details={"proposal": comment.proposal_id, "reason_length": len(reason)})
    return comment


def author_name(comment, member=None):
    """Who wrote it, as a reader sees it: "You" for the reader's own."""
    if comment.member_id is not None:
        if member is not None and comment.member_id == member.id:
            return "You"
        return comment.member.display_name
    if comment.staff_author_id is not None:
        return f"{comment.staff_author.name} (council staff)"
    return "A former member"


def threads(proposal, *, member=None, staff=False):
    """[Entry] of top-level comments, oldest first, each with its replies (nested) — what
    `member` may see (or, with `staff`, everything, hidden comments marked)."""
    rows = list(Comment.select().where(Comment.proposal == proposal).order_by(Comment.created_at, Comment.id))
    entries = {}
    for row in rows:
        mine = member is not None and row.member_id == member.id
        entries[row.id] = Entry(row, shown=staff or row.hidden_at is None or mine, mine=mine)
    top = []
    for row in rows:
        parent = entries.get(row.parent_id)
        (parent.replies if parent else top).append(entries[row.id])
    return [entry for entry in top if _keep(entry)]


def _keep(entry):
    """Drop what a reader may not see; a hidden comment stays as a line only for its replies."""
    entry.replies = [reply for reply in entry.replies if _keep(reply)]
    return entry.shown or bool(entry.replies)


def count_visible(entries):
    return sum((1 if e.shown else 0) + count_visible(e.replies) for e in entries)

