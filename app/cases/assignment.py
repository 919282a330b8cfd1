"""Who handles a case, and triage: assigning by hand or round-robin within the service team,
moving a case to another service, marking it urgent. One case or many (bulk triage).

The service team is the active complaints officers linked to the case's service
(UserService). Round-robin remembers, per service, who was given the last case
(AssignmentCursor) and gives the next one to the next officer by id, wrapping round; the
cursor moves by compare-and-set, so two officers triaging at once never hand out the same
turn twice. Every change is one timeline event and one audit entry per case, in one
transaction for the whole batch.
"""
from dataclasses import dataclass, field

from app.audit import services as audit
from app.auth.models import User, UserService
from app.auth.roles import COMPLAINTS_OFFICER
from app.cases import access, timeline
from app.cases.models import AssignmentCursor, Case
from app.cases.rules import CaseError, now
from app.queue import transaction

CURSOR_ATTEMPTS = 5


class AssignmentError(CaseError):
    """Assignment refused: `str(error)` is a sentence for the officer."""


@dataclass
class BulkResult:
    changed: list = field(default_factory=list)  # references changed
    skipped: list = field(default_factory=list)  # (reference, reason)


def can_be_assigned(user):
    return user is not None and user.active and user.role in access.CHANGE_ROLES


def team(service_id):
    """The service's team: active complaints officers linked to it, by id."""
    return list(User.select().join(UserService, on=(UserService.user == User.id))
                .where((UserService.service == service_id) & (User.active == True)  # noqa: E712
                       & (User.role == COMPLAINTS_OFFICER))
                .order_by(User.id).distinct())


def _require_open(case):
    if case.status != "open":
        raise AssignmentError(f"{case.reference} is {case.status_label.lower()}. Reopen it first.")


def _assign(case, user, *, actor, at, how=""):
    if case.assigned_to_id == (user.id if user else None):
        return False
    case.assigned_to = user
    case.save(only=[Case.assigned_to])
    words = f"Assigned to {user.name}{how}" if user else "Unassigned"
    timeline.add(case, "assigned", words, actor=actor, at=at)
    audit.record("case.assigned", actor=actor, obj=case, summary=f"{case.reference}: {words}",
                 details={"assignee_id": user.id if user else None, "round_robin": bool(how)})
    return True


def assign(case, user, *, actor=None, at=None):
    """Give `case` to `user` (None: nobody). Returns True when it changed anything."""
    if user is not None and not can_be_assigned(user):
        raise AssignmentError("Cases can only be assigned to active complaints officers and administrators")
    _require_open(case)
    with transaction():
        return _assign(case, user, actor=actor, at=now(at))


def next_in_team(service_id, at=None):
    """The team member whose turn it is in `service_id`, moving the cursor on to them."""
    members = [u.id for u in team(service_id)]
    if not members:
        raise AssignmentError("No active complaints officers are linked to this service")
    for _ in range(CURSOR_ATTEMPTS):
        AssignmentCursor.insert(service=service_id, last_user_id=None, updated_at=now(at)) \
            .on_conflict_ignore().execute()
        cursor = AssignmentCursor.get(AssignmentCursor.service == service_id)
        last = cursor.last_user_id
        turn = next((m for m in members if last is None or m > last), members[0])
        unchanged = (AssignmentCursor.last_user_id.is_null() if last is None
                     else AssignmentCursor.last_user_id == last)
        moved = (AssignmentCursor.update(last_user_id=turn, updated_at=now(at))
                 .where((AssignmentCursor.id == cursor.id) & unchanged).execute())
        if moved:
            return User.get_by_id(turn)
    raise AssignmentError("Other officers are assigning cases at the same moment. Try again.")


def round_robin(case, *, actor=None, at=None):
    """Give `case` to the next officer in its service's team; returns that officer."""
    _require_open(case)
    if case.service_id is None:
        raise AssignmentError(f"{case.reference} has no service, so it has no team to share it")
    with transaction():
        user = next_in_team(case.service_id, at)
        _assign(case, user, actor=actor, at=now(at), how=" (round-robin)")
    return user


def set_service(case, service, *, actor=None, at=None):
    """Move `case` to `service` (a ServiceArea). Returns True when it changed anything."""
    _require_open(case)
    if case.service_id == service.id:
        return False
    with transaction():
        case.service = service
        case.save(only=[Case.service])
        timeline.add(case, "service_changed", f"Moved to {service.name}", actor=actor, at=now(at))
        audit.record("case.service_changed", actor=actor, obj=case,
                     summary=f"{case.reference} moved to {service.name}", details={"service_id": service.id})
    return True


def set_urgent(case, urgent, *, actor=None, at=None):
    """Mark `case` urgent (or not). Returns True when it changed anything."""
    _require_open(case)
    if case.urgent == bool(urgent):
        return False
    words = "Marked as urgent" if urgent else "Marked as not urgent"
    with transaction():
        case.urgent = bool(urgent)
        case.save(only=[Case.urgent])
        timeline.add(case, "urgency", words, actor=actor, at=now(at))
        audit.record("case.urgency_changed", actor=actor, obj=case, summary=f"{case.reference}: {words}",
                     details={"urgent": bool(urgent)})
    return True


def bulk(cases, action, *, actor=None, at=None, user=None, service=None):
    """Apply one triage `action` ("assign", "round_robin", "set_service", "urgent",
    "not_urgent") to each of `cases` in one transaction. A case the action cannot apply to
    (closed, no team, …) is skipped with the reason; the others still change."""
    result = BulkResult()
    steps = {
        "assign": lambda case: assign(case, user, actor=actor, at=at),
        "round_robin": lambda case: round_robin(case, actor=actor, at=at),
        "set_service": lambda case: set_service(case, service, actor=actor, at=at),
        "urgent": lambda case: set_urgent(case, True, actor=actor, at=at),
        "not_urgent": lambda case: set_urgent(case, False, actor=actor, at=at),
    }
    if action not in steps:
        raise ValueError(f"unknown triage action {action!r}")
    with transaction():
        for case in cases:
            try:
                steps[action](case)
            except CaseError as error:
                result.skipped.append((case.reference, str(error)))
            else:
                result.changed.append(case.reference)
    return result
