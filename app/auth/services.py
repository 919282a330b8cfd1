"""Staff accounts: creating, finding, changing. Sign-in lives in auth.sessions."""
from app.audit import services as audit
from app.auth.models import User, UserService
from app.auth.passwords import hash_password, one_time_password
from app.auth.roles import ROLES
from app.db import db


class AccountError(ValueError):
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
        raise AccountError(f"There is already an account for {email}")
    if password is None:
        password, must_change_password = one_time_password(), True
    with db.atomic():
        user = User.create(email=email, name=name.strip() or email, role=role,
                           password_hash=hash_password(password),
                           must_change_password=must_change_password, is_demo=is_demo)
        for service in services:
            UserService.create(user=user, service=service)
        audit.record("staff.created", actor=actor, obj=user,
                     summary=f"{ROLES[role]} account created")
    return user, password


def find_by_email(email):
    return User.get_or_none(User.email == normalise_email(email))


class SignInRefused(Exception):
    """Sign-in failed; `throttled` says whether to answer 429."""

    def __init__(self, message, throttled=False):
        super().__init__(message)
        self.throttled = throttled


def authenticate(email, password, ip, limits):
    """The active user for these credentials, or SignInRefused. Records the attempt
    and the audit entry; the caller starts the session."""
    from app.auth import throttle
    from app.auth.passwords import needs_rehash, verify_password

    email = normalise_email(email)
    if throttle.is_throttled(email, ip, limits):
        audit.record("staff.sign_in_throttled", summary="Sign-in refused: too many attempts",
                     details={"email": email}, ip=ip)
        raise SignInRefused("Too many failed attempts. Wait 15 minutes, then try again.",
                            throttled=True)
    user = find_by_email(email)
    ok = verify_password(user.password_hash if user else None, password)
    ok = ok and user is not None and user.active
    throttle.record_attempt(email, ip, ok)
    if not ok:
        audit.record("staff.sign_in_failed", summary="Sign-in failed", details={"email": email}, ip=ip)
        raise SignInRefused("Enter a correct email address and password")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        user.save(only=[User.password_hash])
    audit.record("staff.signed_in", actor=user, obj=user, ip=ip)
    return user


def change_password(user, current, new):
    """Change `user`'s password; returns an error message or None."""
    from app.auth.passwords import password_problem, verify_password

    if not verify_password(user.password_hash, current):
        return "Your current password is not correct"
    problem = password_problem(new)
    if problem:
        return problem
    if new == current:
        return "Your new password must be different from your current one"
    user.password_hash = hash_password(new)
    user.must_change_password = False
    user.save(only=[User.password_hash, User.must_change_password])
    audit.record("staff.password_changed", actor=user, obj=user)
    return None
