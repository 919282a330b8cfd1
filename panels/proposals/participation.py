"""What a member says about a proposal: answers to its questions and their view (support,
neutral or oppose, with a reason). Both can be changed until the end of the closing date
(Europe/London); after that, and once the council has decided, the proposal is read-only."""
from flask_babel import gettext

from app.db import utcnow
from app.queue import transaction
from app.timefmt import to_london
from panels.proposals.errors import ProposalError
from panels.proposals.models import STANCES, Answer, Question, View

MAX_ANSWER = 5000
MAX_REASON = 5000


def london_today():
    return to_london(utcnow()).date()


def is_open(proposal, today=None):
    """True while members can still comment, answer and give or change their view."""
    return proposal.status == "open" and (today or london_today()) <= proposal.closes_on


def require_open(proposal):
    if not is_open(proposal):
        raise ProposalError(gettext("This proposal has closed. You can read it, but you can no longer change anything"))


def questions(proposal):
    return list(proposal.questions.order_by(Question.position, Question.id))


def answers_of(proposal, member):
    """{question id: answer text} of `member`."""
    rows = Answer.select().join(Question).where(Question.proposal == proposal, Answer.member == member)
    return {row.question_id: row.text for row in rows}


def view_of(proposal, member):
    return View.get_or_none(View.proposal == proposal, View.member == member)


def save_answers(proposal, member, texts):
    """`texts`: {question id: text}. Blank answers clear an earlier one; at least one needed."""
    require_open(proposal)
    asked = questions(proposal)
    cleaned = {q.id: (texts.get(q.id) or "").strip() for q in asked}
    for question in asked:
        if len(cleaned[question.id]) > MAX_ANSWER:
            raise ProposalError(gettext("Your answer must be %(limit)s characters or fewer", limit=MAX_ANSWER),
                                field=f"answer_{question.id}")
    if asked and not any(cleaned.values()):
        raise ProposalError(gettext("Answer at least one question"), field=f"answer_{asked[0].id}")
    with transaction():
        for question in asked:
            text = cleaned[question.id]
            row = Answer.get_or_none(Answer.question == question, Answer.member == member)
            if not text:
                if row is not None:
                    row.delete_instance()
            elif row is None:
                Answer.create(question=question, member=member, text=text)
            elif row.text != text:
                row.text, row.updated_at = text, utcnow()
                row.save()
    return sum(1 for text in cleaned.values() if text)


def save_view(proposal, member, stance, reason):
    """Give or change `member`'s view; returns it."""
    require_open(proposal)
    if stance not in STANCES:
        raise ProposalError(gettext("Choose whether you support the proposal, are neutral or oppose it"), field="stance")
    reason = (reason or "").strip()
    if not reason:
        raise ProposalError(gettext("Enter the reason for your view"), field="reason")
    if len(reason) > MAX_REASON:
        raise ProposalError(gettext("Your reason must be %(limit)s characters or fewer", limit=MAX_REASON),
                            field="reason")
    with transaction():
        row = view_of(proposal, member)
        if row is None:
            return View.create(proposal=proposal, member=member, stance=stance, reason=reason)
        row.stance, row.reason, row.updated_at = stance, reason, utcnow()
        row.save()
    return row
