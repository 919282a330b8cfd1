"""Server-side staff sessions: a new id at every sign-in, an idle timeout, an absolute
lifetime from sign-in (SESSION_MAX_HOURS, 12 by default, however busy the session), revocation
at sign-out, and every other session of a user ended when their credentials change
(app.auth.credentials). The browser's cookie holds only a random token. Ends are audited.

Every request of a signed-in officer keeps the session alive, except the timeout
warning's question "how long is left?" (STATUS_ENDPOINT), which must not answer itself.
"""
import datetime
import hashlib
import secrets

from flask import current_app, flash, g, request, session

from app.audit import services as audit
from app.auth.kept import USER_HINT
from app.auth.models import StaffSession, User
from app.db import utcnow

SESSION_KEY = "staff_token"
TOUCH_EVERY = datetime.timedelta(seconds=60)
STATUS_ENDPOINT = "auth.session_status"


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def start(user, ip=""):
    """Sign `user` in: discard whatever the old session held and issue a new token."""
    end()
    session.clear()
    token = secrets.token_urlsafe(32)
    StaffSession.create(token_hash=_hash(token), user=user, ip=ip[:64])
    session[SESSION_KEY] = token
    session[USER_HINT] = user.id
    user.last_login_at = utcnow()
    user.save(only=[User.last_login_at])


def end():
    """Sign out: the session is revoked and this browser forgets who was signed in."""
    session.pop(USER_HINT, None)
    token = session.pop(SESSION_KEY, None)
    if token:
        StaffSession.delete().where(StaffSession.token_hash == _hash(token)).execute()


def sign_out(user, ip=""):
    end()
    if user is not None:
        audit.record("staff.signed_out", actor=user, obj=user, summary="Signed out", ip=ip)


def end_all(user):
    """End every session of `user`; returns how many there were."""
    return StaffSession.delete().where(StaffSession.user == user).execute()


def end_others(user):
    """End every session of `user` but this request's, whose token is renewed (a copy of the
    old cookie is worthless); returns how many were ended."""
    row = g.get("staff_session")
    if row is None or row.user_id != user.id:
        return end_all(user)
    token = secrets.token_urlsafe(32)
    StaffSession.update(token_hash=_hash(token)).where(StaffSession.id == row.id).execute()
    session[SESSION_KEY] = token
    return StaffSession.delete().where(StaffSession.user == user, StaffSession.id != row.id).execute()


def load_from_request(_request):
    """Flask-Login's request loader: the user of a live session, or None."""
    token = session.get(SESSION_KEY)
    if not token:
        return None
    row = (StaffSession.select(StaffSession, User).join(User)
           .where(StaffSession.token_hash == _hash(token)).first())
    if row is None or not row.user.active:
        session.pop(SESSION_KEY, None)
        return None
    now = utcnow()
    if now - row.created_at > max_age():
        return _expired(row, "lifetime", f"You were signed out because you signed in more than "
                                         f"{max_hours()} hours ago. Sign in again to carry on.")
    if now - row.last_seen_at > idle_timeout():
        return _expired(row, "idle", f"You were signed out because you did nothing for {idle_minutes()} "
                                     "minutes. Sign in again to carry on.")
    g.staff_session = row
    if now - row.last_seen_at > TOUCH_EVERY and request.endpoint != STATUS_ENDPOINT:
        touch(row, now)
    return row.user


def _expired(row, reason, message):
    """End an expired session (`reason`: idle or lifetime) and say why on the next page."""
    row.delete_instance()
    session.pop(SESSION_KEY, None)
    why = "idle too long" if reason == "idle" else f"{max_hours()} hours since sign-in"
    audit.record("staff.session_expired", actor=row.user, obj=row.user, details={"reason": reason},
                 summary=f"Signed out: {why}")
    if request.method == "GET" and request.endpoint != STATUS_ENDPOINT:
        # A form sent now is kept instead (app.auth.kept), with its own notice.
        flash(message, "info")
    return None


def max_hours():
    return current_app.config["HEARD"].session_max_hours


def max_age():
    return datetime.timedelta(hours=max_hours())


def idle_minutes():
    return current_app.config["HEARD"].session_idle_minutes


def idle_timeout():
    return datetime.timedelta(minutes=idle_minutes())


def touch(row, now=None):
    """Keep the session alive from `now`: the idle clock starts again."""
    row.last_seen_at = now or utcnow()
    StaffSession.update(last_seen_at=row.last_seen_at).where(StaffSession.id == row.id).execute()


def seconds_left():
    """Whole seconds until this request's session times out (0 when there is none)."""
    row = g.get("staff_session")
    if row is None:
        return 0
    ends = min(row.last_seen_at + idle_timeout(), row.created_at + max_age())
    return max(0, int((ends - utcnow()).total_seconds()))


def keep_alive():
    """"Stay signed in": the session's idle clock starts again now."""
    row = g.get("staff_session")
    if row is not None:
        touch(row)
    return seconds_left()
