"""Making, finding and revoking API keys.

A key is `hrd_<public id>_<secret>`: the public id (12 hex characters) finds the row, and the
SHA-256 of the whole key, compared in constant time, proves it. The secret is 32 random bytes,
so a plain hash is enough (nothing to guess); the key itself is never stored or logged.
"""
import hashlib
import hmac
import re
import secrets

from app.api.models import DEFAULT_RATE_LIMIT, SCOPES, ApiKey
from app.audit import services as audit
from app.db import utcnow
from app.queue import transaction

PREFIX = "hrd_"
KEY_PATTERN = re.compile(r"^hrd_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")
MAX_RATE_LIMIT = 10_000


class KeyRefused(ValueError):
    """A refusal shown on the admin form (`field` names the field)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(name, scopes, *, actor, rate_limit=None):
    """A new key: returns (row, the key itself, to show once)."""
    name = (name or "").strip()
    scopes = [scope for scope in SCOPES if scope in set(scopes or ())]
    if not name:
        raise KeyRefused("Enter a name for the key", "name")
    if not scopes:
        raise KeyRefused("Select at least one thing the key may do", "scopes")
    rate_limit = rate_limit or DEFAULT_RATE_LIMIT
    if not 1 <= rate_limit <= MAX_RATE_LIMIT:
        raise KeyRefused(f"Enter a limit from 1 to {MAX_RATE_LIMIT:,} requests a minute", "rate_limit")
    public_id = secrets.token_hex(6)
    key = f"{PREFIX}{public_id}_{secrets.token_urlsafe(32)}"
    with transaction():
        row = ApiKey.create(public_id=public_id, name=name[:120], scopes=" ".join(scopes),
                            token_hash=digest(key), rate_limit=rate_limit, created_by=actor)
        audit.record("api_key.created", actor=actor, obj=row,
                     summary=f"API key {public_id} created", details={"scopes": scopes})
    return row, key


def revoke(row, *, actor):
    """Revoke a key (at once; already revoked: nothing changes). True when it was revoked now."""
    with transaction():
        done = (ApiKey.update(revoked_at=utcnow(), revoked_by=actor)
                .where(ApiKey.id == row.id, ApiKey.revoked_at.is_null()).execute())
        if done:
            audit.record("api_key.revoked", actor=actor, obj=row, summary=f"API key {row.public_id} revoked")
    return bool(done)


def parse(header):
    """The public id in an `Authorization: Bearer <key>` header, and the key; (None, None) when
    it cannot be one of ours."""
    scheme, _, key = (header or "").strip().partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or len(key) > 100:
        return None, None
    match = KEY_PATTERN.match(key)
    return (match.group(1), key) if match else (None, None)


def find(header):
    """(the active key row for this Authorization header or None, the public id it named)."""
    public_id, key = parse(header)
    if public_id is None:
        return None, None
    row = ApiKey.get_or_none(ApiKey.public_id == public_id)
    known = row.token_hash if row is not None else digest("hrd_no-such-key")
    matches = hmac.compare_digest(digest(key), known)
    if row is None or not matches or row.revoked_at is not None:
        return None, public_id
    return row, public_id


def all_keys():
    return list(ApiKey.select().order_by(ApiKey.revoked_at.is_null(False), ApiKey.created_at.desc(),
                                         ApiKey.id.desc()))
