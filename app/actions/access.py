"""Who may see and change which root-cause action. Every action page goes through here.

- administrators and complaints officers: every action, and they change them;
- service leads: the actions of their own services (UserService), which they change;
- analysts: read every action;
- anyone else: no action pages (403 from `roles_required`).

An action the user may not see answers 404 (never 403), so its existence is not revealed.
"""
from flask import abort
from flask_login import current_user
from peewee import SQL

from app.actions.models import Action
from app.auth.models import User, UserService
from app.auth.roles import ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER, SERVICE_LEAD
from app.org.models import ServiceArea

ALL_SERVICES_ROLES = (ADMINISTRATOR, COMPLAINTS_OFFICER)
CHANGE_ROLES = ALL_SERVICES_ROLES + (SERVICE_LEAD,)
VIEW_ROLES = CHANGE_ROLES + (ANALYST,)


def _role(user):
    signed_in = user is not None and getattr(user, "is_authenticated", False) and getattr(user, "active", False)
    return user.role if signed_in else None


def _own_services(user):
    return UserService.select(UserService.service).where(UserService.user == user.id)


def visible_actions(user, query=None):
    """`query` (default: every action) narrowed to the actions `user` may see."""
    query = Action.select() if query is None else query
    role = _role(user)
    if role in ALL_SERVICES_ROLES or role == ANALYST:
        return query
    if role == SERVICE_LEAD:
        return query.where(Action.service.in_(_own_services(user)))
    return query.where(SQL("1 = 0"))


def can_view(user, action):
    role = _role(user)
    if action is None or role is None:
        return False
    if role in ALL_SERVICES_ROLES or role == ANALYST:
        return True
    return role == SERVICE_LEAD and action.service_id is not None and action.service_id in user.service_ids()


def can_change(user, action):
    return _role(user) in CHANGE_ROLES and can_view(user, action)


def may_create(user):
    return _role(user) in CHANGE_ROLES


def services_for(user):
    """The services `user` may put an action in (every service for officers)."""
    role = _role(user)
    query = ServiceArea.ordered()
    if role in ALL_SERVICES_ROLES:
        return list(query)
    if role == SERVICE_LEAD:
        own = user.service_ids()
        return [service for service in query if service.id in own]
    return []


def readable_services(user):
    """The services whose actions `user` may read: None for every service."""
    role = _role(user)
    if role in ALL_SERVICES_ROLES or role == ANALYST:
        return None
    return [service for service in ServiceArea.ordered() if service.id in user.service_ids()]


def may_own(user, service_id):
    """Whether `user` may own an action of `service_id`: active staff who may change it."""
    role = _role(user)
    if role in ALL_SERVICES_ROLES:
        return True
    return role == SERVICE_LEAD and service_id is not None and service_id in user.service_ids()


def possible_owners():
    """Active staff who could own an action of some service, by name."""
    return list(User.select().where((User.active == True) & User.role.in_(list(CHANGE_ROLES)))  # noqa: E712
                .order_by(User.name, User.id))


def action_or_404(action_id, user=None, change=False):
    """The action if the signed-in user may see it, else 404; with `change`, 403 for a reader
    (an analyst) who may see it but not change it."""
    user = current_user if user is None else user
    action = Action.get_or_none(Action.id == action_id)
    if action is None or not can_view(user, action):
        abort(404)
    if change and not can_change(user, action):
        abort(403)
    return action
