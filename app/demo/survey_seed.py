"""The demo's surveys, made through the surveys services as the demo administrator would:
create each survey, add its questions, publish it, place its touchpoints (each has its QR
code and poster), choose the complaint survey to follow closed complaints; then, once the
casework has closed cases (and so invited residents), record every planned response as the
public pages would. Runs inside app.demo.seed's transaction.

    surveys = create_surveys(admin, today)            # before the casework
    items = record_responses(surveys, responses, items, today)   # after it
    delete_demo_surveys()                             # demo seed --force
"""
import datetime

from app.cases.models import Case, CaseEvent, CaseItem
from app.demo.surveys import SURVEYS, opened_days_ago
from app.mail.models import OutboxMessage
from app.org.models import ServiceArea
from surveys import responses as survey_responses
from surveys import services, touchpoints, versions
from surveys.invitations import REMINDER_AFTER
from surveys.models import Answer, Invitation, Question, Response, Survey, SurveyVersion, Touchpoint


def create_surveys(admin, today):
    """{survey key: (Survey, [Touchpoint])}, each live since its opening day before `today`."""
    areas = {area.slug: area for area in ServiceArea.select()}
    chosen_elsewhere = Survey.select().where(Survey.after_complaints == True,  # noqa: E712
                                             Survey.is_demo == False).exists()  # noqa: E712
    made = {}
    for spec in SURVEYS:
        opened = datetime.datetime.combine(today - datetime.timedelta(days=opened_days_ago(spec)),
                                           datetime.time(9))
        survey = services.create_survey(
            actor=admin, is_demo=True, title=spec["title"], service=areas[spec["service"]],
            welcome_text=spec["welcome"], thank_you_text=spec["thank_you"], anonymous=spec["anonymous"],
            opens_on=opened.date(), formats_phone=spec["formats_phone"],
            after_complaints=spec.get("after_complaints", False) and not chosen_elsewhere)
        for question in spec["questions"]:
            versions.add_question(survey, actor=admin, help_text="", options=question.get("options", ""),
                                  **{k: question[k] for k in ("kind", "text", "required")})
        versions.publish(survey, actor=admin)
        places = [touchpoints.create_touchpoint(survey, name=name, channel=channel, service=areas[slug],
                                                actor=admin)
                  for name, channel, slug in spec["touchpoints"]]
        made[spec["key"]] = (survey, places)
        _date(survey, opened)
    return made


def _date(survey, opened):
    """The survey, its version and touchpoints as made when it opened, not today."""
    Survey.update(created_at=opened).where(Survey.id == survey.id).execute()
    (SurveyVersion.update(created_at=opened, published_at=opened)
     .where(SurveyVersion.survey == survey).execute())
    Touchpoint.update(created_at=opened).where(Touchpoint.survey == survey).execute()


def record_responses(surveys, planned, items, today):
    """Record each planned response (app.demo.survey_answers); returns {item key: FeedbackItem}
    for the free-text answers, which the surveys service records as feedback."""
    _date_invitations(today)
    live = {key: (services.live_version(survey), places) for key, (survey, places) in surveys.items()}
    asked = {key: versions.questions(version) for key, (version, _) in live.items()}
    created = {}
    for plan in planned:
        version, places = live[plan["survey"]]
        questions = asked[plan["survey"]]
        answers = {q.id: answer for q, answer in zip(questions, plan["answers"]) if answer is not None}
        complaint = plan["complaint"]
        invitation = _invitation(version.survey, items[complaint["key"]]) if complaint else None
        if complaint and invitation is None:
            continue  # the complaint survey follows complaints only when it was chosen to
        response = survey_responses.record_response(
            version, questions, answers, now=plan["at"], is_demo=True, invitation=invitation,
            touchpoint=places[plan["touchpoint"]] if plan["touchpoint"] is not None else None)
        if plan["item"] is not None:
            answer = Answer.get(Answer.response == response, Answer.feedback_item.is_null(False))
            created[plan["item"]["key"]] = answer.feedback_item
    return created


def _invitation(survey, complaint):
    case = Case.select().join(CaseItem).where(CaseItem.item == complaint).first()
    if case is None:
        return None
    return Invitation.get_or_none(Invitation.survey == survey, Invitation.related_type == Case._meta.table_name,
                                  Invitation.related_id == str(case.id))


def _date_invitations(today):
    """Invitations sent as the demo's cases closed are dated when they were emailed (the case
    timeline's entry); those older than the reminder delay are marked as reminded then, so the
    worker does not remind residents about complaints closed months ago (those reminders are
    not in the outbox)."""
    now = datetime.datetime.combine(today, datetime.time())
    emailed = (CaseEvent.select(CaseEvent.at, OutboxMessage.related_id.alias("invitation_id"))
               .join(OutboxMessage, on=(CaseEvent.outbox_id == OutboxMessage.id))
               .join(Case, on=(CaseEvent.case == Case.id))
               .where(OutboxMessage.related_type == Invitation._meta.table_name,
                      Case.is_demo == True))  # noqa: E712
    for row in emailed.objects():
        reminded = row.at + REMINDER_AFTER if row.at + REMINDER_AFTER <= now else None
        (Invitation.update(created_at=row.at, reminded_at=reminded)
         .where(Invitation.id == row.invitation_id).execute())


def delete_demo_surveys():
    """Delete the demo surveys with everything hanging off them (answers, responses,
    invitations and their emails, touchpoints, questions, versions); returns how many."""
    ids = [survey.id for survey in Survey.select(Survey.id).where(Survey.is_demo == True)]  # noqa: E712
    if not ids:
        return 0
    responses = Response.select(Response.id).where(Response.survey.in_(ids))
    invitations = [row.id for row in Invitation.select(Invitation.id).where(Invitation.survey.in_(ids))]
    Answer.delete().where(Answer.response.in_(responses)).execute()
    Response.delete().where(Response.survey.in_(ids)).execute()
    for start in range(0, len(invitations), 500):
        chunk = invitations[start:start + 500]
        (OutboxMessage.delete().where(OutboxMessage.related_type == Invitation._meta.table_name,
                                      OutboxMessage.related_id.in_(chunk)).execute())
    Invitation.delete().where(Invitation.survey.in_(ids)).execute()
    Touchpoint.delete().where(Touchpoint.survey.in_(ids)).execute()
    versions_of = SurveyVersion.select(SurveyVersion.id).where(SurveyVersion.survey.in_(ids))
    Question.delete().where(Question.version.in_(versions_of)).execute()
    SurveyVersion.delete().where(SurveyVersion.survey.in_(ids)).execute()
    Survey.delete().where(Survey.id.in_(ids)).execute()
    return len(ids)
