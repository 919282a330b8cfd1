"""Members sign in without passwords: a single-use link, emailed through the outbox.

- A member asks at /panel/sign-in with their email address. If it belongs to a current member
  (not anonymised, on at least one panel) a link valid for LINK_LIFETIME (15 minutes) is
  queued; whatever the address, the answer on the page is the same, so nobody can learn who is
  on a panel by asking.
- Only the token's SHA-256 is stored (`SignInLink.token_hash`); the token itself travels only
  in the email.
- Following the link shows a page with a "Sign in" button; only its POST uses the link, so a
  mail scanner fetching the link first cannot spend it.
- Throttled per address and per email: at most PER_EMAIL links asked for one email address in
  THROTTLE_WINDOW (a limit counted for every address, member or not, and answered with the same
  page, so it reveals nothing), and the public forms' limit per client address
  (app.publicforms, answered with a 429 page).
- `next` is honoured only for paths inside the workspace (/panel/...).
"""
import datetime
import hashlib
import hmac
import secrets
from urllib.parse import unquote, urlencode, urlsplit

from flask import current_app

from app.audit import services as audit
from app.db import utcnow
from app.mail.services import queue_email
from app.people.services import normalise_email
from app.publicforms import take_hit
from app.queue import transaction
from panels import access, sessions
from panels.applications import written_in_their_language
from panels.models import Member, SignInLink
from panels.sessions import token_hash

LINK_LIFETIME = datetime.timedelta(minutes=15)
PER_EMAIL = 3
THROTTLE_WINDOW = datetime.timedelta(minutes=15)
PER_ADDRESS = 10  # sign-in requests from one client address per public-forms window
TEMPLATE = "panel_sign_in_link"
MAX_TOKEN = 100


def safe_next(value):
    """`value` when it is a path inside the workspace (/panel/...), else None."""
    if not value or not isinstance(value, str) or len(value) > 500:
        return None
    if any(ord(ch) < 32 or ch == "\\" for ch in value) or value.startswith("//"):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path.startswith("/panel/"):
        return None
    if any(segment in ("..", ".") for segment in unquote(parts.path).split("/")):
        return None
    return value


def _email_bucket(email):
    secret = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(secret, email.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:32]
    return f"panel-sign-in-email:{digest}"


def _email_over_limit(email):
    """Count this request for `email` (as a keyed hash); True once over PER_EMAIL."""
    return take_hit(_email_bucket(email), PER_EMAIL, THROTTLE_WINDOW) > 0


def current_member_by_email(email):
    """The member with `email` who is on a panel now (never an anonymised one), or None."""
    member = Member.get_or_none((Member.email == email) & Member.anonymised_at.is_null())
    if member is None or not access.member_panels(member):
        return None
    return member


def link_url(token, next_path=None):
    base = current_app.config["HEARD"].base_url.rstrip("/")
    url = f"{base}/panel/sign-in/{token}"
    if safe_next(next_path):
        url += "?" + urlencode({"next": next_path})
    return url


def request_link(email, next_path=None):
    """Email a sign-in link to `email` if it is a current member's. Returns nothing either way
    (the page says the same whoever asks); throttled per email address."""
    email = normalise_email(email) or ""
    with transaction():
        if _email_over_limit(email):
            return
        member = current_member_by_email(email)
        if member is None:
            return
        token = secrets.token_urlsafe(32)
        now = utcnow()
        link = SignInLink.create(member=member, token_hash=token_hash(token), created_at=now,
                                 expires_at=now + LINK_LIFETIME)
        with written_in_their_language(member):
            queue_email(member.email, TEMPLATE,
                        {"name": member.name, "link": link_url(token, next_path),
                         "minutes": int(LINK_LIFETIME.total_seconds() // 60)},
                        idempotency_key=f"panel-sign-in:{link.id}", purpose="panel_sign_in", related=member)
        audit.record("panels.sign_in_link_sent", obj=member, summary=f"Sign-in link sent to panel member {member.id}")


def _find(token):
    if not token or len(token) > MAX_TOKEN:
        return None
    return (SignInLink.select(SignInLink, Member).join(Member)
            .where(SignInLink.token_hash == token_hash(token)).first())


def state(token, now=None):
    """What following `token` would do: "ok", "used", "expired", "not_member" (no longer on
    any panel) or "unknown"."""
    link = _find(token)
    now = now or utcnow()
    if link is None:
        return "unknown"
    if link.used_at is not None:
        return "used"
    if link.expires_at <= now:
        return "expired"
    if link.member.anonymised_at is not None or not access.member_panels(link.member):
        return "not_member"
    return "ok"


class LinkRefused(Exception):
    def __init__(self, why):
        super().__init__(why)
        self.why = why


def sign_in_with(token):
    """Spend the link and start the member's session; returns the member. Raises LinkRefused
    with the reason (see `state`) when the link cannot be used."""
    with transaction():
        why = state(token)
        if why != "ok":
            raise LinkRefused(why)
        link = _find(token)
        spent = (SignInLink.update(used_at=utcnow())
                 .where((SignInLink.id == link.id) & SignInLink.used_at.is_null()).execute())
        if not spent:  # someone else used it a moment ago
            raise LinkRefused("used")
        sessions.start(link.member)
        audit.record("panels.member_signed_in", obj=link.member,
                     summary=f"Panel member {link.member.id} signed in with an emailed link")
    return link.member
