"""Surveys: who may manage them, creating and editing them, and whether they are open."""
import datetime

from app.audit import services as audit
from app.auth.roles import ADMINISTRATOR, ANALYST, SERVICE_LEAD
from app.queue import transaction
from app.timefmt import to_london
from app.db import utcnow
from surveys.models import Survey, SurveyVersion

MANAGERS = (ADMINISTRATOR, ANALYST, SERVICE_LEAD)
SURVEY_FIELDS = ("title", "service", "welcome_text", "thank_you_text", "anonymous", "opens_on",
                 "closes_on", "formats_phone", "after_complaints")


def can_manage(user, survey):
    """Administrators and analysts manage every survey; service leads their services' own."""
    if user.role in (ADMINISTRATOR, ANALYST):
        return True
    return user.role == SERVICE_LEAD and survey.service_id in user.service_ids()


def visible_surveys(user):
    query = Survey.select().order_by(Survey.created_at.desc(), Survey.id.desc())
    if user.role == SERVICE_LEAD:
        query = query.where(Survey.service.in_(list(user.service_ids()) or [0]))
    return query


def create_survey(*, actor=None, is_demo=False, **fields):
    """A new survey with an empty draft version 1."""
    with transaction():
        survey = Survey.create(created_by_id=getattr(actor, "id", None), is_demo=is_demo,
                               **{k: v for k, v in fields.items() if k in SURVEY_FIELDS})
        SurveyVersion.create(survey=survey, number=1)
        audit.record("survey.created", actor=actor, obj=survey, summary=f"Survey created: {survey.title}")
        _only_complaint_survey(survey, actor)
    return survey


def update_survey(survey, *, actor=None, **fields):
    """Settings (title, texts, dates) are not versioned: they change at once."""
    with transaction():
        for name, value in fields.items():
            if name in SURVEY_FIELDS:
                setattr(survey, name, value)
        survey.save()
        audit.record("survey.updated", actor=actor, obj=survey, summary=f"Survey settings changed: {survey.title}")
        _only_complaint_survey(survey, actor)
    return survey


def _only_complaint_survey(survey, actor):
    """One survey at most follows closed complaints: choosing this one unchooses the other."""
    if not survey.after_complaints:
        return
    for other in Survey.select().where(Survey.after_complaints == True, Survey.id != survey.id):  # noqa: E712
        other.after_complaints = False
        other.save(only=[Survey.after_complaints])
        audit.record("survey.updated", actor=actor, obj=other, summary=(
            f"Survey settings changed: {other.title} is no longer sent when complaints close"))


def complaint_survey(survey_id=0):
    """The survey residents are invited to when their complaint case closes: the one with
    id `survey_id` (the COMPLAINT_SURVEY_ID setting) when given, else the one chosen on its
    settings page; None when there is none."""
    if survey_id:
        return Survey.get_or_none(Survey.id == survey_id)
    return Survey.select().where(Survey.after_complaints == True).order_by(Survey.id).first()  # noqa: E712


def today_in_london(now=None):
    return to_london(now or utcnow()).date()


def live_version(survey):
    return (SurveyVersion.select()
            .where(SurveyVersion.survey == survey, SurveyVersion.status == "live")
            .order_by(SurveyVersion.number.desc()).first())


_UNKNOWN = object()


def availability(survey, today=None, live=_UNKNOWN):
    """'open', 'not_published', 'not_yet_open' or 'closed' (`live`: its live version, when
    the caller has it already)."""
    today = today or today_in_london()
    if (live_version(survey) if live is _UNKNOWN else live) is None:
        return "not_published"
    if survey.opens_on and today < survey.opens_on:
        return "not_yet_open"
    if survey.closes_on and today > survey.closes_on:
        return "closed"
    return "open"


def closes_at(survey):
    """The end of the closing day, London time, as naive UTC (None when open-ended)."""
    if not survey.closes_on:
        return None
    from app.timefmt import LONDON

    end = datetime.datetime.combine(survey.closes_on + datetime.timedelta(days=1), datetime.time(),
                                    tzinfo=LONDON)
    return end.astimezone(datetime.timezone.utc).replace(tzinfo=None)
