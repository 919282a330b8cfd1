"""What every public (resident-facing) form shares: no CAPTCHA, but a honeypot,
per-address rate limits with a GOV.UK-style 429 page, and answers that survive an
expired session.

- Public forms subclass `PublicForm`. Their blueprints are exempt from the global
  CSRF check (see app.web), so a stale or missing token does not throw the answers
  away: the form itself fails validation with "This form has expired. Send it
  again." and the page re-shows everything typed, with a fresh token.
- `limit_public_posts("feedback")` on a view refuses more than PUBLIC_RATE_LIMIT
  POSTs per address per window. Addresses are stored only as keyed hashes.
"""
import datetime
import functools
import hashlib
import hmac

from flask import current_app, render_template, request
from flask_wtf import FlaskForm
from peewee import CharField, DateTimeField, fn
from wtforms import StringField

from app.db import BaseModel, not_durable, utcnow

HONEYPOT_LABEL = "Leave this field empty"


class RateLimitHit(BaseModel):
    bucket = CharField(max_length=120)
    at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "rate_limit_hit"
        indexes = ((("bucket", "at"), False),)


class PublicForm(FlaskForm):
    """A resident-facing form with a honeypot field people never see. It reads only
    the text fields of a posted form: uploaded files and JSON bodies (which Flask-WTF
    would otherwise hand to the fields) never reach them."""

    website = StringField(HONEYPOT_LABEL)

    def __init__(self, *args, **kwargs):
        if request.method in ("POST", "PUT", "PATCH", "DELETE") and not args and "formdata" not in kwargs:
            kwargs["formdata"] = request.form
        super().__init__(*args, **kwargs)

    def is_spam(self):
        return bool((self.website.data or "").strip())


def address_key(ip=None):
    """A keyed hash of the client address: enough to count, useless to identify."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, (ip or request.remote_addr or "").encode(), hashlib.sha256).hexdigest()[:32]


def take_hit(bucket, limit, window):
    """Count one hit in `bucket`, where at most `limit` fit in any `window` (a timedelta).
    Returns 0 when it fits (and it is counted), else the whole seconds until the oldest hit in
    the window leaves it (not counted: refusals do not lengthen the wait)."""
    now = utcnow()
    count, oldest = (RateLimitHit.select(fn.COUNT(RateLimitHit.id), fn.MIN(RateLimitHit.at))
                     .where(RateLimitHit.bucket == bucket, RateLimitHit.at > now - window).tuples().first())
    if count >= limit:
        if isinstance(oldest, str):  # SQLite hands an aggregate's datetime back as text
            oldest = datetime.datetime.fromisoformat(oldest)
        wait = (oldest + window - now).total_seconds() if oldest else window.total_seconds()
        return max(1, int(wait) + 1)
    with not_durable():  # a hit lost in a power cut costs nothing; what the limit guards is durable
        RateLimitHit.create(bucket=bucket)
    return 0


def over_limit(name, limit=None, window=None):
    """Count this request against `name` for its address; True when over the limit."""
    settings = current_app.config["HEARD"]
    limit = limit or settings.public_rate_limit
    window = window or datetime.timedelta(minutes=settings.public_rate_window_minutes)
    return take_hit(f"{name}:{address_key()}", limit, window) > 0


def too_many_requests(window_minutes=None):
    minutes = window_minutes or current_app.config["HEARD"].public_rate_window_minutes
    response = current_app.make_response(
        (render_template("errors/429.html", retry_after=minutes * 60), 429))
    response.headers["Retry-After"] = str(minutes * 60)
    return response


def limit_public_posts(name, limit=None):
    """Decorator: POSTs beyond the limit get the 429 page; GETs are never limited."""

    def decorator(view):
        @functools.wraps(view)
        def limited(*args, **kwargs):
            if request.method == "POST" and over_limit(name, limit):
                return too_many_requests()
            return view(*args, **kwargs)

        return limited

    return decorator


def prune_hits(older_than=datetime.timedelta(days=1)):
    return RateLimitHit.delete().where(RateLimitHit.at < utcnow() - older_than).execute()
