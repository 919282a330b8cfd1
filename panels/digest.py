"""The members' notification digest: one email a day at most, gathering what happened on their
panels since the last one — new proposals, replies to their comments, decisions.

- The proposals package writes `Notification` rows as things happen; the digest reads every row
  not yet digested for one member and, in one transaction, queues one email with the
  idempotency key `panel-digest:<member id>:<day>` and marks the rows digested. Running it twice
  (or the sweep after a lost worker) never sends a second email that day; rows that arrive
  after that day's email wait for the next day's.
- Only panels the member still belongs to, and proposals opened to members, are told about;
  rows for panels they left are marked without being sent.
- A member who switched the digest off gets nothing: their rows are marked, so switching it
  back on starts afresh rather than with a backlog.
- The email carries proposal titles and links only, never anybody's words.
"""
import datetime
from dataclasses import dataclass

from app.db import utcnow
from app.languages import N_
from app.mail.models import OutboxMessage
from app.mail.services import queue_email
from app.queue import transaction
from panels import access
from panels.applications import written_in_their_language
from panels.models import Member
from panels.proposals.participation import london_today
from panels.proposals.models import Notification, Proposal

TEMPLATE = "panel_digest"
PURPOSE = "panel_digest"
SECTION_ORDER = ("decision", "proposal", "reply")
SECTIONS = {"proposal": N_("New proposals"), "reply": N_("Replies to your comments"),
            "decision": N_("Decisions")}  # translated in the email (its reader's language)
LOST_AFTER = datetime.timedelta(hours=26)  # an undigested row this old: that day's digest was lost


def idempotency_key(member_id, day):
    return f"panel-digest:{member_id}:{day.isoformat()}"


@dataclass(frozen=True)
class DigestLine:
    kind: str
    proposal_id: int
    title: str
    panel: str
    count: int  # replies folded into one line per proposal


def _undigested(member):
    return list(Notification.select(Notification, Proposal).join(Proposal)
                .where((Notification.member == member) & Notification.digested_at.is_null())
                .order_by(Notification.created_at, Notification.id))


def _mark(rows, now):
    ids = [row.id for row in rows]
    if ids:
        Notification.update(digested_at=now).where(Notification.id.in_(ids)).execute()


def _lines(member, rows):
    """(lines by kind, rows to mark): only current panels and proposals opened to members."""
    panels = {panel.id: panel.name for panel in access.member_panels(member)}
    found = {}
    for row in rows:
        proposal = row.proposal
        if proposal.panel_id not in panels or proposal.status == "draft" or row.kind not in SECTIONS:
            continue
        key = (row.kind, proposal.id)
        count = found[key].count + 1 if key in found else 1
        found[key] = DigestLine(row.kind, proposal.id, proposal.title, panels[proposal.panel_id], count)
    return {kind: [line for (k, _), line in found.items() if k == kind] for kind in SECTION_ORDER}


def recipients():
    """Ids of members with anything not yet digested."""
    return [row.member_id for row in Notification.select(Notification.member).distinct()
            .where(Notification.digested_at.is_null()).order_by(Notification.member)]


def lost():
    """Ids of members whose digest should have gone out but did not (for the sweep)."""
    return [row.member_id for row in Notification.select(Notification.member).distinct()
            .where(Notification.digested_at.is_null() & (Notification.created_at < utcnow() - LOST_AFTER))
            .order_by(Notification.member)]


def send_digest(member_id, day=None):
    """Queue `member_id`'s digest for `day` (default London's today); returns the outbox row,
    or None when there is nothing to send (nothing new, or the digest is switched off)."""
    day = day or london_today()
    key = idempotency_key(member_id, day)
    with transaction():
        member = Member.get_or_none(Member.id == member_id)
        if member is None:
            return None
        existing = OutboxMessage.get_or_none(OutboxMessage.idempotency_key == key)
        if existing is not None:  # today's went out: anything newer waits for tomorrow's
            return existing
        rows = _undigested(member)
        now = utcnow()
        if not member.digest_enabled or member.anonymised_at is not None:
            _mark(rows, now)
            return None
        sections = _lines(member, rows)
        _mark(rows, now)
        if not any(sections.values()):
            return None
        context = {"name": member.name, "day": day,
                   "sections": [{"kind": kind, "heading": SECTIONS[kind], "lines": sections[kind]}
                                for kind in SECTION_ORDER if sections[kind]],
                   "total": sum(len(lines) for lines in sections.values())}
        with written_in_their_language(member):  # the section headings are translated in the template
            return queue_email(member.email, TEMPLATE, context, idempotency_key=key, purpose=PURPOSE,
                               related=member)


def set_digest(member, enabled):
    """Switch `member`'s digest on or off. Switching it on starts afresh: what happened while it
    was off is not sent later."""
    with transaction():
        Member.update(digest_enabled=bool(enabled)).where(Member.id == member.id).execute()
        if enabled and not member.digest_enabled:
            _mark(_undigested(member), utcnow())
    member.digest_enabled = bool(enabled)
    return member

