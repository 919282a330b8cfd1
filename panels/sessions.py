"""Members' own sessions, separate from staff sessions.

A member is a resident, never a staff user: Flask-Login never sees them (`current_user`
stays anonymous, so every staff page still asks for a staff sign-in). The browser's cookie
holds a random token under its own key; the server keeps its hash (`MemberSession`), so
signing out, leaving and anonymising end a session at once. Sessions end after
IDLE of inactivity and after LIFETIME in any case.
"""
import datetime
import functools
import hashlib
import secrets

from flask import g, redirect, request, session, url_for

from app.db import utcnow
from panels.models import Member, MemberSession

SESSION_KEY = "panel_member_token"
IDLE = datetime.timedelta(hours=2)
LIFETIME = datetime.timedelta(hours=12)
TOUCH_EVERY = datetime.timedelta(seconds=60)


def token_hash(token):
    """The SHA-256 kept for a session's or a sign-in link's token (never the token itself)."""
    return hashlib.sha256((token or "").encode("utf-8", "surrogatepass")).hexdigest()


def start(member):
    """Sign `member` in with a new token (whatever this browser's member session was ends)."""
    end()
    token = secrets.token_urlsafe(32)
    MemberSession.create(token_hash=token_hash(token), member=member)
    session[SESSION_KEY] = token
    member.last_signed_in_at = utcnow()
    member.save(only=[Member.last_signed_in_at])


def end():
    token = session.pop(SESSION_KEY, None)
    if token:
        MemberSession.delete().where(MemberSession.token_hash == token_hash(token)).execute()
    g.pop("panel_member", None)


def end_all(member):
    MemberSession.delete().where(MemberSession.member == member).execute()


def current_member():
    """The signed-in member of this request, or None."""
    if "panel_member" in g:
        return g.panel_member
    g.panel_member = _load()
    return g.panel_member


def _load():
    token = session.get(SESSION_KEY)
    if not token or not isinstance(token, str):
        return None
    row = (MemberSession.select(MemberSession, Member).join(Member)
           .where(MemberSession.token_hash == token_hash(token)).first())
    now = utcnow()
    if row is None or row.member.anonymised_at is not None \
            or now - row.last_seen_at > IDLE or now - row.created_at > LIFETIME:
        if row is not None:
            row.delete_instance()
        session.pop(SESSION_KEY, None)
        return None
    if now - row.last_seen_at > TOUCH_EVERY:
        MemberSession.update(last_seen_at=now).where(MemberSession.id == row.id).execute()
    return row.member


def member_required(view):
    """Only a signed-in member; others are sent to /panel/sign-in and come back after."""
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        if current_member() is None:
            return redirect(url_for("panel_members.sign_in", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return guarded
