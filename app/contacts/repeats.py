"""Repeat contact: a *contact* is a complaint, comment or service request from a known resident
(not anonymous) about a service. A contact received within REPEAT_CONTACT_DAYS of the same
resident's last contact about the same service is a repeat of it (`FeedbackItem.repeat_of`), made
at intake for every channel, in the intake's transaction (app.feedback.services.record_feedback).
A contact followed by a repeat was not resolved first time, whatever was recorded when it came in."""
import datetime

from app.feedback.models import FeedbackItem
from app.queue import bound_settings

CONTACT_KINDS = ("complaint", "comment", "service_request")
DEFAULT_DAYS = 14


def window_days():
    """REPEAT_CONTACT_DAYS of the app in use (the default outside one, e.g. a bare script)."""
    settings = bound_settings()
    return settings.repeat_contact_days if settings is not None else DEFAULT_DAYS


def is_contact(kind, person_id, service_id, anonymous=False):
    return kind in CONTACT_KINDS and bool(person_id) and bool(service_id) and not anonymous


def _earlier(person_id, service_id, before, days, exclude=None):
    """The same resident's contacts about the service in the `days` before `before`, newest first."""
    query = FeedbackItem.select(FeedbackItem.id, FeedbackItem.received_at).where(
        FeedbackItem.person == person_id, FeedbackItem.service == service_id,
        FeedbackItem.kind.in_(CONTACT_KINDS), FeedbackItem.anonymous == False,  # noqa: E712
        FeedbackItem.received_at >= before - datetime.timedelta(days=days),
        FeedbackItem.received_at <= before)
    if exclude is not None:
        query = query.where(FeedbackItem.id != exclude)
    return query.order_by(FeedbackItem.received_at.desc(), FeedbackItem.id.desc())


def repeated(kind, person, service, received_at, anonymous=False):
    """The contact a new one (not yet recorded) repeats: the same resident's latest contact about
    the same service within the window before `received_at`, or None."""
    person_id, service_id = getattr(person, "id", person), getattr(service, "id", service)
    if not is_contact(kind, person_id, service_id, anonymous):
        return None
    return _earlier(person_id, service_id, received_at, window_days()).first()


def contact_number(person_id, service_id, now, days=None):
    """Which contact about this service, in the window, a new one from this resident would be
    (1 for the first), and the window's days."""
    days = days or window_days()
    if not person_id or not service_id:
        return 1, days
    return _earlier(person_id, service_id, now, days).count() + 1, days


def ordinal(n):
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
