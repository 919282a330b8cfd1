"""What every API call goes through: the key (401), its scope (403), its rate limit (429),
its last-used time, and one audit line per call (the key's id, the endpoint, the method and
the status: never the body, the query or anything about a resident)."""
import datetime
import functools

from flask import current_app, g, request

from app.api.models import ApiKey
from app.audit import services as audit
from app.db import not_durable, utcnow
from app.publicforms import take_hit

WINDOW = datetime.timedelta(minutes=1)
SECURITY = [{"apiKey": []}]  # the OpenAPI security requirement of every guarded operation


class ApiRefusal(Exception):
    """Answered as a JSON error: {code, status, message}, with any extra headers."""

    def __init__(self, code, message, headers=None):
        super().__init__(message)
        self.code, self.message, self.headers = code, message, headers or {}


def requires(scope):
    """Decorator: the view runs only for an active key holding `scope`, within its rate limit."""

    def decorator(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            from app.api import keys

            row, public_id = keys.find(request.headers.get("Authorization"))
            g.api_key_id = public_id
            if row is None:
                raise ApiRefusal(401, "Send a valid, active API key: Authorization: Bearer <key>",
                                 {"WWW-Authenticate": 'Bearer realm="heard-api"'})
            if scope not in row.scope_list:
                raise ApiRefusal(403, f"This API key may not do this: it needs the '{scope}' scope")
            retry_after = _over_limit(row)
            if retry_after:
                raise ApiRefusal(429, f"Too many requests: this key may make {row.rate_limit} a minute",
                                 {"Retry-After": str(retry_after)})
            _used(row)
            g.api_key = row
            return view(*args, **kwargs)

        guarded.api_scope = scope
        return guarded

    return decorator


def _over_limit(row):
    """Seconds to wait when the key has had its requests this minute; else 0 (and count this one)."""
    return take_hit(f"api:{row.public_id}", row.rate_limit, WINDOW)


def _used(row):
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at > datetime.timedelta(seconds=30):
        with not_durable():
            ApiKey.update(last_used_at=now).where(ApiKey.id == row.id).execute()


def audit_call(response):
    """One audit line for each call to the API (after the response is made, so with its status)."""
    try:
        status = response.status_code
        public_id = g.get("api_key_id")
        endpoint = request.url_rule.rule if request.url_rule else "?"
        audit.record("api.call", object_type="api_key", object_id=public_id or "",
                     summary=f"{request.method} {endpoint} answered {status}",
                     details={"key_id": public_id, "endpoint": request.endpoint,
                              "method": request.method, "status": status})
    except Exception:  # an audit hiccup must not turn an answer into a 500
        current_app.logger.exception("Could not audit an API call")
    return response
