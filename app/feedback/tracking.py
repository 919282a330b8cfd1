"""/track: finding an item by its reference and the contact detail given, what the resident
may see of it, and adding more information to it.

Residents see the status timeline (with public notes only), their own words and their
own updates; never internal notes. Access is remembered in the session for an hour.

A complaint that has had a response shows the decision too: the package that decides
complaints (app.cases) answers the `decision_wanted` signal with a `Decision`, connected
when its blueprint is registered, so feedback never imports it.
"""
import datetime
import hmac
import re
import time
from dataclasses import dataclass

from blinker import Namespace
from flask import session
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.audit import services as audit
from app.db import utcnow
from app.feedback import hooks
from app.feedback.models import STATUSES, FeedbackItem, FeedbackStatusChange, FeedbackUpdate
from app.feedback.services import REFERENCE_PREFIX, track_url
from app.mail.headers import InvalidAddress
from app.mail.services import queue_email
from app.people.services import normalise_email, normalise_phone
from app.queue import transaction

signals = Namespace()
decision_wanted = signals.signal("track-decision")  # receivers: (item) -> Decision or None
resident_known = signals.signal("track-resident-known")  # (item, language=): /track found it


@dataclass(frozen=True)
class Decision:
    """What the resident is told about the decision on their complaint on /track."""

    stage: int
    outcome: str  # "Partly upheld", "Withdrawn"
    responded_on: datetime.date | None = None  # the date of the stage response
    closed_on: datetime.date | None = None
    points: tuple = ()  # (point, decision, reasons)
    remedy: tuple = ()  # sentences: what we did to put things right
    stage2_url: str = ""  # where to ask for stage 2, while it is still possible
    ombudsman: dict | None = None  # {name, url, phone}: after the final response
    ombudsman_decided: str = ""  # the Ombudsman's name, once it has decided


def decision(item):
    """The decision on the complaint `item` belongs to, or None (no response yet, or not a
    complaint)."""
    for _, found in decision_wanted.send(item):
        if found is not None:
            return found
    return None


SESSION_KEY = "tracked_item"
ACCESS_FOR = datetime.timedelta(hours=1)
NOT_FOUND = _l("We could not find feedback with that reference and contact detail")
REFERENCE = re.compile(rf"^{REFERENCE_PREFIX}-?(\d{{4}})-?(\d{{1,6}})$")


def normalise_reference(text):
    """'hrd 2026 1234' -> 'HRD-2026-001234'; None when it cannot be a reference."""
    squashed = re.sub(r"[\s\u2010-\u2015_/.]+", "-", str(text or "").strip().upper())
    squashed = re.sub(r"-{2,}", "-", squashed)
    match = REFERENCE.match(squashed)
    if not match:
        return None
    return f"{REFERENCE_PREFIX}-{match.group(1)}-{int(match.group(2)):06d}"


def _same(given, known):
    return hmac.compare_digest((given or "").encode(), (known or "").encode())


def find_item(reference, contact):
    """The item with this reference whose resident gave this email or phone, else None.
    Both comparisons always run, so a wrong contact takes as long as a right one."""
    reference = normalise_reference(reference)
    item = None
    if reference:
        item = (FeedbackItem.select().where(FeedbackItem.reference == reference).first())
    person = item.person if item is not None and item.person_id else None
    contact = str(contact or "")
    email = normalise_email(contact) if "@" in contact else None
    phone = None if "@" in contact else normalise_phone(contact)
    known_email = (person.email if person else None) or "\x00no-email"
    known_phone = (person.phone if person else None) or "\x00no-phone"
    email_ok = _same(email or "\x01", known_email)
    phone_ok = _same(phone or "\x01", known_phone)
    return item if person is not None and (email_ok or phone_ok) else None


def remember(item):
    """This browser may see `item` for the next hour; its pages follow the resident's saved
    language from now on (app.i18n listens for `resident_known`)."""
    session[SESSION_KEY] = {"id": item.id, "at": int(time.time())}
    resident_known.send(item, language=item.person.language if item.person_id else "")


def recall():
    """The item this browser proved it may see, within the last hour; else None."""
    remembered = session.get(SESSION_KEY)
    if not isinstance(remembered, dict):
        return None
    at, item_id = remembered.get("at"), remembered.get("id")
    if not isinstance(at, int) or not isinstance(item_id, int) or \
            not 0 <= time.time() - at <= ACCESS_FOR.total_seconds():
        session.pop(SESSION_KEY, None)
        return None
    item = FeedbackItem.get_or_none(FeedbackItem.id == item_id)
    if item is None or item.person_id is None:
        session.pop(SESSION_KEY, None)
        return None
    return item


def timeline(item):
    """[(label, at, public note)] oldest first, in plain English."""
    changes = (FeedbackStatusChange.select()
               .where(FeedbackStatusChange.item == item)
               .order_by(FeedbackStatusChange.at, FeedbackStatusChange.id))
    return [(STATUSES.get(change.status, change.status), change.at, change.public_note)
            for change in changes]


def resident_updates(item):
    return list(FeedbackUpdate.select()
                .where(FeedbackUpdate.item == item, FeedbackUpdate.from_resident == True)  # noqa: E712
                .order_by(FeedbackUpdate.received_at, FeedbackUpdate.id))


def add_more_information(item, text):
    """Join what the resident added on /track to the same item, exactly as typed; thank
    them by email when we know their address."""
    with transaction() as tx:
        update = FeedbackUpdate.create(item=item, channel="web", text=text, from_resident=True,
                                       received_at=utcnow())
        hooks.send_after_commit(tx, hooks.update_received, update.id)
        audit.record("feedback.more_information", obj=item,
                     summary="The resident added more information on the tracking page",
                     details={"update_id": update.id})
        _thank(item, update)
    return update


def _thank(item, update):
    email = item.person.email if item.person_id else None
    if not email:
        return
    try:
        with force_locale(item.person.language or "en"):  # the resident's language (app.i18n)
            queue_email(to=email, template="more_information_received",
                        context={"reference": item.reference, "track_url": track_url(item.reference),
                                 "name": item.person.name, "kind": item.kind,
                                 "received_at": update.received_at},
                        idempotency_key=f"more-info:feedback-update:{update.id}",
                        purpose="more_information_received", related=item)
    except InvalidAddress:
        pass
