"""Who may see and change which proposal. Every proposal page goes through here.

Staff:
- administrators and the panel's facilitators (panels.access.runs) post proposals to the panel,
  see and change all of its proposals, and moderate its comments;
- service leads post proposals to any panel for their own services, and see and change those
  proposals (but do not moderate: that is the facilitators' job).

Members see a proposal only while they belong to its panel and only once it is open (open,
closed or decided; never a draft). Anything else, by link or by changing an id, is a 404.
"""
from flask import abort

from app.auth import roles
from app.org.models import ServiceArea
from panels import access
from panels.models import Panel
from panels.proposals.models import Comment, Document, Proposal

READABLE_BY_MEMBERS = ("open", "closed", "decided")


def _signed_in(user):
    return user is not None and getattr(user, "is_authenticated", False) and getattr(user, "active", False)


def may_post(user, panel):
    """Whether `user` may post a proposal to `panel` at all (a lead: for their own services)."""
    if not _signed_in(user):
        return False
    return access.runs(user, panel) or (user.role == roles.SERVICE_LEAD and bool(user.service_ids()))


def services_for(user, panel):
    """The services `user` may put a proposal to `panel` about."""
    offered = list(ServiceArea.ordered())
    if access.runs(user, panel):
        return offered
    own = set(user.service_ids()) if user.role == roles.SERVICE_LEAD else set()
    return [service for service in offered if service.id in own]


def can_see(user, proposal):
    if not _signed_in(user) or proposal is None:
        return False
    if access.runs(user, proposal.panel):
        return True
    return (user.role == roles.SERVICE_LEAD and proposal.service_id is not None
            and proposal.service_id in user.service_ids())


can_change = can_see  # whoever may see a proposal on the staff side may change it while it is open


def can_moderate(user, proposal):
    return _signed_in(user) and access.runs(user, proposal.panel)


def panel_to_post_to_or_404(user, panel_id):
    panel = Panel.get_or_none(Panel.id == panel_id)
    if panel is None or not may_post(user, panel):
        abort(404)
    return panel


def staff_proposal_or_404(user, proposal_id):
    proposal = Proposal.get_or_none(Proposal.id == proposal_id)
    if proposal is None or not can_see(user, proposal):
        abort(404)
    return proposal


def staff_document_or_404(user, document_id):
    document = Document.get_or_none(Document.id == document_id)
    if document is None or not can_see(user, document.proposal):
        abort(404)
    return document


def member_may_read(member, proposal):
    return (member is not None and proposal is not None and proposal.status in READABLE_BY_MEMBERS
            and access.is_member(member, proposal.panel))


def member_proposal_or_404(member, proposal_id):
    proposal = Proposal.get_or_none(Proposal.id == proposal_id)
    if not member_may_read(member, proposal):
        abort(404)
    return proposal


def member_document_or_404(member, document_id):
    document = Document.get_or_none(Document.id == document_id)
    if document is None or not member_may_read(member, document.proposal):
        abort(404)
    return document


def comment_to_moderate_or_404(user, comment_id):
    """A comment on a proposal `user` may see (else 404) and moderate (else 403)."""
    comment = Comment.get_or_none(Comment.id == comment_id)
    if comment is None or not can_see(user, comment.proposal):
        abort(404)
    if not can_moderate(user, comment.proposal):
        abort(403)
    return comment
