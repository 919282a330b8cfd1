"""First contact resolution as recorded at intake, and repeat contacts (app.contacts): read from
the feedback items themselves, so a contact counts on the dashboard as soon as it is recorded.

- fcr_recorded: of contacts received in the period whose resolution was recorded (assisted
  capture asks "Was it resolved on this contact?"), the percentage recorded as resolved and not
  followed by a repeat (another contact linked to it as `repeat_of`);
- repeat_contacts: contacts received in the period that repeat an earlier one (REPEAT_CONTACT_DAYS).

The same filters as every figure: services, London dates, channel; a touchpoint filter leaves
nothing (contacts come from no touchpoint)."""
from peewee import SQL

from app.feedback.models import FeedbackItem
from app.timefmt import utc_bounds
from reports.queries.figures import Figure, figure, percent


def _where(filters):
    start, end = utc_bounds(filters.start, filters.end)
    parts = [FeedbackItem.received_at >= start, FeedbackItem.received_at < end]
    if filters.services is not None:
        parts.append(FeedbackItem.service.in_(list(filters.services) or [0]))
    if filters.channel:
        parts.append(FeedbackItem.channel == filters.channel)
    if filters.touchpoint:
        parts.append(SQL("1 = 0"))
    return parts


def _fcr_recorded(filters):
    recorded = FeedbackItem.select().where(*_where(filters),
                                           FeedbackItem.first_contact_resolved.is_null(False))
    repeated = FeedbackItem.select(FeedbackItem.repeat_of).where(FeedbackItem.repeat_of.is_null(False))
    total = recorded.count()
    resolved = recorded.where(FeedbackItem.first_contact_resolved == True,  # noqa: E712
                              FeedbackItem.id.not_in(repeated)).count()
    return percent(resolved, total), total


def _repeats(filters):
    n = FeedbackItem.select().where(*_where(filters), FeedbackItem.repeat_of.is_null(False)).count()
    return n, n


def fcr_recorded(filters):
    return figure("fcr_recorded", "percent", _fcr_recorded, filters)


def repeat_contacts(filters):
    now, before = _repeats(filters)[0], _repeats(filters.previous())[0]
    return Figure(key="repeat_contacts", value=now, base=now, previous=before, previous_base=before,
                  unit="count")


def all_figures(filters):
    return [fcr_recorded(filters), repeat_contacts(filters)]
