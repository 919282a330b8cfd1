"""Feedback from another system, through the same intake as the web form (a reference, the
acknowledgement email, a case for a complaint, classification), made idempotent:

- with an Idempotency-Key, the key row is inserted first in the same transaction as the item,
  so of two concurrent requests with one key the second waits for the first to commit (SQLite's
  write lock, PostgreSQL's unique index), finds the key taken and answers the stored response;
- a retry with the same key and the same JSON body (compared as canonical JSON) gets the first
  response again; the same key with another body is refused (422).
"""
import hashlib
import json

from peewee import IntegrityError

from app.api.models import ApiIdempotency
from app.feedback import services as feedback
from app.org.models import ServiceArea
from app.queue import transaction


class IdempotencyConflict(Exception):
    pass


class UnknownService(Exception):
    pass


def request_hash(body):
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def replay(api_key, key, digest):
    """(status, response) stored for this key, or None; IdempotencyConflict for another body."""
    row = ApiIdempotency.get_or_none(ApiIdempotency.api_key == api_key.id, ApiIdempotency.key == key)
    if row is None:
        return None
    if row.request_hash != digest:
        raise IdempotencyConflict(
            "This Idempotency-Key was already used with a different request body. "
            "Send a new key for a new piece of feedback.")
    return row.status_code, json.loads(row.response)


def submit(api_key, data, *, key=None, digest=""):
    """(status, response, replayed) for feedback `data` (validated by FeedbackInSchema)."""
    if key:
        found = replay(api_key, key, digest)
        if found:
            return found + (True,)
    try:
        with transaction():
            claim = ApiIdempotency.create(api_key=api_key, key=key, request_hash=digest, status_code=0,
                                          response="{}") if key else None
            item = _record(data)
            response = created(item)
            if claim is not None:
                ApiIdempotency.update(status_code=201, response=json.dumps(response, sort_keys=True),
                                      item=item).where(ApiIdempotency.id == claim.id).execute()
    except IntegrityError:
        found = replay(api_key, key, digest) if key else None
        if found is None:
            raise
        return found + (True,)
    return 201, response, False


def _record(data):
    slug = data.get("service")
    service = None
    if slug:
        service = ServiceArea.get_or_none(ServiceArea.slug == slug, ServiceArea.active == True)  # noqa: E712
        if service is None:
            raise UnknownService(f"There is no service with the slug '{slug}'")
    resident = data.get("resident") or {}
    contact = {name: str(resident.get(name) or "") for name in
               ("name", "email", "phone", "postal_address", "preferred_contact")}
    complaint = data["kind"] == "complaint"
    answers = {
        "service_unsure": service is None,
        "put_right": data.get("put_right", "") if complaint else "",
        "happened_on": data.get("occurred_on"),
        "preferred_contact": contact["preferred_contact"],
        "consent_basis": "public_task",
        "quote_consent": bool(data.get("quote_consent")),
    }
    return feedback.submit_web_feedback(kind=data["kind"], text=data["text"], service=service,
                                        contact=contact, answers=answers, channel=data["channel"])


def created(item):
    return {
        "reference": item.reference, "kind": item.kind, "channel": item.channel,
        "service": item.service.slug if item.service_id else None, "status": item.status,
        "received_at": item.received_at.replace(microsecond=0).isoformat() + "Z",
        "acknowledgement_queued": bool(getattr(item, "acknowledgement_queued", False)),
    }
