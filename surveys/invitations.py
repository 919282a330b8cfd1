"""Email invitations: a single-use link per address, one response per invitation, and at
most one reminder. Only SHA-256 hashes of the links' tokens are stored; a reminder carries
a fresh token (the first link keeps working too). Each email is in the language kept for the
person with that address when we know them, else the council's first language."""
import datetime
import hashlib
import re
import secrets

from flask import current_app
from flask_babel import force_locale

from app.audit import services as audit
from app.db import utcnow
from app.languages import DEFAULT, current, written_language
from app.mail.services import queue_email
from app.people.models import Person
from app.people.services import normalise_email
from app.queue import transaction
from surveys.models import Invitation
from surveys.services import availability, closes_at

MAX_ADDRESSES = 500
REMINDER_AFTER = datetime.timedelta(days=5)
EMAIL_SHAPE = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")


class InvitationError(Exception):
    pass


def token_hash(token):
    return hashlib.sha256((token or "").encode("utf-8", "surrogatepass")).hexdigest()


def _link(token):
    """The survey's address for this invitation, opening in the email's language (the one
    force_locale set: a Welsh email's link opens the Welsh form)."""
    link = f"{current_app.config['HEARD'].base_url.rstrip('/')}/s/i/{token}"
    language = current()
    return link if language == DEFAULT else f"{link}?lang={language}"


def by_token(token):
    if not token or len(token) > 100:
        return None
    digest = token_hash(token)
    return Invitation.get_or_none((Invitation.token_hash == digest)
                                  | (Invitation.reminder_token_hash == digest))


def state(invitation, now=None):
    """'open', 'answered' or 'expired'."""
    now = now or utcnow()
    if invitation.responded_at is not None:
        return "answered"
    if invitation.expires_at is not None and now >= invitation.expires_at:
        return "expired"
    return "open"


def language_for(address):
    """The language kept for the person with this email address, when the council offers it;
    else the council's first language."""
    offered = current_app.config["HEARD"].languages
    person = (Person.select(Person.language)
              .where(Person.email == normalise_email(address), Person.anonymised_at.is_null())
              .order_by(Person.id.desc()).first())
    return written_language(person, offered)


def _context(invitation, token):
    survey = invitation.survey
    settings = current_app.config["HEARD"]
    ends = [moment for moment in (invitation.expires_at, closes_at(survey)) if moment]
    return {"survey_title": survey.title, "link": _link(token), "closes_on": survey.closes_on,
            "council_name": settings.council_name, "expires_at": min(ends) if ends else None,
            "service": (invitation.service or survey.service).name,
            # Sent to a customer panel's members (panels.survey_send), not after an interaction.
            "panel_member": invitation.related_type == "panel_membership"}


def invite(survey, email, *, service=None, related=None, expires_in_days=None, actor=None):
    """Create an invitation and queue its email (inside this transaction)."""
    address = normalise_email(email)
    if not address or not EMAIL_SHAPE.match(address) or len(address) > 320:
        raise InvitationError("Enter an email address in the correct format, like name@example.com")
    token = secrets.token_urlsafe(24)
    expires_at = utcnow() + datetime.timedelta(days=expires_in_days) if expires_in_days else None
    with transaction():
        invitation = Invitation.create(
            survey=survey, email=address, service=service, token_hash=token_hash(token),
            related_type=related._meta.table_name if related is not None else "",
            related_id=str(related.get_id()) if related is not None else "",
            expires_at=expires_at, created_by_id=getattr(actor, "id", None))
        with force_locale(language_for(address)):
            queue_email(to=address, template="survey_invitation", context=_context(invitation, token),
                        idempotency_key=f"survey-invitation:{invitation.id}", purpose="survey_invitation",
                        related=invitation)
        audit.record("survey.invited", actor=actor, obj=invitation,
                     summary=f"Invitation to survey {survey.title} sent")
    return invitation


def invite_after_interaction(survey, email, service, related=None, on=None):
    """The hook services call after an interaction (a complaint case closing, say) that
    happened on the day `on` (default today, London time). Returns the invitation, or None
    when the survey was not open that day or the address is not usable. Calling twice for
    the same `related` object does not invite twice."""
    if availability(survey, on) != "open":
        return None
    if related is not None:
        existing = Invitation.get_or_none(Invitation.survey == survey,
                                          Invitation.related_type == related._meta.table_name,
                                          Invitation.related_id == str(related.get_id()))
        if existing is not None:
            return existing
    try:
        return invite(survey, email, service=service, related=related)
    except InvitationError:
        return None


def parse_addresses(text):
    """(addresses, problems): each usable address once; problems as (line number, message)."""
    addresses, problems, seen = [], [], set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        candidate = line.strip().strip(",;")
        if not candidate:
            continue
        address = normalise_email(candidate)
        if len(address) > 320 or not EMAIL_SHAPE.match(address):
            problems.append((number, "is not an email address"))
        elif address in seen:
            problems.append((number, "is a repeat of an earlier line"))
        else:
            seen.add(address)
            addresses.append(address)
    return addresses, problems


def invite_many(survey, text, *, expires_in_days=None, actor=None):
    """Invite every valid address in `text` (one per line). Returns (invited, skipped,
    problems); addresses already invited to this survey are skipped, not mailed again."""
    addresses, problems = parse_addresses(text)
    if len(addresses) > MAX_ADDRESSES:
        raise InvitationError(f"Enter {MAX_ADDRESSES} addresses or fewer (you entered {len(addresses)})")
    already = {row.email for row in Invitation.select(Invitation.email)
               .where(Invitation.survey == survey, Invitation.email.in_(addresses or [""]))}
    invited = []
    with transaction():
        for address in addresses:
            if address not in already:
                invited.append(invite(survey, address, expires_in_days=expires_in_days, actor=actor))
    return invited, len(addresses) - len(invited), problems


def due_for_reminder(now=None):
    """Ids of unanswered, unexpired invitations sent at least REMINDER_AFTER ago, never reminded."""
    now = now or utcnow()
    query = (Invitation.select(Invitation.id)
             .where(Invitation.responded_at.is_null(), Invitation.reminded_at.is_null(),
                    Invitation.created_at <= now - REMINDER_AFTER,
                    Invitation.expires_at.is_null() | (Invitation.expires_at > now))
             .order_by(Invitation.id))
    return [row.id for row in query]


def send_reminder(invitation_id, now=None):
    """Remind once. Safe to run twice: the row is claimed before the email is queued,
    and the email's idempotency key is per invitation. Returns True when one was queued."""
    now = now or utcnow()
    with transaction():
        claimed = (Invitation.update(reminded_at=now)
                   .where(Invitation.id == invitation_id, Invitation.reminded_at.is_null(),
                          Invitation.responded_at.is_null()).execute())
        if not claimed:
            return False
        invitation = Invitation.get_by_id(invitation_id)
        if state(invitation, now) != "open" or availability(invitation.survey) != "open":
            return False  # the claim stands: nobody is reminded about a closed survey later
        token = secrets.token_urlsafe(24)
        invitation.reminder_token_hash = token_hash(token)
        invitation.save()
        with force_locale(language_for(invitation.email)):
            queue_email(to=invitation.email, template="survey_reminder", context=_context(invitation, token),
                        idempotency_key=f"survey-reminder:{invitation.id}", purpose="survey_invitation",
                        related=invitation)
        audit.record("survey.reminded", obj=invitation, summary="Survey reminder sent")
    return True
