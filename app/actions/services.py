"""Writing actions: create, edit, change status, link and unlink cases, add and remove themes.

Each change happens in one transaction with its audit entry, which names what changed (field
names, statuses, dates, case references) and never anyone's words. The rules:

- an action needs a title and a service, and its owner must be active staff who may work on
  that service's actions (app.actions.access.may_own);
- a due date is a real date (the form turns day, month and year into one);
- dropped needs a reason; done records when (done_at), and reopening a done action clears it;
- a service lead works only on their own services' actions.
"""
import datetime

from app.actions import access
from app.actions.models import STATUSES, Action, ActionTheme
from app.audit import services as audit
from app.auth.models import User
from app.db import utcnow
from app.learning.models import Topic
from app.org.models import ServiceArea
from app.queue import transaction

FIELDS = {"title": "title", "description": "description", "service": "service", "owner": "owner",
          "due_on": "due date", "public_summary": "public summary", "owner_note": "owner's note"}
TEXT_LIMITS = {"title": 200, "description": 10000, "public_summary": 2000, "owner_note": 5000}


class ActionError(ValueError):
    """A change refused, with the form field it is about (or None)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def title_from(text):
    first = text.strip().splitlines()[0].strip()
    return first if len(first) <= 200 else first[:197].rstrip() + "..."


def _clean(values, actor):
    """The checked values of an action's fields (ids resolved to rows); ActionError if not."""
    values = dict(values)
    for name, limit in TEXT_LIMITS.items():
        if name in values:
            values[name] = (values[name] or "").strip()
            if len(values[name]) > limit:
                raise ActionError(f"The {FIELDS[name]} must be {limit} characters or fewer", field=name)
    if "title" in values and not values["title"]:
        raise ActionError("Enter a title for the action", field="title")
    if "service" in values:
        service = ServiceArea.get_or_none(ServiceArea.id == values["service"]) if values["service"] else None
        if service is None:
            raise ActionError("Choose the service the action belongs to", field="service")
        if service.id not in {s.id for s in access.services_for(actor)}:
            raise ActionError("Choose one of your services", field="service")
        values["service"] = service
    if values.get("owner"):
        owner = User.get_or_none(User.id == values["owner"])
        service_id = values["service"].id if "service" in values else None
        if owner is None or not access.may_own(owner, service_id):
            raise ActionError("Choose an owner who works on this service's actions", field="owner")
        values["owner"] = owner
    elif "owner" in values:
        values["owner"] = None
    if values.get("due_on") is not None and not isinstance(values["due_on"], datetime.date):
        raise ActionError("The due date must be a real date", field="due_on")
    return values


def create(*, actor, case_ids=(), theme=None, at=None, **fields):
    """A new proposed action; `fields` are title, description, service (id), owner (id),
    due_on, public_summary. `case_ids` are cases to link (those `actor` may not see are left
    out); `theme` is (topic id, first day, last day) or None."""
    if not access.may_create(actor):
        raise ActionError("You cannot create actions")
    values = _clean(fields, actor)
    at = at or utcnow()
    with transaction():
        action = Action.create(status="proposed", created_by=actor, created_at=at, updated_at=at, **values)
        linked = [_link(action, case, at) for case in _visible_cases(actor, case_ids)]
        themes = [_theme(action, *theme).topic.key] if theme else []
        audit.record("action.created", actor=actor, obj=action, summary=f"Action {action.id} created",
                     details={"service": action.service_id, "owner": action.owner_id,
                              "due_on": action.due_on, "cases": [c.reference for c in linked],
                              "themes": themes})
    return action


def edit(action, *, actor, at=None, **fields):
    """Change an action's fields (those given); returns the names that changed."""
    fields.setdefault("service", action.service_id)
    values = _clean(fields, actor)
    changed = [name for name, value in values.items()
               if getattr(action, name + "_id" if name in ("service", "owner") else name)
               != (value.id if hasattr(value, "id") else value)]
    if not changed:
        return []
    with transaction():
        for name in changed:
            setattr(action, name, values[name])
        action.updated_at = at or utcnow()
        action.save()
        audit.record("action.edited", actor=actor, obj=action,
                     summary=f"Action {action.id}: changed the {_words(changed)}",
                     details={"changed": changed, "service": action.service_id, "owner": action.owner_id,
                              "due_on": action.due_on})
    return changed


def _words(names):
    words = [FIELDS[name] for name in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def change_status(action, status, *, actor, reason="", owner_note=None, at=None):
    """Move the action to `status`. Dropped needs `reason`; done records done_at (and keeps
    the owner's note, if given); leaving done clears done_at, leaving dropped its reason."""
    if status not in STATUSES:
        raise ActionError("Choose the action's status", field="status")
    reason = (reason or "").strip()
    if status == "dropped" and not reason:
        raise ActionError("Enter why the action was dropped", field="dropped_reason")
    if len(reason) > 2000:
        raise ActionError("The reason must be 2000 characters or fewer", field="dropped_reason")
    if owner_note is not None:
        owner_note = _clean({"owner_note": owner_note}, actor)["owner_note"]
    before, at = action.status, at or utcnow()
    if status == before and status != "dropped" and (owner_note is None or owner_note == action.owner_note):
        raise ActionError(f"The action is already {STATUSES[status].lower()}", field="status")
    with transaction():
        action.status = status
        action.dropped_reason = reason if status == "dropped" else ""
        if status == "done" and before != "done":
            action.done_at = at
        elif status != "done":
            action.done_at = None
        if owner_note is not None:
            action.owner_note = owner_note
        action.updated_at = at
        action.save()
        audit.record("action.status_changed", actor=actor, obj=action,
                     summary=f"Action {action.id}: {STATUSES[before]} to {STATUSES[status]}",
                     details={"from": before, "to": status, "done_at": action.done_at})
    return action


def _visible_cases(actor, case_ids):
    from app.cases import access as case_access
    from app.cases.models import Case

    ids = sorted({int(i) for i in case_ids if str(i).isdigit() and 0 < int(i) < 2 ** 31})
    cases = Case.select().where(Case.id.in_(ids)).order_by(Case.id) if ids else []
    return [case for case in cases if case_access.can_view(actor, case)]


def _link(action, case, at):
    from app.cases.models import CaseActionLink

    CaseActionLink.insert(case=case, action=action, description="", created_at=at).on_conflict_ignore().execute()
    return case


def link_case(action, reference, *, actor, at=None):
    """Link the case with `reference` (one `actor` may see) to the action."""
    from app.cases import access as case_access
    from app.cases.models import Case, CaseActionLink

    case = Case.get_or_none(Case.reference == (reference or "").strip().upper())
    if case is None or not case_access.can_view(actor, case):
        raise ActionError("Enter the reference of a case you can see, like HRD-2026-000123", field="reference")
    if CaseActionLink.select().where(CaseActionLink.case == case, CaseActionLink.action == action).exists():
        raise ActionError(f"Case {case.reference} is already linked to this action", field="reference")
    with transaction():
        _link(action, case, at or utcnow())
        audit.record("action.case_linked", actor=actor, obj=action,
                     summary=f"Action {action.id}: case {case.reference} linked", details={"case": case.id})
    return case


def unlink_case(action, case_id, *, actor):
    from app.cases.models import Case, CaseActionLink

    link = (CaseActionLink.select(CaseActionLink, Case).join(Case)
            .where(CaseActionLink.action == action, CaseActionLink.case == case_id).first())
    if link is None:
        raise ActionError("That case is not linked to this action")
    with transaction():
        link.delete_instance()
        audit.record("action.case_unlinked", actor=actor, obj=action,
                     summary=f"Action {action.id}: case {link.case.reference} unlinked",
                     details={"case": link.case_id})


def _theme(action, topic_id, start, end):
    topic = Topic.get_or_none((Topic.id == topic_id) & (Topic.kind == "theme"))
    if topic is None:
        raise ActionError("Choose a theme", field="topic")
    if not isinstance(start, datetime.date) or not isinstance(end, datetime.date):
        raise ActionError("Enter the period's first and last days as real dates", field="period_start")
    if end < start:
        raise ActionError("The period must end on or after its first day", field="period_end")
    return ActionTheme.create(action=action, topic=topic, period_start=start, period_end=end)


def add_theme(action, topic_id, start, end, *, actor):
    """Link a feedback theme (a topic over a period, first and last day) to the action."""
    with transaction():
        theme = _theme(action, topic_id, start, end)
        audit.record("action.theme_added", actor=actor, obj=action,
                     summary=f"Action {action.id}: theme {theme.topic.name} ({start} to {end}) added",
                     details={"topic": theme.topic.key, "start": start, "end": end})
    return theme


def remove_theme(action, theme_id, *, actor):
    theme = ActionTheme.get_or_none((ActionTheme.id == theme_id) & (ActionTheme.action == action))
    if theme is None:
        raise ActionError("That theme is not linked to this action")
    with transaction():
        theme.delete_instance()
        audit.record("action.theme_removed", actor=actor, obj=action,
                     summary=f"Action {action.id}: theme {theme.topic.name} removed",
                     details={"topic": theme.topic.key})


def propose_from_case(case, text, *, actor=None, at=None):
    """A follow-up typed at a case's closing: a proposed action of the case's service, linked to
    the case (its link keeps the words typed)."""
    from app.cases.models import CaseActionLink

    at = at or utcnow()
    with transaction():
        action = Action.create(title=title_from(text), description=text.strip(), service=case.service_id,
                               status="proposed", created_at=at, updated_at=at, created_by=actor,
                               is_demo=case.is_demo)
        CaseActionLink.create(case=case, action=action, description=text.strip(), created_at=at)
        audit.record("action.proposed", actor=actor, obj=action, summary=f"Action proposed from case {case.reference}",
                     details={"case": case.id})
    return action
