"""What becomes of an inbound email: stored raw first, then read (with limits) and
turned into new feedback, more information on an existing item, a duplicate, an
automatic reply that is never answered, or quarantine for an officer to look at.

Nothing here logs a body, a subject or an address: only ids and outcomes.
"""
import datetime
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field

from flask_babel import force_locale
from peewee import IntegrityError

from app.attachments.services import keep_from_email
from app.audit import services as audit
from app.db import utcnow
from app.feedback import hooks
from app.feedback.models import FeedbackItem, FeedbackUpdate
from app.feedback.services import record_feedback
from app.inbox import sandbox
from app.inbox.classify_mail import automatic_reason, find_reference, kind_for
from app.inbox.models import InboundMessage
from app.inbox.text import strip_quoted
from app.languages import written_language
from app.oneline import one_line
from app.people.services import find_or_create
from app.queue import app_context, transaction

log = logging.getLogger(__name__)
REPLY_SUBJECT_LIMIT = 150  # + "Re: " and " [HRD-2026-000123]" stays within the 250 of a subject
REPLY_PREFIXES = re.compile(r"^(?:(?:re|fwd?|aw|sv)\s*:\s*)+", re.I)
SUMMARY_KEYS = {"created": "created", "appended": "appended", "released": "created",
                "duplicate": "duplicates", "quarantined": "quarantined", "auto_reply": "auto_replies"}


@dataclass
class Summary:
    """Counts for an import or a poll; created + appended + duplicates + quarantined +
    auto_replies == total."""

    counts: dict = field(default_factory=lambda: dict.fromkeys(
        ("total", "created", "appended", "duplicates", "quarantined", "auto_replies",
         "acknowledgements_sent"), 0))

    def add(self, result):
        self.counts["total"] += 1
        self.counts[SUMMARY_KEYS.get(result.outcome, "quarantined")] += 1
        self.counts["acknowledgements_sent"] += int(result.acknowledged)


@dataclass
class Result:
    outcome: str
    inbound_id: int = None
    acknowledged: bool = False


class Claimed(Exception):
    """Another run already moved this message on."""


def current_settings():
    from app.queue import settings

    return settings()


# -- storing ------------------------------------------------------------------------

def store(raw, source):
    """(row, True) for a new message; (first row, False) for a byte-identical copy."""
    raw = bytes(raw)
    digest = hashlib.sha256(raw).hexdigest()
    existing = InboundMessage.get_or_none(InboundMessage.sha256 == digest)
    if existing is None:
        try:
            with transaction():
                return InboundMessage.create(raw=raw, sha256=digest, size=len(raw),
                                             source=source[:200]), True
        except IntegrityError:  # a concurrent importer stored it first
            existing = InboundMessage.get(InboundMessage.sha256 == digest)
    InboundMessage.update(times_seen=InboundMessage.times_seen + 1).where(
        InboundMessage.id == existing.id).execute()
    return existing, False


def receive(raw, source, settings=None):
    """Store one message and read it now; returns a Result."""
    row, new = store(raw, source)
    if not new:
        return Result("duplicate", row.id)
    return process_safely(row.id, settings=settings)


def process_safely(inbound_id, *, settings=None):
    """process(), but an unexpected failure quarantines the message instead of
    stopping the import (the raw bytes are already stored)."""
    try:
        return process(inbound_id, settings=settings)
    except Exception as error:  # noqa: BLE001  (one bad message must not stop the rest)
        log.error("inbound message %s: processing failed (%s)", inbound_id, type(error).__name__)
        row = InboundMessage.get_by_id(inbound_id)
        if row.outcome != "received":
            return Result(row.outcome, row.id)
        return _quarantine(row, f"Processing failed ({type(error).__name__}); try releasing it")


# -- reading ------------------------------------------------------------------------

def process(inbound_id, *, settings=None):
    """Read a stored message and act on it. Safe to run twice: only a message still
    "received" is acted on; otherwise its outcome is returned unchanged."""
    row = InboundMessage.get_or_none(InboundMessage.id == inbound_id)
    if row is None or row.outcome != "received":
        return Result(row.outcome if row else "missing", inbound_id)
    settings = settings or current_settings()
    if row.size > settings.inbound_max_bytes:
        return _quarantine(row, f"Larger than the {_size(settings.inbound_max_bytes)} limit "
                                f"({_size(row.size)})")
    parsed, problem = _read(row, settings.inbound_parse_seconds)
    if problem:
        return _quarantine(row, problem, parse_error=problem)
    fields = _fields(parsed)
    earlier = _same_message_id(row, fields["message_id"])
    if earlier is not None:
        return _settle(row, dict(fields, outcome="duplicate",
                                 reason=f"Same Message-ID as inbound message {earlier}"))
    automatic = automatic_reason(parsed, (settings.mail_from, settings.mail_reply_to))
    if automatic:
        return _settle(row, dict(fields, outcome="auto_reply", reason=automatic))
    refusal = _refusal(parsed)
    if refusal:
        return _quarantine(row, refusal, fields=fields)
    return _turn_into_feedback(row, parsed, fields, settings, expected="received")


def _size(n):
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} kB"


def _read(row, seconds):
    """(parsed, None) or (None, why it could not be read)."""
    try:
        parsed = sandbox.read_message(bytes(row.raw), seconds)
    except sandbox.ParseTimeout as timeout:
        log.warning("inbound message %s: parse timed out", row.id)
        return None, f"Could not be read: it {timeout}"
    if "error" in parsed:
        return None, f"Could not be read: {parsed['error']}"
    return parsed, None


def _fields(parsed):
    problems = ", ".join(parsed["defects"])
    return {
        "message_id": parsed["message_id"][:500], "from_address": parsed["from_address"][:320],
        "from_name": parsed["from_name"][:200], "subject": parsed["subject"],
        "attachments": json.dumps(parsed["attachments"][:200]),
        "parse_error": f"MIME problems: {problems}" if problems else "",
    }


def _same_message_id(row, message_id):
    if not message_id:
        return None
    earlier = (InboundMessage.select(InboundMessage.id)
               .where(InboundMessage.message_id == message_id, InboundMessage.id < row.id)
               .order_by(InboundMessage.id).first())
    return earlier.id if earlier else None


def _refusal(parsed):
    if parsed["broken"]:
        return "The message's MIME structure is broken, so its parts cannot be trusted"
    if not parsed["from_address"]:
        return "There is no sender address we can read or reply to"
    if not parsed["text"].strip() and not parsed["attachments"]:
        return "There is no text in the message"
    return None


def _finish(row, expected, values):
    """Move the row on from `expected` in one statement; Claimed if someone else did."""
    values.setdefault("processed_at", utcnow())
    claimed = InboundMessage.update(**values).where(
        InboundMessage.id == row.id, InboundMessage.outcome == expected).execute()
    if not claimed:
        raise Claimed()
    for name, value in values.items():
        setattr(row, name, value)
    return Result(values["outcome"], row.id)


def _settle(row, values):
    try:
        return _finish(row, "received", values)
    except Claimed:
        return Result(InboundMessage.get_by_id(row.id).outcome, row.id)


def _quarantine(row, reason, parse_error="", fields=None):
    values = dict(fields or {}, outcome="quarantined", reason=reason)
    if parse_error:
        values["parse_error"] = parse_error
    try:
        with transaction():
            result = _finish(row, "received", values)
            audit.record("inbox.quarantined", obj=row, summary="An email was quarantined",
                         details={"reason": reason[:200]})
    except Claimed:
        return Result(InboundMessage.get_by_id(row.id).outcome, row.id)
    log.info("inbound message %s quarantined", row.id)
    return result


# -- feedback -----------------------------------------------------------------------

def feedback_text(parsed):
    """The resident's words for the feedback copy: subject, then the new part of the body."""
    body = strip_quoted(parsed["text"]) if parsed["text"] else ""
    if not body and parsed["attachments"]:
        body = f"(No text: {len(parsed['attachments'])} attachment(s); see the original email)"
    if not body:
        body = "(This email had no readable text; see the original email)"
    subject = parsed["subject"]
    return f"{subject}\n\n{body}" if subject else body


def _turn_into_feedback(row, parsed, fields, settings, *, expected, released=False,
                        acknowledge=True):
    reference = find_reference(parsed["subject"], parsed["text"])
    item = FeedbackItem.get_or_none(FeedbackItem.reference == reference) if reference else None
    try:
        with transaction():
            if item is not None:
                result, reason = _append(row, parsed, item, settings, acknowledge)
            else:
                result, reason = _create(row, parsed, settings, acknowledge)
            keep_from_email(row.id, result.item_id, parsed.get("files"))
            if reference and item is None:
                reason += f"; the reference {reference} was not found"
            outcome = "released" if released else result.outcome
            _finish(row, expected, dict(fields, outcome=outcome, reason=reason,
                                        feedback_item=result.item_id))
    except Claimed:
        return Result(InboundMessage.get_by_id(row.id).outcome, row.id)
    return Result(outcome, row.id, result.acknowledged)


@dataclass
class _Made:
    outcome: str
    item_id: int
    acknowledged: bool


def _create(row, parsed, settings, acknowledge):
    person = find_or_create(email=parsed["from_address"], name=parsed["from_name"])
    kind = kind_for(parsed["subject"], parsed["text"])
    item = record_feedback(kind=kind, channel="email", text=feedback_text(parsed), person=person)
    acknowledged = False
    if acknowledge and person is not None:
        acknowledged = _acknowledge(row, item, parsed, settings, "auto_reply_received_by_email",
                                    purpose="acknowledgement")
    return _Made("created", item.id, acknowledged), f"New {kind} {item.reference}"


def _append(row, parsed, item, settings, acknowledge):
    known = bool(item.person_id and item.person.email and item.person.email == parsed["from_address"])
    update = FeedbackUpdate.create(item=item, channel="email", text=feedback_text(parsed),
                                   from_resident=True, inbound_message_id=row.id)
    with transaction() as tx:  # joins the caller's: the signal is sent after it commits
        hooks.send_after_commit(tx, hooks.update_received, update.id)
    audit.record("feedback.update_received", obj=item,
                 summary="More information received by email" + (
                     "" if known else " from an address that is not the one on this item"),
                 details={"inbound_message_id": row.id, "sender_matches": known})
    acknowledged = False
    if acknowledge and known:  # never tell a stranger about someone else's case
        acknowledged = _acknowledge(row, item, parsed, settings, "more_information_received",
                                    purpose="more_information_received")
    reason = f"Added to {item.reference}" + ("" if known else " (the sender is not the address on it)")
    return _Made("appended", item.id, acknowledged), reason


def reply_subject(subject):
    """Their subject for our "Re: ... [reference]": one clean line (app.oneline), without their
    own "Re:" prefixes, and cut (with an ellipsis) so that our reference always fits after it."""
    text = REPLY_PREFIXES.sub("", one_line(subject, 2000))
    return text if len(text) <= REPLY_SUBJECT_LIMIT else text[:REPLY_SUBJECT_LIMIT - 1].rstrip() + "…"


def _acknowledge(row, item, parsed, settings, template, purpose):
    """Queue our automatic answer (Auto-Submitted: auto-replied, In-Reply-To theirs)."""
    from app.mail.headers import InvalidAddress
    from app.mail.services import queue_email

    context = {"reference": item.reference, "name": one_line(parsed["from_name"], 200), "kind": item.kind,
               "original_subject": reply_subject(parsed["subject"]), "received_at": item.received_at,
               "track_url": settings.base_url.rstrip("/") + "/track"}
    try:
        person = item.person if item.person_id else None
        with app_context(), force_locale(written_language(person, settings.languages)):
            queue_email(to=parsed["from_address"], template=template, context=context,
                        idempotency_key=f"ack:inbound:{row.id}", purpose=purpose,
                        in_reply_to=parsed["message_id"], auto_replied=True, related=item)
    except InvalidAddress:
        log.info("inbound message %s: sender address refused for a reply", row.id)
        return False
    return True


# -- officers: quarantine -----------------------------------------------------------

class CannotChange(Exception):
    """The message is not in quarantine any more."""


def release(row, *, actor=None, ip="", settings=None):
    """Read a quarantined message again without the size limit (and with longer to do
    it) and make it feedback whatever its problems; never acknowledged if automatic."""
    if row.outcome != "quarantined":
        raise CannotChange("This email is no longer in quarantine")
    settings = settings or current_settings()
    parsed, problem = _read(row, settings.inbound_parse_seconds * 3)
    if problem:
        parsed = _unreadable(row)
    fields = _fields(parsed)
    if problem:
        fields["parse_error"] = problem
    automatic = automatic_reason(parsed, (settings.mail_from, settings.mail_reply_to))
    result = _turn_into_feedback(row, parsed, fields, settings, expected="quarantined", released=True,
                                 acknowledge=not automatic and bool(parsed["from_address"]))
    if result.outcome == "released":
        audit.record("inbox.released", actor=actor, obj=row, ip=ip,
                     summary="A quarantined email was released and became feedback")
    return result


def _unreadable(row):
    return {"message_id": "", "from_address": "", "from_name": "", "subject": "", "headers": {},
            "content_type": "", "report_type": "", "part_types": [], "attachments": [],
            "defects": [], "broken": True, "truncated": False,
            "text": f"(This email could not be read automatically: see inbound message {row.id})"}


def discard(row, *, actor=None, ip=""):
    """Keep the raw message, but mark it as dealt with: it becomes nothing."""
    if row.outcome != "quarantined":
        raise CannotChange("This email is no longer in quarantine")
    try:
        with transaction():
            _finish(row, "quarantined", {"outcome": "discarded"})
            audit.record("inbox.discarded", actor=actor, obj=row, ip=ip,
                         summary="A quarantined email was discarded (the original is kept)")
    except Claimed:
        raise CannotChange("This email is no longer in quarantine") from None


def quarantined(limit=200):
    return list(InboundMessage.select(
        InboundMessage.id, InboundMessage.from_address, InboundMessage.subject,
        InboundMessage.reason, InboundMessage.received_at, InboundMessage.size,
        InboundMessage.source, InboundMessage.outcome)
        .where(InboundMessage.outcome == "quarantined")
        .order_by(InboundMessage.received_at.desc(), InboundMessage.id.desc()).limit(limit))


def stuck_ids(now=None, grace_minutes=2):
    """Messages stored but never read (a worker died mid-way): for the sweep."""
    cutoff = (now or utcnow()) - datetime.timedelta(minutes=grace_minutes)
    query = (InboundMessage.select(InboundMessage.id)
             .where(InboundMessage.outcome == "received", InboundMessage.received_at < cutoff)
             .order_by(InboundMessage.id).limit(500))
    return [row.id for row in query]
