"""Touchpoints: where a survey is placed, each with an unguessable short code."""
import secrets

from peewee import IntegrityError

from app.audit import services as audit
from app.queue import transaction
from surveys.models import Survey, Touchpoint

# No 0/o, 1/i/l: easy to read off a poster and to type.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 8
MAX_ATTEMPTS = 20


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code):
    return (code or "").strip().lower()[:32]


def touchpoints(survey):
    return list(Touchpoint.select().where(Touchpoint.survey == survey)
                .order_by(Touchpoint.name, Touchpoint.id))


def by_code(code):
    code = normalise_code(code)
    if not code:
        return None
    return (Touchpoint.select(Touchpoint, Survey).join(Survey, on=(Touchpoint.survey == Survey.id))
            .where(Touchpoint.code == code).first())


def create_touchpoint(survey, *, name, channel, service=None, actor=None):
    """A touchpoint with a fresh code; a clash (about 1 in 10^11) just draws again."""
    for _ in range(MAX_ATTEMPTS):
        try:
            with transaction():
                touchpoint = Touchpoint.create(survey=survey, name=name, channel=channel,
                                               service=service or survey.service, code=new_code())
                audit.record("survey.touchpoint_created", actor=actor, obj=touchpoint,
                             summary=f"Touchpoint {name} placed for survey {survey.title}")
            return touchpoint
        except IntegrityError:
            continue
    raise RuntimeError("could not find an unused touchpoint code")


def set_active(touchpoint, active, *, actor=None):
    with transaction():
        touchpoint.active = bool(active)
        touchpoint.save()
        audit.record("survey.touchpoint_" + ("opened" if active else "closed"), actor=actor,
                     obj=touchpoint, summary=f"Touchpoint {touchpoint.name} "
                     + ("reopened" if active else "closed"))
    return touchpoint


def public_url(touchpoint, settings):
    return f"{settings.base_url.rstrip('/')}/s/{touchpoint.code}"
