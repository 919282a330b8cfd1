"""Safeguarding alerts: an email within minutes of a flag, to the complaints officers of the
item's service (the officers assigned to it; all complaints officers when none are) and to the
safeguarding lead (SAFEGUARDING_LEAD_EMAIL, when set).

The email carries no resident's words and no name: the reason categories, the severity, the
reference and links to the item (and its case) in Heard. Each goes through the outbox with an
idempotency key per flag and recipient, so sending twice (a retry, the sweep) never mails
anyone twice. `notified_at` is set once every email is queued; the sweep re-enqueues flags
still without it (learning.safeguarding_alerts in app.learning.tasks).

Only news is emailed: a flag on something a resident told us more than MAX_AGE_DAYS ago (old
feedback imported, or classified again by a new model) goes to the urgent queue without an email.
"""
import datetime

from app.auth.models import User, UserService
from app.auth.roles import COMPLAINTS_OFFICER
from app.db import utcnow
from app.learning.models import SafeguardingFlag
from app.queue import settings as settings_in_use
from app.mail.services import queue_email

TEMPLATE = "safeguarding_alert"
PURPOSE = "safeguarding_alert"
SWEEP_BATCH = 200
MAX_AGE_DAYS = 14


def idempotency_key(flag_id, recipient):
    return f"safeguarding-alert:{flag_id}:{recipient}"


def recipients(item, settings=None):
    """[(recipient key, address)]: the service's complaints officers (else all of them), then
    the safeguarding lead; each address once."""
    settings = settings or settings_in_use()
    officers = User.select().where((User.active == True) & (User.role == COMPLAINTS_OFFICER))  # noqa: E712
    assigned = []
    if item.service_id is not None:
        assigned = list(officers.join(UserService, on=(UserService.user == User.id))
                        .where(UserService.service == item.service_id).order_by(User.id))
    found = [(f"user:{user.id}", user.email) for user in (assigned or officers.order_by(User.id))]
    if settings.safeguarding_lead_email:
        found.append(("lead", settings.safeguarding_lead_email))
    seen, unique = set(), []
    for key, address in found:
        if address.lower() not in seen:
            seen.add(address.lower())
            unique.append((key, address))
    return unique


def _context(flag):
    from app.cases.services import case_of

    item = flag.item
    case = case_of(item)
    return {"reference": item.reference, "reasons": flag.reason_list, "severity": flag.severity_words,
            "kind": item.kind_label, "service": item.service.name if item.service_id else "Not known",
            "item_path": f"/staff/feedback/{item.id}", "case_path": f"/staff/cases/{case.id}" if case else "",
            "case_reference": case.reference if case else ""}


def send_alerts(flag_id):
    """Queue the alert for every recipient (once each); returns the outbox rows queued or found."""
    flag = SafeguardingFlag.get_or_none(SafeguardingFlag.id == flag_id)
    if flag is None or flag.notified_at is not None:
        return []
    rows = []
    recent = flag.item.received_at >= utcnow() - datetime.timedelta(days=MAX_AGE_DAYS)
    if flag.status == "open" and recent:
        context = _context(flag)
        for recipient, address in recipients(flag.item):
            rows.append(queue_email(address, TEMPLATE, context, idempotency_key=idempotency_key(flag.id, recipient),
                                    purpose=PURPOSE, related=flag))
    (SafeguardingFlag.update(notified_at=utcnow())
     .where((SafeguardingFlag.id == flag.id) & SafeguardingFlag.notified_at.is_null()).execute())
    return rows


def unnotified(limit=SWEEP_BATCH):
    """Ids of flags whose alerts have not all been queued (for the sweep)."""
    return [row.id for row in SafeguardingFlag.select(SafeguardingFlag.id)
            .where(SafeguardingFlag.notified_at.is_null()).order_by(SafeguardingFlag.id).limit(limit)]
