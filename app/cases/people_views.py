"""The single view of the customer, /staff/people/<id>: everything this person has told the
council (feedback, cases, survey answers), so no one asks them to repeat themselves.

Anonymous feedback never appears (it is linked to no one), and each part is narrowed by
app.cases.access: a service lead sees only what belongs to their own services and never a
special-category case. A person with nothing the user may see answers 404. Every look is
audited ("person.viewed").
"""
from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from app.audit import services as audit
from app.auth.access import roles_required
from app.auth.models import UserService
from app.auth.roles import SERVICE_LEAD
from app.cases import access
from app.cases.models import Case, CaseItem
from app.feedback.models import FeedbackItem
from app.people.models import Person

bp = Blueprint("people", __name__, url_prefix="/staff/people", template_folder="templates")


def person_feedback(user, person):
    """(item, case or None) for the person's named feedback the user may see, newest first."""
    query = access.visible_items(user, FeedbackItem.select().where(
        FeedbackItem.person == person, FeedbackItem.anonymous == False))  # noqa: E712
    items = list(query.order_by(FeedbackItem.received_at.desc(), FeedbackItem.id.desc()))
    links = {row.item_id: row.case for row in CaseItem.select(CaseItem, Case).join(Case)
             .where(CaseItem.item.in_([i.id for i in items] or [0]))}
    visible = {c.id for c in access.visible_cases(user, Case.select(Case.id)).where(
        Case.id.in_([c.id for c in links.values()] or [0]))}
    return [(item, links[item.id] if links.get(item.id) and links[item.id].id in visible else None)
            for item in items]


def person_cases(user, person):
    return list(access.visible_cases(user, Case.select()).where(
        Case.person == person, Case.anonymous == False)  # noqa: E712
        .order_by(Case.received_at.desc(), Case.id.desc()))


def survey_answers(user, person):
    """[(response, [(question, answer)])] newest first; service leads see their services' only."""
    from surveys.models import Answer, Question, Response

    query = Response.select().where(Response.person == person)
    if user.role == SERVICE_LEAD:
        query = query.where(Response.service.in_(
            UserService.select(UserService.service).where(UserService.user == user.id)))
    responses = list(query.order_by(Response.submitted_at.desc(), Response.id.desc()))
    answers = {}
    for answer in (Answer.select(Answer, Question).join(Question)
                   .where(Answer.response.in_([r.id for r in responses] or [0]))
                   .order_by(Question.position, Question.id)):
        answers.setdefault(answer.response_id, []).append((answer.question, answer))
    return [(response, answers.get(response.id, [])) for response in responses]


@bp.route("/<id:person_id>")
@roles_required(*access.VIEW_ROLES)
def person(person_id):
    user = current_user._get_current_object()
    found = Person.get_or_none(Person.id == person_id)
    if found is None:
        abort(404)
    feedback, cases, responses = (person_feedback(user, found), person_cases(user, found),
                                  survey_answers(user, found))
    if user.role not in access.CHANGE_ROLES and not (feedback or cases or responses):
        abort(404)  # a service lead learns nothing about people outside their services
    audit.record("person.viewed", actor=user, obj=found, summary=f"Viewed person {found.id}",
                 details={"page": "person"}, ip=request.remote_addr or "")
    return render_template("cases/person.html", person=found, feedback=feedback, cases=cases,
                           responses=responses, can_convert=user.role in access.CHANGE_ROLES)
