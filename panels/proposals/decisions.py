"""The council's decision on a proposal, written back to the panel.

A facilitator of the panel (or an administrator) publishes "what we decided and why", links
the actions the decision created or changed (ProposalAction, role "decision") and, if there is
one, a published "You said, we did" page. Publishing sets the proposal's status to decided,
gives every current member a decision notification (for their digest) and, once the
transaction commits, emails every member who took part (commented, answered a question or
gave a view) exactly once: the outbox key is `proposal-decision:<proposal>:<member>`, so
publishing again (to correct the words, say) changes the outcome page but mails no one twice.
Members who have left the panel or were anonymised are not emailed.
"""
import datetime
import logging

from peewee import fn

from app.actions.models import Action
from app.audit import services as audit
from app.db import utcnow
from app.mail.headers import InvalidAddress
from app.mail.models import OutboxMessage
from app.mail.services import queue_email
from app.queue import settings, transaction
from panels.applications import written_in_their_language
from panels.models import Member, Membership
from panels.proposals import notifications
from panels.proposals.models import (Answer, Comment, Proposal, ProposalAction, Question,
                                     View)
from reports.yswd.models import Publication

log = logging.getLogger(__name__)

DECIDABLE = ("open", "closed", "decided")
MAX_DECISION = 10000
SWEEP_DAYS = 30


class DecisionError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def email_key(proposal_id, member_id):
    return f"proposal-decision:{proposal_id}:{member_id}"


def current_members(panel):
    """The panel's members now (not left, not anonymised)."""
    return list(Member.select().join(Membership)
                .where(Membership.panel == panel, Membership.left_at.is_null(),
                       Member.anonymised_at.is_null())
                .order_by(Member.id))


def participant_ids(proposal):
    """Ids of the members who commented on, answered or gave a view on `proposal`."""
    commented = Comment.select(Comment.member).where(Comment.proposal == proposal,
                                                     Comment.member.is_null(False))
    answered = Answer.select(Answer.member).join(Question).where(Question.proposal == proposal)
    viewed = View.select(View.member).where(View.proposal == proposal)
    return {row.member_id for query in (commented, answered, viewed) for row in query}


def participants(proposal):
    """The members who took part and are still on the panel, by id."""
    ids = participant_ids(proposal)
    return [member for member in current_members(proposal.panel) if member.id in ids]


def action_choices(proposal):
    """Actions a decision may link: those of the proposal's service (every service when it
    has none) that were not dropped, and any already linked."""
    linked = ProposalAction.select(ProposalAction.action).where(ProposalAction.proposal == proposal)
    query = Action.select().where(Action.status != "dropped")
    if proposal.service_id:
        query = query.where(Action.service == proposal.service_id)
    return list(Action.select().where(Action.id.in_(query.select(Action.id)) | Action.id.in_(linked))
                .order_by(fn.LOWER(Action.title), Action.id))


def publication_choices():
    """Published "You said, we did" pages, newest first."""
    return list(Publication.select().where(Publication.status == "published")
                .order_by(Publication.published_at.desc(), Publication.id.desc()))


def decision_actions(proposal):
    return list(Action.select().join(ProposalAction)
                .where(ProposalAction.proposal == proposal, ProposalAction.role == "decision")
                .order_by(fn.LOWER(Action.title), Action.id))


def _chosen_actions(proposal, action_ids):
    allowed = {action.id: action for action in action_choices(proposal)}
    wanted = {int(i) for i in action_ids or ()}
    if wanted - set(allowed):
        raise DecisionError("Choose actions from the list", field="actions")
    return [allowed[i] for i in sorted(wanted)]


def _chosen_publication(publication_id):
    if not publication_id:
        return None
    publication = Publication.get_or_none(Publication.id == publication_id, Publication.status == "published")
    if publication is None:
        raise DecisionError("Choose a published “You said, we did” page from the list",
                            field="publication")
    return publication


def publish(proposal, *, decision, action_ids=(), publication_id=None, actor):
    """Publish (or correct) the decision on `proposal`. Raises DecisionError."""
    from panels.proposals import tasks

    if proposal.status not in DECIDABLE:
        raise DecisionError("A decision can be published once the proposal has been opened to members")
    text = (decision or "").strip()
    if not text:
        raise DecisionError("Enter what you decided and why", field="decision")
    if len(text) > MAX_DECISION:
        raise DecisionError(f"What you decided and why must be {MAX_DECISION} characters or fewer",
                            field="decision")
    actions = _chosen_actions(proposal, action_ids)
    publication = _chosen_publication(publication_id)
    first = proposal.status != "decided"
    with transaction() as tx:
        proposal.status, proposal.decision, proposal.publication = "decided", text, publication
        if first:
            proposal.decided_by, proposal.decided_at = actor, utcnow()
        proposal.save()
        _link_actions(proposal, actions)
        notified = notifications.decision_published(proposal)
        audit.record("panel_proposal.decided" if first else "panel_proposal.decision_changed",
                     actor=actor, obj=proposal,
                     summary=f"Decision {'published' if first else 'changed'} on proposal {proposal.title}",
                     details={"actions": [a.id for a in actions], "notified": notified,
                              "publication": getattr(publication, "id", None)})
        tx.on_commit(tasks.decision_emails, proposal.id)
    return proposal


def _link_actions(proposal, actions):
    ids = [action.id for action in actions]
    (ProposalAction.delete()
     .where(ProposalAction.proposal == proposal, ProposalAction.role == "decision",
            ProposalAction.action.not_in(ids or [0]))
     .execute())
    for action in actions:
        (ProposalAction.insert(proposal=proposal, action=action, role="decision")
         .on_conflict_ignore().execute())


def _links(proposal):
    base = settings().base_url.rstrip("/")
    publication = proposal.publication if proposal.publication_id else None
    return {"outcome_link": f"{base}/panel/proposals/{proposal.id}/outcome",
            "yswd_link": f"{base}/you-said-we-did/{publication.slug}"
            if publication is not None and publication.is_published else ""}


def email_participants(proposal_id):
    """Queue the decision email to each member who took part (once each, ever). Returns the
    outbox rows (existing ones included)."""
    proposal = Proposal.get_or_none(Proposal.id == proposal_id)
    if proposal is None or proposal.status != "decided":
        return []
    context = {"proposal_title": proposal.title, "panel_name": proposal.panel.name,
               "decision": proposal.decision, **_links(proposal)}
    rows = []
    for member in participants(proposal):
        try:
            with written_in_their_language(member):
                rows.append(queue_email(to=member.email, template="proposal_decision",
                                        context=dict(context, name=member.name),
                                        idempotency_key=email_key(proposal.id, member.id),
                                        purpose="proposal_decision", related=proposal))
        except InvalidAddress:
            log.warning("proposal %s: member %s has an unusable email address", proposal.id, member.id)
    return rows


def unmailed_proposal_ids():
    """Proposals decided in the last SWEEP_DAYS with a participant not yet emailed."""
    since = utcnow() - datetime.timedelta(days=SWEEP_DAYS)
    pending = []
    for proposal in Proposal.select().where(Proposal.status == "decided", Proposal.decided_at >= since):
        keys = [email_key(proposal.id, member.id) for member in participants(proposal)]
        if keys and OutboxMessage.select().where(OutboxMessage.idempotency_key.in_(keys)).count() < len(keys):
            pending.append(proposal.id)
    return pending
