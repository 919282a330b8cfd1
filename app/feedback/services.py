"""Recording feedback."""
from flask import current_app
from flask_babel import force_locale, get_locale
from peewee import fn

from app.attachments.services import attach_draft
from app.audit import services as audit
from app.contacts import repeats
from app.db import utcnow
from app.feedback import hooks
from app.feedback.models import CHANNELS, KINDS, Counter, FeedbackItem, FeedbackStatusChange
from app.languages import written_language
from app.mail.headers import InvalidAddress
from app.mail.services import queue_email
from app.people.models import Person
from app.people.services import find_or_create
from app.queue import transaction

REFERENCE_PREFIX = "HRD"


def next_reference(year):
    """HRD-2026-000123: a per-year sequence, safe under concurrent writers (one UPDATE ...
    RETURNING; the year's counter row is made the first time)."""
    name = f"reference-{year}"
    value = _bump(name)  # one statement: atomic on its own, in or out of a transaction
    if value is None:
        Counter.insert(name=name, value=0).on_conflict_ignore().execute()
        value = _bump(name)
    return f"{REFERENCE_PREFIX}-{year}-{value:06d}"


def _bump(name):
    rows = (Counter.update(value=Counter.value + 1).where(Counter.name == name)
            .returning(Counter.value).tuples().execute())
    return next(iter(rows), (None,))[0]


def record_feedback(*, kind, channel, text, service=None, person=None, received_at=None,
                    actor=None, is_demo=False, **answers):
    """Record one item exactly as given, with its 'received' timeline entry. `answers`
    are the optional FeedbackItem fields (put_right, happened_on, support_needs, ...)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    received_at = received_at or utcnow()
    with transaction() as tx:
        # Repeat contact: the same resident's last contact about this service in the window.
        earlier = repeats.repeated(kind, person, service, received_at, person is None)
        if earlier is not None:
            answers.setdefault("repeat_of", earlier)
        item = FeedbackItem.create(
            reference=next_reference(received_at.year), kind=kind, channel=channel, text=text,
            service=service, person=person, anonymous=person is None,
            received_at=received_at, is_demo=is_demo, **answers,
        )
        FeedbackStatusChange.create(item=item, status="received", at=received_at)
        audit.record("feedback.received", actor=actor, obj=item,
                     summary=f"{KINDS[kind]} received by {CHANNELS[channel].lower()}")
        hooks.send_after_commit(tx, hooks.feedback_recorded, item.id, kind=kind)
    return item


def counts_by_kind():
    query = (FeedbackItem.select(FeedbackItem.kind, fn.COUNT(FeedbackItem.id).alias("n"))
             .group_by(FeedbackItem.kind))
    return {row.kind: row.n for row in query}


def submit_web_feedback(*, kind, text, service, contact, answers, draft_key="", channel="web"):
    """The 3Cs journey's answers as one item, its resident, the files added to the draft
    (`draft_key`), and the acknowledgement email (when an email address was given, and they
    did not ask us not to contact them), in one transaction. Classification happens later, in the worker (the item starts with
    classification_status "pending"). Sets `item.acknowledgement_queued`."""
    with transaction():
        person = find_or_create(name=contact["name"].strip(), email=contact["email"],
                                phone=contact["phone"], preferred_contact=contact["preferred_contact"])
        person = _with_address(person, contact, complaint=kind == "complaint")
        language = _page_language()
        if person is not None and language is not None and person.language != language:
            Person.update(language=language).where(Person.id == person.id).execute()
            person.language = language
        language = language or _language_of(person)
        item = record_feedback(kind=kind, channel=channel, text=text, service=service, person=person,
                               **answers)
        attach_draft(draft_key, item)
        wanted = contact["email"] if contact["preferred_contact"] != "none" else ""
        with force_locale(language):
            item.acknowledgement_queued = _acknowledge(item, wanted, contact["name"].strip())
    return item


def _page_language():
    """The language of the public page the resident sent this from (app.i18n), kept on their
    Person; None when it came another way (the API, a member of staff), which says nothing
    about the language the resident wants."""
    from flask import g, has_request_context

    if not has_request_context() or not g.get("resident_page"):
        return None
    locale = get_locale()
    offered = current_app.config["HEARD"].languages
    return locale.language if locale is not None and locale.language in offered else "en"


def _language_of(person):
    return written_language(person, current_app.config["HEARD"].languages)


def _with_address(person, contact, complaint=False):
    """Keep a postal address (and a name given without any other contact detail, or with
    only an address). The address given now replaces an older one, and a complaint's choice
    of how to reply replaces an older choice: letters go where the resident last asked."""
    address, name = contact["postal_address"].strip(), contact["name"].strip()
    wanted = contact["preferred_contact"]
    if person is None and (address or name):
        return Person.create(name=name, postal_address=address, preferred_contact=wanted)
    if person is None:
        return None
    changes = {}
    if address and person.postal_address != address:
        changes["postal_address"] = address
    if complaint and wanted and person.preferred_contact != wanted:
        changes["preferred_contact"] = wanted
    if changes:
        Person.update(**changes).where(Person.id == person.id).execute()
        for field, value in changes.items():
            setattr(person, field, value)
    return person


def track_url(reference=""):
    base = current_app.config["HEARD"].base_url.rstrip("/")
    return f"{base}/track" + (f"?reference={reference}" if reference else "")


def acknowledge(item, email, name):
    """Queue an item's acknowledgement to `email` (sent after commit), in the language kept for
    its resident; False when unusable."""
    with force_locale(_language_of(item.person if item.person_id else None)):
        return _acknowledge(item, email, name)


def _acknowledge(item, email, name):
    """Queue the acknowledgement (sent after commit); False when there is no usable address."""
    if not email.strip():
        return False
    context = {
        "reference": item.reference, "kind": item.kind, "kind_label": item.kind_label,
        "service": item.service.name if item.service else "",
        "service_name": item.service.name if item.service else "",
        "is_complaint": item.kind == "complaint", "track_url": track_url(item.reference),
        "name": name, "received_at": item.received_at,
    }
    try:
        queue_email(to=email.strip(), template="acknowledgement", context=context,
                    idempotency_key=f"ack:feedback:{item.id}", purpose="acknowledgement",
                    related=item)
    except InvalidAddress:
        audit.record("feedback.acknowledgement_skipped", obj=item,
                     summary="No acknowledgement: the email address cannot be used for sending")
        return False
    return True


def record_spam(form_name, address_key=""):
    """A public form came back with its honeypot filled in: note it (with the keyed hash of
    the address, never the address), record nothing else."""
    audit.record("public_form.honeypot", object_type="public_form", object_id=form_name[:60],
                 summary=f"Honeypot filled in on the {form_name} form; nothing was recorded",
                 details={"address_key": address_key})
