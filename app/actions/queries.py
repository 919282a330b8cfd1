"""What the action pages read: the list (filtered by service, status and owner), the overdue
queue, and everything about one action (its cases, themes and change history)."""
from dataclasses import dataclass

from peewee import JOIN

from app.actions import access
from app.actions.models import OPEN_STATUSES, STATUSES, Action, ActionTheme
from app.cases.clocks import london_today  # noqa: F401  (the actions pages' "today")
from app.audit.models import AuditEvent
from app.auth.models import User
from app.learning.models import Topic
from app.org.models import ServiceArea

PAGE_SIZE = 50


@dataclass(frozen=True)
class ListFilters:
    service: int = None
    status: str = ""  # a STATUSES key, "open", or "" for all
    owner: int = None

    @classmethod
    def from_args(cls, args):
        """Filters from a query string; anything that is not a known value is ignored."""
        status = args.get("status", "")
        return cls(service=_id(args.get("service")), owner=_id(args.get("owner")),
                   status=status if status in STATUSES or status == "open" else "")

    def as_args(self):
        return {k: v for k, v in (("service", self.service), ("status", self.status), ("owner", self.owner)) if v}


def _id(value):
    text = str(value or "").strip()
    return int(text) if text.isdigit() and 0 < int(text) < 2 ** 31 else None


def _base(user):
    return (access.visible_actions(user, Action.select(Action, ServiceArea, User)
                                   .join(ServiceArea, on=(Action.service == ServiceArea.id), join_type=JOIN.LEFT_OUTER)
                                   .switch(Action).join(User, on=(Action.owner == User.id), join_type=JOIN.LEFT_OUTER)))


def actions(user, filters, page=1):
    """(actions on this page, how many in all) for the list, soonest due first."""
    query = _base(user)
    if filters.service:
        query = query.where(Action.service == filters.service)
    if filters.owner:
        query = query.where(Action.owner == filters.owner)
    if filters.status == "open":
        query = query.where(Action.status.in_(list(OPEN_STATUSES)))
    elif filters.status:
        query = query.where(Action.status == filters.status)
    total = query.count()
    rows = (query.order_by(Action.due_on.is_null(), Action.due_on, Action.id.desc())
            .paginate(page, PAGE_SIZE))
    return list(rows), total


def overdue_condition(today):
    return Action.status.in_(list(OPEN_STATUSES)) & Action.due_on.is_null(False) & (Action.due_on < today)


def overdue(user, today=None):
    """Open actions `user` may see that are past their due date (Europe/London today)."""
    today = today or london_today()
    return list(_base(user).where(overdue_condition(today)).order_by(Action.due_on, Action.id))


def overdue_count(user, today=None):
    return access.visible_actions(user).where(overdue_condition(today or london_today())).count()


def owners_in_use(user):
    """The owners of the actions `user` may see, for the list's owner filter."""
    ids = access.visible_actions(user, Action.select(Action.owner).distinct()).where(Action.owner.is_null(False))
    return list(User.select().where(User.id.in_(ids)).order_by(User.name))


@dataclass(frozen=True)
class LinkedCase:
    case_id: int
    reference: str
    status: str
    may_open: bool


def linked_cases(action, user):
    """The cases the action came from, with whether `user` may open each case's page."""
    from app.cases import access as case_access
    from app.cases.models import Case, CaseActionLink

    cases = (Case.select().join(CaseActionLink).where(CaseActionLink.action == action)
             .order_by(Case.received_at.desc(), Case.id))
    return [LinkedCase(case.id, case.reference, case.status_label, case_access.can_view(user, case))
            for case in cases]


def themes(action):
    return list(ActionTheme.select(ActionTheme, Topic).join(Topic)
                .where(ActionTheme.action == action).order_by(Topic.name, ActionTheme.period_start))


def history(action):
    """The action's audit entries, oldest first."""
    return list(AuditEvent.select().where((AuditEvent.object_type == Action._meta.table_name)
                                          & (AuditEvent.object_id == str(action.id)))
                .order_by(AuditEvent.at, AuditEvent.id))


def theme_topics():
    """The council's active themes, for choosing one."""
    return list(Topic.select().where((Topic.kind == "theme") & (Topic.active == True))  # noqa: E712
                .order_by(Topic.position, Topic.name))
