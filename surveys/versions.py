"""Versions and questions. A version that is live, or has answers, is frozen: editing
it makes (or reuses) a draft copy, and publishing the draft makes it the live version."""
import secrets

from app.audit import services as audit
from app.db import utcnow
from app.queue import transaction
from surveys.models import CHOICE_KINDS, Question, Response, SurveyVersion

QUESTION_FIELDS = ("kind", "text", "help_text", "required", "options")


class VersionError(Exception):
    pass


def versions(survey):
    return list(SurveyVersion.select().where(SurveyVersion.survey == survey)
                .order_by(SurveyVersion.number.desc()))


def latest_version(survey):
    return (SurveyVersion.select().where(SurveyVersion.survey == survey)
            .order_by(SurveyVersion.number.desc()).first())


def questions(version):
    return list(Question.select().where(Question.version == version)
                .order_by(Question.position, Question.id))


def is_frozen(version):
    if version.status != "draft":
        return True
    return Response.select().where(Response.version == version).exists()


def editable_version(survey, actor=None):
    """The draft to edit: the latest version if it is still a draft nobody has answered,
    otherwise a new draft copied from the latest version."""
    with transaction():
        latest = latest_version(survey)
        if latest is not None and not is_frozen(latest):
            return latest
        draft = SurveyVersion.create(survey=survey, number=(latest.number + 1) if latest else 1)
        for question in questions(latest) if latest else []:
            Question.create(version=draft, key=question.key, position=question.position,
                            **{name: getattr(question, name) for name in QUESTION_FIELDS})
        audit.record("survey.version_drafted", actor=actor, obj=survey,
                     summary=f"Draft version {draft.number} started")
    return draft


def has_draft(survey):
    latest = latest_version(survey)
    return latest is not None and not is_frozen(latest)


def _clean(fields):
    values = {name: fields[name] for name in QUESTION_FIELDS if name in fields}
    if values.get("kind") not in CHOICE_KINDS:
        values["options"] = ""
    return values


def add_question(survey, *, actor=None, **fields):
    with transaction():
        draft = editable_version(survey, actor)
        last = (Question.select(Question.position).where(Question.version == draft)
                .order_by(Question.position.desc()).scalar())
        question = Question.create(version=draft, key=secrets.token_hex(6),
                                   position=(last or 0) + 1, **_clean(fields))
        audit.record("survey.question_added", actor=actor, obj=survey,
                     summary=f"Question added to draft version {draft.number}")
    return question


def draft_question(survey, key, actor=None):
    """The draft's copy of the question `key` (making the draft if needed), or None."""
    exists = (Question.select().join(SurveyVersion)
              .where(SurveyVersion.survey == survey, Question.key == key).exists())
    if not exists:
        return None
    draft = editable_version(survey, actor)
    return Question.get_or_none(Question.version == draft, Question.key == key)


def find_question(survey, key):
    """The newest copy of question `key` (for showing the edit form), or None."""
    return (Question.select().join(SurveyVersion)
            .where(SurveyVersion.survey == survey, Question.key == key)
            .order_by(SurveyVersion.number.desc()).first())


def edit_question(survey, key, *, actor=None, **fields):
    with transaction():
        question = draft_question(survey, key, actor)
        if question is None:
            raise VersionError("That question is not in the draft")
        for name, value in _clean(fields).items():
            setattr(question, name, value)
        question.save()
        audit.record("survey.question_edited", actor=actor, obj=survey,
                     summary=f"Question edited in draft version {question.version.number}")
    return question


def remove_question(survey, key, *, actor=None):
    with transaction():
        question = draft_question(survey, key, actor)
        if question is None:
            raise VersionError("That question is not in the draft")
        number = question.version.number
        question.delete_instance()
        audit.record("survey.question_removed", actor=actor, obj=survey,
                     summary=f"Question removed from draft version {number}")


def move_question(survey, key, direction, *, actor=None):
    """Swap the question with its neighbour; `direction` is 'up' or 'down'."""
    with transaction():
        question = draft_question(survey, key, actor)
        if question is None:
            raise VersionError("That question is not in the draft")
        ordered = questions(question.version)
        index = next(i for i, q in enumerate(ordered) if q.id == question.id)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered, start=1):
            if item.position != position:
                item.position = position
                item.save()
        audit.record("survey.question_moved", actor=actor, obj=survey,
                     summary=f"Questions reordered in draft version {question.version.number}")


def publish(survey, *, actor=None):
    """Make the draft the live version; the old live version is kept as 'replaced'."""
    with transaction():
        latest = latest_version(survey)
        if latest is None or latest.status != "draft":
            raise VersionError("There is no draft to publish")
        if not questions(latest):
            raise VersionError("Add at least one question before publishing")
        (SurveyVersion.update(status="retired")
         .where(SurveyVersion.survey == survey, SurveyVersion.status == "live").execute())
        latest.status, latest.published_at = "live", utcnow()
        latest.save()
        audit.record("survey.published", actor=actor, obj=survey,
                     summary=f"Version {latest.number} published")
    return latest
