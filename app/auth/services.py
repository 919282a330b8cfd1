"""Staff accounts: creating, finding, administering. Signing in lives in app.auth.signin (its
steps) and app.auth.sessions; changing a password or second factor in app.auth.credentials."""
from peewee import IntegrityError, fn

from app.audit import services as audit
from app.audit.models import AuditEvent
from app.auth.models import User, UserService
from app.auth.passwords import hash_password, one_time_password
from app.auth.roles import ADMINISTRATOR, ROLES, SERVICE_LEAD
from app.db import db, is_postgres
from app.org.models import ServiceArea

SERVICES_NEEDED = "Select the services this service lead is responsible for"
DUPLICATE_EMAIL = "There is already an account with this email address"
LAST_ADMINISTRATOR = "There must always be at least one active administrator"


class AccountError(ValueError):
    """A change to an account was refused; `field` names the form field it is about."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class DuplicateEmail(AccountError):
    pass


def normalise_email(email):
    return (email or "").strip().lower()


def create_user(email, name, role, password=None, services=(), *, actor=None,
                must_change_password=False, is_demo=False):
    """Create a staff account; returns (user, password). With no password a
    one-time password is generated and must be changed at first sign-in."""
    email = normalise_email(email)
    if "@" not in email:
        raise AccountError("Enter an email address in the correct format, like name@example.gov.uk")
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}")
    if User.get_or_none(User.email == email) is not None:
        raise DuplicateEmail(DUPLICATE_EMAIL, field="email")
    if password is None:
        password, must_change_password = one_time_password(), True
    password_hash = hash_password(password)  # slow: outside the transaction
    try:
        with db.atomic():
            user = User.create(email=email, name=name.strip() or email, role=role,
                               password_hash=password_hash,
                               must_change_password=must_change_password, is_demo=is_demo)
            for service in services:
                UserService.create(user=user, service=service)
            audit.record("staff.created", actor=actor, obj=user,
                         summary=f"{ROLES[role]} account created")
    except IntegrityError:
        if find_by_email(email) is None:
            raise
        raise DuplicateEmail(DUPLICATE_EMAIL, field="email") from None  # lost a race
    return user, password


def find_by_email(email):
    return User.get_or_none(User.email == normalise_email(email))


# Administration: the staff list, access, deactivation, password resets.
# The acting administrator is passed in; every change writes one audit entry.

def staff_list():
    """All staff, active first, each with `.service_names` (a list) attached."""
    users = list(User.select().order_by(User.active.desc(), fn.LOWER(User.name), User.id))
    names = service_names_by_user(users)
    for user in users:
        user.service_names = names.get(user.id, [])
    return users


def service_names_by_user(users):
    rows = (UserService.select(UserService.user, ServiceArea.name).join(ServiceArea)
            .where(UserService.user.in_([u.id for u in users] or [0]))
            .order_by(ServiceArea.position, ServiceArea.name))
    names = {}
    for row in rows:
        names.setdefault(row.user_id, []).append(row.service.name)
    return names


def _lock_administrators():
    """On PostgreSQL, make concurrent changes to administrators take turns. (SQLite
    has one writer at a time, and every change below writes before it checks.)"""
    if is_postgres():
        list(User.select(User.id).where(User.role == ADMINISTRATOR).order_by(User.id).for_update())


def _check_an_administrator_remains():
    """Called after the write, inside the transaction: raising rolls it back."""
    if not User.select().where(User.role == ADMINISTRATOR, User.active == True).exists():  # noqa: E712
        raise AccountError(LAST_ADMINISTRATOR)


def _is(actor, user):
    return actor is not None and actor.id == user.id


def update_access(user, role, service_ids, *, actor):
    """Set `user`'s role and services. Returns True when something changed."""
    if role not in ROLES:
        raise AccountError("Select a role", field="role")
    service_ids = sorted({int(i) for i in service_ids})
    if role == SERVICE_LEAD and not service_ids:
        raise AccountError(SERVICES_NEEDED, field="services")
    if _is(actor, user) and user.role == ADMINISTRATOR and role != ADMINISTRATOR:
        raise AccountError("You cannot remove your own administrator role", field="role")
    with db.atomic():
        _lock_administrators()
        current = User.get_by_id(user.id)
        before_ids = sorted(current.service_ids())
        if current.role == role and before_ids == service_ids:
            return False
        User.update(role=role).where(User.id == user.id).execute()
        if current.role == ADMINISTRATOR and role != ADMINISTRATOR:
            try:
                _check_an_administrator_remains()
            except AccountError as refused:
                refused.field = "role"
                raise
        UserService.delete().where(UserService.user == user.id).execute()
        if service_ids:
            UserService.insert_many([{"user": user.id, "service": i} for i in service_ids]).execute()
        after = service_names_by_user([current]).get(current.id, [])
        audit.record("staff.access_changed", actor=actor, obj=current,
                     summary=f"Role {ROLES.get(current.role, current.role)} → {ROLES[role]}; "
                             f"services: {', '.join(after) or 'none'}",
                     details={"role": [current.role, role], "services": [before_ids, service_ids]})
    user.role = role
    return True


def deactivate(user, *, actor):
    """Stop `user` signing in and end every session they have. True when it changed."""
    from app.auth.sessions import end_all

    if _is(actor, user):
        raise AccountError("You cannot deactivate your own account")
    with db.atomic():
        _lock_administrators()
        changed = (User.update(active=False)
                   .where(User.id == user.id, User.active == True).execute())  # noqa: E712
        if not changed:
            return False
        if User.get_by_id(user.id).role == ADMINISTRATOR:
            _check_an_administrator_remains()
        end_all(user)
        audit.record("staff.deactivated", actor=actor, obj=user,
                     summary="Account deactivated; all sessions ended")
    user.active = False
    return True


def reactivate(user, *, actor):
    with db.atomic():
        changed = (User.update(active=True)
                   .where(User.id == user.id, User.active == False).execute())  # noqa: E712
        if changed:
            audit.record("staff.reactivated", actor=actor, obj=user, summary="Account reactivated")
    user.active = True
    return bool(changed)


def reset_password(user, *, actor):
    """Give `user` a new one-time password (returned, never stored or logged) and
    end their sessions. They must change it when they next sign in."""
    from app.auth.credentials import remember_password
    from app.auth.sessions import end_all

    if _is(actor, user):
        raise AccountError("You cannot reset your own password here. Use ‘Change your password’.")
    password = one_time_password()
    password_hash = hash_password(password)
    with db.atomic():
        remember_password(user, User.get_by_id(user.id).password_hash)  # not to be chosen again
        User.update(password_hash=password_hash, must_change_password=True).where(
            User.id == user.id).execute()
        end_all(user)
        audit.record("staff.password_reset", actor=actor, obj=user,
                     summary="One-time password issued; all sessions ended")
    user.must_change_password = True
    return password


def audit_actions():
    """Every action name in the audit log, for the filter."""
    query = AuditEvent.select(AuditEvent.action).distinct().order_by(AuditEvent.action)
    return [row.action for row in query]


def audit_events(action=None, limit=200):
    return audit.recent(limit, **({"action": action} if action else {}))
