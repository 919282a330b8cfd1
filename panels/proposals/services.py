"""Posting a proposal to a panel: create and change a draft (or an open proposal), attach and
remove documents, and open it for views, which tells every current member. Each function owns
its transaction and its audit entry; refusals are ProposalError naming the field at fault.

`values` (from panels.proposals.forms.ProposalForm.values) holds: title, what_would_change, why,
service (a ServiceArea id), topics and actions (ids), evidence_start, evidence_end, closes_on
(dates) and questions (up to five, in order; blanks are dropped).
"""
import datetime

from app.actions import access as action_access
from app.audit.services import record
from app.auth.roles import ANALYST
from app.db import utcnow
from app.learning.models import Topic
from app.queue import transaction
from panels.proposals import access, documents, notifications
from panels.proposals.errors import ProposalError
from panels.proposals.models import Proposal, ProposalAction, ProposalTopic, Question
from panels.proposals.participation import london_today

MAX_QUESTIONS = 5
EDITABLE = ("draft", "open")


def theme_choices():
    """The council's active themes, as the new-proposal form offers them."""
    return list(Topic.select().where(Topic.kind == "theme", Topic.active == True)  # noqa: E712
                .order_by(Topic.position, Topic.name))


def action_choices(user):
    """Actions a proposal by `user` can say led to it (not dropped), newest first: those `user`
    may see on the action pages, or for staff who may not (facilitators), those with a summary
    written for residents, as that is all the proposal pages show of them."""
    from app.actions.models import Action

    if action_access.may_create(user) or user.role == ANALYST:
        query = action_access.visible_actions(user)
    else:
        query = Action.select().where(Action.public_summary != "")
    return list(query.where(Action.status != "dropped")
                .order_by(Action.created_at.desc(), Action.id.desc()).limit(200))


def _check(values, actor, panel, today):
    if values["service"] not in {s.id for s in access.services_for(actor, panel)}:
        raise ProposalError("Choose a service you look after", field="service")
    start, end = values["evidence_start"], values["evidence_end"]
    if (start is None) != (end is None):
        raise ProposalError("Enter both the first and the last day of the evidence period",
                            field="evidence_start" if start is None else "evidence_end")
    if start and end < start:
        raise ProposalError("The last day of the evidence period must be on or after the first day",
                            field="evidence_end")
    if start and end > today:
        raise ProposalError("The evidence period must end today or earlier", field="evidence_end")
    if values["topics"] and not start:
        raise ProposalError("Enter the evidence period, so the page can count the complaints about the themes",
                            field="evidence_start")
    if values["closes_on"] <= today:
        raise ProposalError("The closing date must be in the future", field="closes_on")
    if values["closes_on"] > today + datetime.timedelta(days=366):
        raise ProposalError("The closing date must be within a year", field="closes_on")
    known_topics = {t.id for t in theme_choices()}
    if set(values["topics"]) - known_topics:
        raise ProposalError("Choose themes from the list", field="topics")
    visible = {a.id for a in action_choices(actor)}
    if set(values["actions"]) - visible:
        raise ProposalError("Choose actions from the list", field="actions")
    if len([q for q in values["questions"] if q]) > MAX_QUESTIONS:
        raise ProposalError(f"Ask up to {MAX_QUESTIONS} questions", field="question_1")


def _links(proposal, values):
    ProposalTopic.delete().where(ProposalTopic.proposal == proposal).execute()
    for topic_id in dict.fromkeys(values["topics"]):
        ProposalTopic.create(proposal=proposal, topic=topic_id)
    ProposalAction.delete().where(ProposalAction.proposal == proposal, ProposalAction.role == "evidence").execute()
    for action_id in dict.fromkeys(values["actions"]):
        ProposalAction.create(proposal=proposal, action=action_id, role="evidence")


def _questions(proposal, texts):
    Question.delete().where(Question.proposal == proposal).execute()
    for position, text in enumerate(t for t in texts if t):
        Question.create(proposal=proposal, position=position, text=text)


def _with_document(upload, work):
    """Check the upload (filename, bytes) first, then run `work(checked)` in one transaction;
    the stored file is removed again if the transaction fails."""
    checked = documents.check(*upload) if upload else None
    stored = []
    try:
        with transaction():
            return work(checked, stored)
    except Exception:
        for name in stored:
            documents.discard(name)
        raise


def _attach(proposal, checked, actor, stored):
    if checked is not None:
        document = documents.store(proposal, checked, actor=actor)
        stored.append(document.stored_name)
        record("panels.proposal_document_added", actor=actor, obj=proposal,
               summary=f"Document added to proposal {proposal.id}",
               details={"document": document.id, "bytes": document.size, "type": document.content_type})


def create(panel, *, actor, values, upload=None, today=None):
    """A new draft proposal to `panel`; `upload` an optional (filename, bytes) document."""
    if not access.may_post(actor, panel):
        raise ProposalError("You cannot post proposals to this panel")
    _check(values, actor, panel, today or london_today())

    def work(checked, stored):
        proposal = Proposal.create(
            panel=panel, title=values["title"], what_would_change=values["what_would_change"],
            why=values["why"], service=values["service"], evidence_start=values["evidence_start"],
            evidence_end=values["evidence_end"], closes_on=values["closes_on"], created_by=actor)
        _links(proposal, values)
        _questions(proposal, values["questions"])
        _attach(proposal, checked, actor, stored)
        record("panels.proposal_created", actor=actor, obj=proposal,
               summary=f"Proposal {proposal.id} drafted for panel {panel.id}", details={"panel": panel.id})
        return proposal
    return _with_document(upload, work)


def edit(proposal, *, actor, values, upload=None, today=None):
    """Change a draft or open proposal. Once open, its questions stay as members saw them."""
    if proposal.status not in EDITABLE or not access.can_change(actor, proposal):
        raise ProposalError("This proposal can no longer be changed")
    if proposal.status == "open":
        values = dict(values, questions=[q.text for q in proposal.questions.order_by(Question.position)])
    _check(values, actor, proposal.panel, today or london_today())

    def work(checked, stored):
        for name in ("title", "what_would_change", "why", "evidence_start", "evidence_end", "closes_on"):
            setattr(proposal, name, values[name])
        proposal.service = values["service"]
        proposal.save()
        _links(proposal, values)
        if proposal.status == "draft":
            _questions(proposal, values["questions"])
        _attach(proposal, checked, actor, stored)
        record("panels.proposal_changed", actor=actor, obj=proposal, summary=f"Proposal {proposal.id} changed")
        return proposal
    return _with_document(upload, work)


def remove_document(document, *, actor):
    proposal = document.proposal
    if proposal.status not in EDITABLE or not access.can_change(actor, proposal):
        raise ProposalError("This proposal can no longer be changed")
    with transaction():
        record("panels.proposal_document_removed", actor=actor, obj=proposal,
               summary=f"Document removed from proposal {proposal.id}", details={"document": document.id})
        documents.remove(document)


def open_for_views(proposal, *, actor, today=None):
    """Draft -> open: members can read it and say what they think; every current member of
    the panel is notified. Returns how many members were notified."""
    if not access.can_change(actor, proposal):
        raise ProposalError("You cannot open this proposal")
    if proposal.status != "draft":
        raise ProposalError("This proposal is already open")
    if proposal.closes_on <= (today or london_today()):
        raise ProposalError("The closing date has passed. Change it to a date in the future, then open the proposal")
    with transaction():
        proposal.status, proposal.opened_at = "open", utcnow()
        proposal.save(only=[Proposal.status, Proposal.opened_at])
        told = notifications.proposal_opened(proposal)
        record("panels.proposal_opened", actor=actor, obj=proposal,
               summary=f"Proposal {proposal.id} opened for views", details={"members_notified": told})
    return told
