"""Polling an IMAP folder: remember UIDVALIDITY and the last UID, fetch what is new
with BODY.PEEK[] (nothing is marked as read), store each message before moving on.

If the folder's UIDVALIDITY changes, every message is fetched again: the ones we
already have are recognised as duplicates and create nothing.
"""
import datetime
import imaplib
import logging
import re
import ssl

from app.db import utcnow
from app.inbox.models import MailboxState
from app.inbox.services import Result, Summary, process_safely, store

log = logging.getLogger(__name__)
BATCH = 25
UID = re.compile(rb"UID (\d+)")


class PollFailed(Exception):
    """The mailbox could not be reached or read."""


def mailbox_key(settings):
    return (f"{settings.imap_username}@{settings.imap_host}:{settings.imap_port}/"
            f"{settings.imap_folder}")[:400]


def connect(settings, timeout=60):
    context = ssl.create_default_context()
    if settings.imap_security == "ssl":
        conn = imaplib.IMAP4_SSL(settings.imap_host, settings.imap_port, ssl_context=context,
                                 timeout=timeout)
    else:
        conn = imaplib.IMAP4(settings.imap_host, settings.imap_port, timeout=timeout)
        if settings.imap_security == "starttls":
            conn.starttls(context)
    conn.login(settings.imap_username, settings.imap_password)
    return conn


def quoted(folder):
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def due(settings, now=None):
    """Whether the folder's last poll is at least IMAP_POLL_MINUTES ago."""
    state = MailboxState.get_or_none(MailboxState.mailbox == mailbox_key(settings))
    if state is None or state.last_polled_at is None:
        return True
    wait = datetime.timedelta(minutes=max(1, settings.imap_poll_minutes)) - datetime.timedelta(seconds=20)
    return (now or utcnow()) - state.last_polled_at >= wait


def poll(settings, batch_size=BATCH):
    """One poll of the configured folder; returns the Summary. Raises PollFailed."""
    state, _ = MailboxState.get_or_create(mailbox=mailbox_key(settings))
    summary = Summary()
    try:
        conn = connect(settings)
        try:
            _poll_folder(conn, state, settings, summary, batch_size)
        finally:
            _logout(conn)
    except (imaplib.IMAP4.error, OSError, EOFError) as error:
        message = f"{type(error).__name__}: {str(error)[:200]}"
        MailboxState.update(last_error=message, last_polled_at=utcnow()).where(
            MailboxState.id == state.id).execute()
        log.warning("IMAP poll failed: %s", type(error).__name__)
        raise PollFailed(message) from error
    MailboxState.update(last_error="", last_polled_at=utcnow()).where(
        MailboxState.id == state.id).execute()
    return summary


def _logout(conn):
    try:
        conn.logout()
    except (imaplib.IMAP4.error, OSError, EOFError):
        pass


def _poll_folder(conn, state, settings, summary, batch_size):
    status, _ = conn.select(quoted(settings.imap_folder), readonly=True)
    if status != "OK":
        raise imaplib.IMAP4.error("the folder could not be opened")
    uidvalidity = int(conn.response("UIDVALIDITY")[1][0])
    if state.uidvalidity != uidvalidity:
        if state.uidvalidity is not None:
            log.info("IMAP UIDVALIDITY changed: reading the whole folder again")
        state.uidvalidity, state.last_uid = uidvalidity, 0
        state.save()
    uids = new_uids(conn, state.last_uid)
    source = f"imap:{settings.imap_folder}"[:200]
    for start in range(0, len(uids), batch_size):
        for uid, raw in fetch(conn, uids[start:start + batch_size]):
            row, new = store(raw, source)
            state.last_uid = uid  # stored, so never fetched again in this UIDVALIDITY
            MailboxState.update(last_uid=uid).where(MailboxState.id == state.id).execute()
            summary.add(process_safely(row.id, settings=settings) if new else Result("duplicate", row.id))


def new_uids(conn, last_uid):
    status, data = conn.uid("SEARCH", None, f"UID {last_uid + 1}:*")
    if status != "OK":
        raise imaplib.IMAP4.error("UID SEARCH failed")
    found = {int(token) for token in (data[0] or b"").split() if token.isdigit()}
    return sorted(uid for uid in found if uid > last_uid)  # "n:*" always matches the newest


def fetch(conn, uids):
    """[(uid, raw bytes)] in UID order; messages expunged meanwhile are simply absent."""
    status, data = conn.uid("FETCH", ",".join(map(str, uids)), "(UID BODY.PEEK[])")
    if status != "OK":
        raise imaplib.IMAP4.error("UID FETCH failed")
    found, current = [], None
    for part in data:
        if isinstance(part, tuple):
            match = UID.search(part[0])
            current = [int(match.group(1)) if match else None, part[1]]
            found.append(current)
        elif isinstance(part, bytes) and current is not None and current[0] is None:
            match = UID.search(part)  # some servers send UID after the literal
            if match:
                current[0] = int(match.group(1))
    return sorted((uid, raw) for uid, raw in found if uid is not None and raw is not None)
