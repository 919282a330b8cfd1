"""Changing what a member of staff signs in with: their password, their authenticator app,
their recovery codes, and an administrator's reset of the second factor.

Every change ends the user's other sessions (this browser's session, where there is one, stays
signed in with a renewed token) and writes one audit entry, which never holds a password, code
or secret. Passwords are checked against the common-password list and cannot go back to the
current one or any of the last PASSWORD_HISTORY (their Argon2id hashes are kept).
"""
from app.audit import services as audit
from app.auth import second_factor, sessions, throttle
from app.auth.models import PasswordHistory, User
from app.auth.passwords import hash_password, password_problem, verify_password
from app.auth.roles import needs_second_factor
from app.auth.services import AccountError
from app.db import db

PASSWORD_HISTORY = 5
WRONG_CURRENT = "Your current password is not correct"
REUSED = (f"Choose a password you have not used before. It must be different from your last "
          f"{PASSWORD_HISTORY} passwords")


def _ended(count):
    return f"{count} other session{'s' if count != 1 else ''} ended"


def confirm_password(user, password, ip, limits, field="password"):
    """Check a signed-in user's password before a credential change. A wrong one counts as a
    failed sign-in (someone at an unlocked desk cannot guess their way through)."""
    wait = throttle.seconds_to_wait(user.email, ip, limits)
    if wait:
        raise AccountError(f"Too many failed attempts. Wait {throttle.in_words(wait)}, then try again.",
                           field=field)
    if not verify_password(user.password_hash, password):
        throttle.record_attempt(user.email, ip, False)
        audit.record("staff.reauthentication_failed", actor=user, obj=user, ip=ip,
                     summary="Wrong password given to change sign-in details")
        raise AccountError(WRONG_CURRENT, field=field)


def _used_before(user, new):
    if verify_password(user.password_hash, new):
        return True
    earlier = (PasswordHistory.select(PasswordHistory.password_hash).where(PasswordHistory.user == user.id)
               .order_by(PasswordHistory.id.desc()).limit(PASSWORD_HISTORY))
    return any(verify_password(row.password_hash, new) for row in earlier)


def remember_password(user, old_hash):
    """Keep `old_hash` among the user's last PASSWORD_HISTORY passwords (inside a transaction)."""
    PasswordHistory.create(user=user.id, password_hash=old_hash)
    keep = (PasswordHistory.select(PasswordHistory.id).where(PasswordHistory.user == user.id)
            .order_by(PasswordHistory.id.desc()).limit(PASSWORD_HISTORY))
    PasswordHistory.delete().where(PasswordHistory.user == user.id, PasswordHistory.id.not_in(keep)).execute()


def change_password(user, current, new, *, ip, limits):
    """Change `user`'s password (AccountError, with its field, when refused). Their other
    sessions end. Returns how many."""
    confirm_password(user, current, ip, limits, field="current_password")
    if new == current:
        raise AccountError("Your new password must be different from your current one", field="new_password")
    problem = password_problem(new)
    if problem:
        raise AccountError(problem, field="new_password")
    if _used_before(user, new):
        raise AccountError(REUSED, field="new_password")
    new_hash = hash_password(new)
    with db.atomic():
        remember_password(user, user.password_hash)
        User.update(password_hash=new_hash, must_change_password=False).where(User.id == user.id).execute()
        ended = sessions.end_others(user)
        audit.record("staff.password_changed", actor=user, obj=user, ip=ip,
                     summary=f"Password changed; {_ended(ended)}", details={"sessions_ended": ended})
    user.password_hash, user.must_change_password = new_hash, False
    return ended


def set_up_second_factor(user, secret, code, *, ip):
    """Make `secret` the user's authenticator secret once `code` shows their app holds it.
    Returns the new recovery codes (to show once). Their other sessions end."""
    step = second_factor.matching_step(secret, code)
    if step is None:
        raise AccountError("The code is not correct. Check that you added the key shown here, then enter "
                           "the code your app shows now", field="code")
    replacing = user.has_second_factor
    with db.atomic():
        second_factor.store_secret(user, secret, step)
        codes = second_factor.new_recovery_codes(user)
        ended = sessions.end_others(user)
        audit.record("staff.two_factor_set_up", actor=user, obj=user, ip=ip,
                     details={"replaced": replacing, "sessions_ended": ended},
                     summary=("Authenticator app changed" if replacing else "Two-factor sign-in set up")
                     + f"; new recovery codes; {_ended(ended)}")
    return codes


def renew_recovery_codes(user, *, ip):
    """New recovery codes for `user` (the old ones stop working). Their other sessions end."""
    if not user.has_second_factor:
        raise AccountError("Set up two-factor sign-in first")
    with db.atomic():
        codes = second_factor.new_recovery_codes(user)
        ended = sessions.end_others(user)
        audit.record("staff.recovery_codes_renewed", actor=user, obj=user, ip=ip,
                     summary=f"New recovery codes; the old ones no longer work; {_ended(ended)}",
                     details={"sessions_ended": ended})
    return codes


def reset_second_factor(user, *, actor, ip=""):
    """An administrator turns off `user`'s two-factor sign-in (a lost phone): their secret and
    recovery codes are deleted and every session of theirs ends. A role that needs it sets it
    up again at the next sign-in."""
    if actor is not None and actor.id == user.id:
        raise AccountError("You cannot reset your own two-factor sign-in here. Use ‘Your account’.")
    if not user.has_second_factor:
        raise AccountError(f"{user.name} has not set up two-factor sign-in")
    with db.atomic():
        second_factor.clear(user)
        ended = sessions.end_all(user)
        again = ("they must set it up again when they next sign in" if needs_second_factor(user.role)
                 else "they can set it up again from their account page")
        audit.record("staff.two_factor_reset", actor=actor, obj=user, ip=ip,
                     details={"sessions_ended": ended},
                     summary=f"Two-factor sign-in reset: {again}; all sessions ended")
