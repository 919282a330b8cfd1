"""Server-side staff sessions: a new id at every sign-in, an idle timeout,
revocation at sign-out. The browser's cookie holds only a random token."""
import datetime
import hashlib
import secrets

from flask import current_app, flash, session

from app.auth.models import StaffSession, User
from app.db import utcnow

SESSION_KEY = "staff_token"
TOUCH_EVERY = datetime.timedelta(seconds=60)


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def start(user, ip=""):
    """Sign `user` in: discard whatever the old session held and issue a new token."""
    end()
    session.clear()
    token = secrets.token_urlsafe(32)
    StaffSession.create(token_hash=_hash(token), user=user, ip=ip[:64])
    session[SESSION_KEY] = token
    user.last_login_at = utcnow()
    user.save(only=[User.last_login_at])


def end():
    token = session.pop(SESSION_KEY, None)
    if token:
        StaffSession.delete().where(StaffSession.token_hash == _hash(token)).execute()


def end_all(user):
    StaffSession.delete().where(StaffSession.user == user).execute()


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
    idle = datetime.timedelta(minutes=current_app.config["HEARD"].session_idle_minutes)
    now = utcnow()
    if now - row.last_seen_at > idle:
        row.delete_instance()
        session.pop(SESSION_KEY, None)
        flash(f"You were signed out because you did nothing for {idle.seconds // 60} minutes. "
              "Sign in again to carry on.", "info")
        return None
    if now - row.last_seen_at > TOUCH_EVERY:
        StaffSession.update(last_seen_at=now).where(StaffSession.id == row.id).execute()
    return row.user
