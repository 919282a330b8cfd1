"""Sending one delivery: the signed POST and what its answer means.

The body is JSON: {"id": delivery id, "event", "occurred_at", "data"}. Headers:
`Heard-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the subscription's
secret>`, `Heard-Event` and `Heard-Delivery` (the delivery id, the same on every retry, so a
receiver can drop a repeat). Redirects are not followed (a 3xx is a failure), each POST times
out after TIMEOUT seconds, and at most RESPONSE_LIMIT characters of the answer are kept.
"""
import datetime
import hashlib
import hmac
import http.client
import json
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from app.db import utcnow

TIMEOUT = 10
RESPONSE_LIMIT = 1000
BACKOFF = (datetime.timedelta(minutes=1), datetime.timedelta(minutes=5), datetime.timedelta(minutes=30),
           datetime.timedelta(hours=2), datetime.timedelta(hours=12))
USER_AGENT = "Heard-Webhooks/1"


@dataclass(frozen=True)
class Answer:
    status_code: int | None  # None when there was no HTTP answer
    body: str
    error: str
    duration_ms: int

    @property
    def ok(self):
        return self.status_code is not None and 200 <= self.status_code < 300


def body_of(delivery):
    return json.dumps({"id": delivery.id, "event": delivery.event,
                       "occurred_at": delivery.occurred_at.replace(microsecond=0).isoformat() + "Z",
                       "data": json.loads(delivery.payload or "{}")}, sort_keys=True).encode()


def signature(secret, timestamp, body):
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def headers_for(delivery, secret, body, timestamp=None):
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {"Content-Type": "application/json", "User-Agent": USER_AGENT,
            "Heard-Event": delivery.event, "Heard-Delivery": str(delivery.id),
            "Heard-Signature": signature(secret, timestamp, body)}


def post(url, body, headers, timeout=TIMEOUT):
    """POST `body` to `url`; an Answer (never raises for network trouble)."""
    parts = urlsplit(url)
    started = time.monotonic()
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    kwargs = {"context": ssl.create_default_context()} if parts.scheme == "https" else {}
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection = connection_class(parts.hostname, parts.port, timeout=timeout, **kwargs)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read(RESPONSE_LIMIT * 4).decode("utf-8", "replace")[:RESPONSE_LIMIT]
        return Answer(response.status, text, "", _ms(started))
    except (OSError, http.client.HTTPException, socket.timeout, ValueError) as error:
        return Answer(None, "", _error_words(error), _ms(started))
    finally:
        connection.close()


def _ms(started):
    return int((time.monotonic() - started) * 1000)


def _error_words(error):
    if isinstance(error, (socket.timeout, TimeoutError)):
        return f"No answer within {TIMEOUT} seconds"
    if isinstance(error, ConnectionRefusedError):
        return "Connection refused"
    if isinstance(error, ssl.SSLError):
        return "Secure connection failed"
    return f"{type(error).__name__}: {error}"[:300]


def next_attempt(attempts, now=None):
    """When to try again after `attempts` failed tries; None when there are no more tries."""
    if attempts > len(BACKOFF):
        return None
    return (now or utcnow()) + BACKOFF[attempts - 1]
