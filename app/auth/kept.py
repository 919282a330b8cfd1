"""Nothing typed is lost to a timed-out session (WCAG 2.2.1).

When a staff form is sent after the officer's session has ended (idle too long, or
signed out elsewhere), `keep_and_sign_in` stores what the form held and sends them to sign
in. Signing in again (`claim`) takes them back to the form's page, where `restore` puts
their words back into the fields (the form macros read `kept_values`) under a notice:
"We kept what you typed: check it and send it again". Nothing is sent for them.

Rules: only fields a person typed or chose are kept (never passwords, the CSRF token or
the honeypot); only the same officer, signing in in the same browser (which holds a
random token whose hash is the row's key), gets them back; a row lasts KEEP_FOR and is
deleted once shown; the words are never logged.
"""
import datetime
import hashlib
import json
import secrets
from urllib.parse import urlparse

from flask import flash, g, redirect, request, session, url_for
from werkzeug.datastructures import MultiDict

from app.auth.models import KeptForm
from app.db import utcnow

SESSION_KEY = "kept_form"
USER_HINT = "staff_user_hint"  # which officer this browser was signed in as (set at sign-in)
KEEP_FOR = datetime.timedelta(hours=24)
NEVER_KEPT = {"csrf_token", "website"}
KEPT_NOTICE = "We kept what you typed: check it and send it again."


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _keepable(formdata):
    """[(name, value)] a person typed or chose, or [] when the form held nothing of theirs."""
    pairs = [(name, value) for name, value in formdata.items(multi=True)
             if name not in NEVER_KEPT and "password" not in name.lower() and isinstance(value, str)]
    return pairs if any(value.strip() for _, value in pairs) else []


def _form_page():
    """Where the form was: this address when it answers GET, else the page that sent it."""
    rule = request.url_rule
    if rule is not None and "GET" in rule.methods:
        return request.full_path.rstrip("?")
    referrer = urlparse(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/staff"):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return url_for("staff.home")


def keep_and_sign_in():
    """The answer to a staff form sent without a live session: keep it, then sign in."""
    page = _form_page()
    user_id = session.get(USER_HINT)
    pairs = _keepable(request.form) if isinstance(user_id, int) else []
    if pairs:
        purge()
        token = secrets.token_urlsafe(32)
        KeptForm.create(token_hash=_hash(token), user=user_id, path=page[:2000],
                        fields=json.dumps(pairs))
        session[SESSION_KEY] = token
        flash("You were signed out, so what you sent has not been saved yet. We have kept what "
              "you typed: sign in again and we will take you back to it.", "info")
    else:
        flash("You were signed out. Sign in again to carry on.", "info")
    return redirect(url_for("auth.login", next=page))


def claim(user, token):
    """After `user` signs in: the page to go back to when this browser kept a form of
    theirs, else None. A form kept for someone else is deleted: no one can claim it now."""
    purge()
    if not token:
        return None
    row = KeptForm.get_or_none(KeptForm.token_hash == _hash(token))
    if row is None:
        return None
    if row.user_id != user.id:
        row.delete_instance()
        return None
    session[SESSION_KEY] = token
    return row.path


def restore(user):
    """Before a staff page is shown to `user`: when it is the page of their kept form,
    load the words for the form macros (g.kept_form)."""
    token = session.get(SESSION_KEY)
    if not token:
        return
    row = KeptForm.get_or_none(KeptForm.token_hash == _hash(token))
    if row is None or row.user_id != user.id or row.created_at < utcnow() - KEEP_FOR:
        session.pop(SESSION_KEY, None)
        return
    if row.path == request.full_path.rstrip("?"):
        g.kept_form = (row, MultiDict(json.loads(row.fields)))


def forget_if_shown(response):
    """Once the page has shown the kept words, they are deleted (the page now holds them)."""
    kept = g.pop("kept_form", None)
    if kept is not None and response.status_code == 200:
        kept[0].delete_instance()
        session.pop(SESSION_KEY, None)
    return response


def kept_values(name):
    """The kept values of field `name` on this page, or None: the form macros show these
    instead of the field's own value."""
    kept = g.get("kept_form")
    if kept is None or name not in kept[1]:
        return None
    return kept[1].getlist(name)


def kept_checked(name, value, checked):
    """Whether option `value` of field `name` is shown chosen: as kept, else `checked`."""
    kept = kept_values(name)
    return bool(checked) if kept is None else str(value) in kept


def kept_notice():
    return KEPT_NOTICE if g.get("kept_form") is not None else None


def purge(now=None):
    return KeptForm.delete().where(KeptForm.created_at < (now or utcnow()) - KEEP_FOR).execute()
