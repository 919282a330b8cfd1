"""Leases: who holds a piece of work, for how long, and a heartbeat that keeps it held.

A lease is a token and an expiry written on a row (a WorkClaim, or an outbox message being
sent). It is short (LEASE, a minute) so work a dead worker held is free again within a minute,
and a live worker keeps it for as long as the work takes: `keep(renew)` registers a renewal
that one heartbeat thread per process calls every RENEW_EVERY (a quarter of the lease).

A token names its holder: `<machine>-<pid>-<process>-<random>`. The machine part is a hash of
the host name, the boot and the PID namespace, so two containers never judge each other's
processes. A lease whose holder is a process on this machine that no longer runs (or an
earlier process that had our PID) has lapsed at once: a consumer that starts again after a
crash takes back its own work without waiting for the lease to run out (`lapsed`).
"""
import datetime
import hashlib
import logging
import os
import secrets
import socket
import threading

from app.db import db, utcnow

log = logging.getLogger(__name__)

LEASE = datetime.timedelta(seconds=60)
RENEW_EVERY = LEASE / 4
PROCESS = secrets.token_hex(3)  # this process's own mark, beside its PID (which can recur)
_machine = {}


def machine():
    """This host, boot and PID namespace, as 8 hex characters."""
    if "id" not in _machine:
        parts = [socket.gethostname()]
        try:
            with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as stream:
                parts.append(stream.read().strip())
            parts.append(os.readlink("/proc/self/ns/pid"))
        except OSError:
            pass  # not Linux: the host name alone
        _machine["id"] = hashlib.sha256("|".join(parts).encode()).hexdigest()[:8]
    return _machine["id"]


def new_token():
    """A fresh token naming this process (at most 32 characters)."""
    return f"{machine()}-{os.getpid()}-{PROCESS}-{secrets.token_hex(4)}"


def holder_gone(token):
    """True when the token's holder is a process on this machine that is no longer running.
    Tokens from elsewhere (or of another shape) are never judged: their lease runs out."""
    parts = (token or "").split("-")
    if len(parts) != 4 or parts[0] != machine() or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    if pid == os.getpid():
        return parts[2] != PROCESS  # an earlier process that had our PID
    return not _running(pid)


def _running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. PermissionError: it runs, as someone else
        return True
    return True


def lapsed(token_field, until_field, now, scope=None):
    """An expression for rows whose lease has run out or whose holder has gone (`scope`
    narrows the rows whose holders are looked at: those that can hold a lease at all)."""
    live = token_field.model.select(token_field).where(until_field >= now).distinct()
    if scope is not None:
        live = live.where(scope)
    gone = [token for (token,) in live.tuples() if holder_gone(token)]
    expression = until_field < now
    return (expression | token_field.in_(gone)) if gone else expression


class _Heartbeat:
    """One daemon thread per process that calls every registered renewal with the new expiry."""

    def __init__(self):
        self.lock = threading.Lock()
        self.renewals = {}
        self.thread = None
        self.pid = None

    def keep(self, renew):
        key = object()
        with self.lock:
            self.renewals[key] = renew
            if self.thread is None or self.pid != os.getpid() or not self.thread.is_alive():
                self.pid = os.getpid()  # threads do not survive a fork: start one here
                self.thread = threading.Thread(target=self._run, name="lease-heartbeat", daemon=True)
                self.thread.start()
        return key

    def drop(self, key):
        with self.lock:
            self.renewals.pop(key, None)

    def _run(self):
        stop = threading.Event()
        while not stop.wait(RENEW_EVERY.total_seconds()):
            with self.lock:
                renewals = list(self.renewals.values())
            if renewals:
                self.beat(renewals)

    @staticmethod
    def beat(renewals):
        until = utcnow() + LEASE
        try:
            with db.connection_context():
                for renew in renewals:
                    renew(until)
        except Exception:  # noqa: BLE001 - a missed beat is retried; the lease has slack
            log.warning("could not renew leases; retrying", exc_info=True)


heartbeat = _Heartbeat()


def keep(renew):
    """Call `renew(until)` every RENEW_EVERY until `drop(key)`; returns the key."""
    return heartbeat.keep(renew)


def drop(key):
    heartbeat.drop(key)
