"""The daily email to each officer: their cases that are overdue or due soon, and the
unassigned ones in their service teams that are.

One email per officer per working day at most: the outbox's idempotency key is
`case-digest:<user id>:<date>`, so running the task twice (or the sweep after a lost
worker) never sends a second one. Nothing is sent to an officer with nothing due, nor on
weekends and bank holidays. The email names cases by reference and deadline only, with a
link to each case page: residents' words stay in Heard.
"""
import datetime
from dataclasses import dataclass

from app.auth.models import User
import app.workdays as workdays
from app.cases import access, clocks
from app.cases.models import Case
from app.cases.queue_queries import midnight
from app.mail.services import queue_email
from app.org.models import ServiceArea

TEMPLATE = "case_digest"
PURPOSE = "case_digest"
SECTIONS = {
    "overdue": "Overdue",
    "due_soon": "Due soon",
    "team_unassigned": "Unassigned in your team: overdue or due soon",
}


@dataclass(frozen=True)
class DigestLine:
    case_id: int
    reference: str
    what: str  # "Acknowledge" / "Respond"
    deadline: str  # "2 working days overdue", "due today", …
    due_on: datetime.date
    service: str


def idempotency_key(user_id, day):
    return f"case-digest:{user_id}:{day.isoformat()}"


def recipients(day=None):
    """Ids of the active staff who handle cases (complaints officers and administrators);
    none on a day that is not a working day."""
    day = day or clocks.today()
    if not workdays.calendar().is_working_day(day):
        return []
    return [row.id for row in User.select(User.id).where(
        (User.active == True) & User.role.in_(list(access.CHANGE_ROLES))).order_by(User.id)]  # noqa: E712


def _due(query, day):
    """Open, unpaused cases whose next deadline is overdue or due soon on `day`, soonest first."""
    until = midnight(clocks.due_soon_until(day))
    return (query.where((Case.status == "open") & (Case.paused == False)  # noqa: E712
                        & Case.next_due_on.is_null(False) & (Case.next_due_on <= until))
            .order_by(Case.next_due_on, Case.id))


def _lines(cases, day):
    services = dict(ServiceArea.select(ServiceArea.id, ServiceArea.name).tuples())
    return [DigestLine(case_id=c.id, reference=c.reference,
                       what=clocks.WHAT.get(c.next_due_what, "Act"),
                       deadline=clocks.describe(c.next_due_on, day), due_on=c.next_due_on.date(),
                       service=services.get(c.service_id, "Service not known")) for c in cases]


def digest_for(user, day=None):
    """{"overdue": [...], "due_soon": [...], "team_unassigned": [...]} of DigestLines."""
    day = day or clocks.today()
    mine = _lines(_due(Case.select().where(Case.assigned_to == user.id), day), day)
    team_ids = sorted(user.service_ids())
    unassigned = _lines(_due(Case.select().where(
        Case.assigned_to.is_null() & Case.service.in_(team_ids or [0])), day), day) if team_ids else []
    return {
        "overdue": [line for line in mine if line.due_on < day],
        "due_soon": [line for line in mine if line.due_on >= day],
        "team_unassigned": unassigned,
    }


def send_digest(user_id, day=None):
    """Queue `user_id`'s digest for `day` (default today); returns the outbox row, or None
    when there is nothing to tell them (or they may no longer handle cases)."""
    day = day or clocks.today()
    user = User.get_or_none(User.id == user_id)
    if user is None or not user.active or user.role not in access.CHANGE_ROLES:
        return None
    if not workdays.calendar().is_working_day(day):
        return None
    sections = digest_for(user, day)
    if not any(sections.values()):
        return None
    context = {"name": user.name, "day": day,
               "sections": [{"heading": SECTIONS[key], "lines": lines}
                            for key, lines in sections.items() if lines],
               "counts": {key: len(lines) for key, lines in sections.items()}}
    return queue_email(user.email, TEMPLATE, context, idempotency_key=idempotency_key(user.id, day),
                       purpose=PURPOSE, related=user)
