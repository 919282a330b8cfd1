"""Signing in, step by step: the password, then (for anyone with two-factor sign-in, and for
every role that must have it) a code from the authenticator app or a recovery code, or setting
the app up when a role that needs it has none yet.

Between the steps the browser's session holds only who passed the password step, when, and a
fingerprint of their password hash and secret (so a password change or a reset in between voids
it); it lasts PENDING_FOR. The staff session (app.auth.sessions) starts only when every step is
done. Every failure, at either step, counts against the same throttles (app.auth.throttle), and
a success is recorded only at the end. Audited: failures, throttling, the second factor used,
recovery codes used; never a password, code or secret.
"""
import hashlib
import hmac
import time

from flask import current_app, session, url_for

from app.audit import services as audit
from app.auth import kept, second_factor, sessions, throttle
from app.auth.models import User
from app.auth.passwords import hash_password, needs_rehash, verify_password
from app.auth.roles import needs_second_factor
from app.auth.services import find_by_email, normalise_email

PENDING_KEY = "staff_sign_in"
PENDING_FOR = 10 * 60  # seconds
WRONG_SIGN_IN = "Enter a correct email address and password"
WRONG_CODE = "The code is not correct. Check your authenticator app and enter the code it shows now"
REUSED_CODE = "That code has already been used. Wait for your app to show a new code, then enter it"
WRONG_RECOVERY_CODE = "The recovery code is not correct, or it has already been used"


class SignInRefused(Exception):
    """A step failed; `wait` (seconds) is set when the answer is 429 Too Many Requests."""

    def __init__(self, message, wait=0):
        super().__init__(message)
        self.wait = wait

    @property
    def throttled(self):
        return self.wait > 0


def _limits():
    return throttle.limits_from(current_app.config["HEARD"])


def _refuse_if_throttled(email, ip, stage):
    wait = throttle.seconds_to_wait(email, ip, _limits())
    if wait:
        audit.record("staff.sign_in_throttled", summary="Sign-in refused: too many attempts",
                     details={"email": email, "stage": stage, "wait_seconds": wait}, ip=ip)
        raise SignInRefused(f"Too many failed attempts. Wait {throttle.in_words(wait)}, then try again.",
                            wait)


def check_password(email, password, ip):
    """The active user with this email and password, or SignInRefused (the failure recorded)."""
    email = normalise_email(email)
    _refuse_if_throttled(email, ip, "password")
    user = find_by_email(email)
    ok = verify_password(user.password_hash if user else None, password)
    if not (ok and user is not None and user.active):
        throttle.record_attempt(email, ip, False)
        audit.record("staff.sign_in_failed", summary="Sign-in failed", details={"email": email}, ip=ip)
        raise SignInRefused(WRONG_SIGN_IN)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        user.save(only=[User.password_hash])
    return user


def second_step(user):
    """Where `user` goes after the password: "code", "set_up" or None (signed in at once)."""
    if user.has_second_factor:
        return "code"
    return "set_up" if needs_second_factor(user.role) else None


# -- between the steps ------------------------------------------------------------------------

def _fingerprint(user):
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{user.id}:{user.password_hash}:{user.totp_secret}".encode(),
                    hashlib.sha256).hexdigest()[:32]


def hold(user, next_path):
    """The password step passed: remember who, until the second step (or PENDING_FOR)."""
    session.pop(PENDING_KEY, None)
    session[PENDING_KEY] = {"user": user.id, "at": int(time.time()), "check": _fingerprint(user),
                            "next": next_path}


def pending():
    """The user part-way through signing in in this browser, or None."""
    held = session.get(PENDING_KEY)
    if not isinstance(held, dict) or not isinstance(held.get("user"), int):
        return None
    if not isinstance(held.get("at"), int) or time.time() - held["at"] > PENDING_FOR:
        session.pop(PENDING_KEY, None)
        return None
    user = User.get_or_none(User.id == held["user"])
    if user is None or not user.active or not hmac.compare_digest(str(held.get("check")), _fingerprint(user)):
        session.pop(PENDING_KEY, None)
        return None
    return user


def set_up_secret():
    """The secret offered while a user sets up their app during sign-in (kept across reloads)."""
    held = session[PENDING_KEY]
    if not held.get("secret"):
        held["secret"] = second_factor.new_secret()
        session.modified = True
    return held["secret"]


# -- the second step --------------------------------------------------------------------------

def _failed(user, ip, message, stage):
    throttle.record_attempt(user.email, ip, False)
    audit.record("staff.second_factor_failed", actor=user, obj=user, summary="Two-factor code refused",
                 details={"stage": stage}, ip=ip)
    raise SignInRefused(message)


def check_code(user, code, ip):
    """Accept the authenticator app's code (once), or SignInRefused."""
    _refuse_if_throttled(user.email, ip, "code")
    result = second_factor.check_code(user, code)
    if result != second_factor.ACCEPTED:
        _failed(user, ip, REUSED_CODE if result == second_factor.REUSED else WRONG_CODE, "code")


def check_recovery_code(user, code, ip):
    """Use up one of the user's recovery codes, or SignInRefused."""
    _refuse_if_throttled(user.email, ip, "recovery code")
    if not second_factor.use_recovery_code(user, code):
        _failed(user, ip, WRONG_RECOVERY_CODE, "recovery code")
    left = second_factor.recovery_codes_left(user)
    audit.record("staff.recovery_code_used", actor=user, obj=user, ip=ip, details={"left": left},
                 summary=f"Signed in with a recovery code; {left} left")
    return left


def finish(user, ip, how, next_path=None):
    """Every step is done: record the success, start the session. Returns where to go: the page
    of a form kept while they signed in again, the page they asked for (`next_path`, or the one
    held since the password step), or the staff home."""
    held = session.get(PENDING_KEY) or {}
    if held.get("user") == user.id:
        next_path = held.get("next") or next_path
    kept_token = session.get(kept.SESSION_KEY)
    throttle.record_attempt(user.email, ip, True)
    audit.record("staff.signed_in", actor=user, obj=user, ip=ip, details={"second_factor": how})
    sessions.start(user, ip)
    return kept.claim(user, kept_token) or next_path or url_for("staff.home")
