"""Recording a resident's answers.

A response records its version and, from a touchpoint, the touchpoint (and so the
channel, place and service). Free-text answers become feedback items for classification.
Where the survey is anonymous, an invitation is only marked as answered: the response
never points at the invitation or a person, and both times are kept to the day only, so
the two cannot be matched up by the clock either.
"""
import datetime

from app.audit import services as audit
from app.db import utcnow
from app.feedback.services import record_feedback
from app.people.services import find_or_create
from app.queue import transaction
from surveys.models import TEXT_KINDS, Answer, Invitation, Response


class AlreadyAnswered(Exception):
    pass


def _day(moment):
    return datetime.datetime.combine(moment.date(), datetime.time())


def _person(survey, contact):
    """The resident, only where the survey is not anonymous and they opted in."""
    if survey.anonymous or not contact or not contact.get("ok") or not contact.get("email"):
        return None
    return find_or_create(email=contact["email"], preferred_contact="email")


def _mark_answered(invitation, at):
    """Single use, also under a race: only the first update finds it unanswered."""
    marked = (Invitation.update(responded_at=at)
              .where(Invitation.id == invitation.id, Invitation.responded_at.is_null()).execute())
    if not marked:
        raise AlreadyAnswered()


def record_response(version, questions, answers, *, touchpoint=None, invitation=None,
                    contact=None, now=None, is_demo=False, quote_consent=False):
    """Store one response. `answers` maps question id -> (number, value) for the
    questions answered. Raises AlreadyAnswered for a used invitation. `is_demo` marks the
    free-text answers' feedback items as demo data (app.demo). `quote_consent`: the resident
    said yes to quoting their words; it is kept on the response and on every feedback item
    its text answers become."""
    survey = version.survey
    now = now or utcnow()
    at = _day(now) if invitation is not None and survey.anonymous else now
    person = _person(survey, contact)
    service = (touchpoint.service_id if touchpoint is not None else None) \
        or (invitation.service_id if invitation is not None else None) or survey.service_id  # ids: no queries
    with transaction():
        if invitation is not None:
            _mark_answered(invitation, at)
        response = Response.create(
            survey=survey, version=version, touchpoint=touchpoint, service=service, person=person,
            channel=touchpoint.channel if touchpoint is not None else "invitation", submitted_at=at,
            quote_consent=bool(quote_consent))
        rows = []
        for question in questions:
            if question.id not in answers:
                continue
            number, value = answers[question.id]
            item = None
            if question.kind in TEXT_KINDS and value.strip():
                item = record_feedback(kind="survey_answer",
                                       channel="qr_survey" if touchpoint is not None else "web",
                                       text=value, service=service, person=person, received_at=at,
                                       is_demo=is_demo, quote_consent=bool(quote_consent))
            rows.append({"response": response.id, "question": question.id, "number": number, "value": value,
                         "feedback_item": item.id if item is not None else None})
        if rows:
            Answer.insert_many(rows).execute()  # one statement for all the answers
        audit.record("survey.answered", obj=survey,
                     summary=f"Survey answered (version {version.number}, {response.channel_label.lower()})")
    return response
