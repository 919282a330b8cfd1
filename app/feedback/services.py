"""Recording feedback."""
from peewee import fn

from app.audit import services as audit
from app.db import db, utcnow
from app.feedback.models import CHANNELS, KINDS, Counter, FeedbackItem, FeedbackStatusChange
from app.queue import transaction

REFERENCE_PREFIX = "HRD"


def next_reference(year):
    """HRD-2026-000123: a per-year sequence, safe under concurrent writers."""
    name = f"reference-{year}"
    with db.atomic():
        Counter.insert(name=name, value=0).on_conflict_ignore().execute()
        Counter.update(value=Counter.value + 1).where(Counter.name == name).execute()
        value = Counter.select(Counter.value).where(Counter.name == name).scalar()
    return f"{REFERENCE_PREFIX}-{year}-{value:06d}"


def record_feedback(*, kind, channel, text, service=None, person=None, received_at=None,
                    actor=None, is_demo=False, **answers):
    """Record one item exactly as given, with its 'received' timeline entry. `answers`
    are the optional FeedbackItem fields (put_right, happened_on, support_needs, ...)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    received_at = received_at or utcnow()
    with transaction():
        item = FeedbackItem.create(
            reference=next_reference(received_at.year), kind=kind, channel=channel, text=text,
            service=service, person=person, anonymous=person is None,
            received_at=received_at, is_demo=is_demo, **answers,
        )
        FeedbackStatusChange.create(item=item, status="received", at=received_at)
        audit.record("feedback.received", actor=actor, obj=item,
                     summary=f"{KINDS[kind]} received by {CHANNELS[channel].lower()}")
    return item


def counts_by_kind():
    query = (FeedbackItem.select(FeedbackItem.kind, fn.COUNT(FeedbackItem.id).alias("n"))
             .group_by(FeedbackItem.kind))
    return {row.kind: row.n for row in query}
