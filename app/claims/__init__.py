"""Claims on work, so a piece of work runs once at a time however often it is enqueued.

huey delivers at most once, so sweeps re-enqueue whatever the database says is pending; a
sweep cannot tell work that is lost from work that is running. A claim tells them apart: a
worker takes a WorkClaim row for (work, id) before it starts, keeps it alive with a heartbeat
(app.claims.leases) while it works, and deletes it when it is done. Claims are taken in one
statement each (INSERT ... ON CONFLICT DO NOTHING, then UPDATE ... WHERE the claim has lapsed),
so two workers never both hold one, on SQLite or PostgreSQL. A worker that dies leaves a claim
that lapses within a minute, or at once when its process is known to be gone.

- `claimed(work, ids)`: a context manager yielding the ids this worker now holds (the others
  are someone else's, running now) and releasing them at the end;
- `free(work, ids)`: the ids nobody holds, for sweeps;
- `prune()`: housekeeping for claims left by workers that died.
"""
import contextlib
import datetime
import logging
from dataclasses import dataclass

from app.claims import leases
from app.claims.models import WorkClaim
from app.db import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claim:
    work: str
    token: str
    ids: tuple


def _ids(ids):
    return sorted({int(i) for i in ids})


def _lapsed(now):
    return leases.lapsed(WorkClaim.token, WorkClaim.expires_at, now)


def take(work, ids, now=None):
    """Claim whichever of `ids` nobody holds; returns the Claim (its `ids` are those held)."""
    ids = _ids(ids)
    if not ids:
        return Claim(work, "", ())
    now = now or utcnow()
    token, until = leases.new_token(), now + leases.LEASE
    WorkClaim.insert_many([{"work": work, "object_id": i, "token": token, "claimed_at": now,
                            "expires_at": until} for i in ids]).on_conflict_ignore().execute()
    (WorkClaim.update(token=token, claimed_at=now, expires_at=until)
     .where(WorkClaim.work == work, WorkClaim.object_id.in_(ids), WorkClaim.token != token, _lapsed(now))
     .execute())
    held = [row.object_id for row in WorkClaim.select(WorkClaim.object_id)
            .where(WorkClaim.token == token).order_by(WorkClaim.object_id)]
    return Claim(work, token, tuple(held))


def release(claim):
    if claim.token:
        WorkClaim.delete().where(WorkClaim.token == claim.token).execute()


def renew(claim, until):
    return WorkClaim.update(expires_at=until).where(WorkClaim.token == claim.token).execute()


@contextlib.contextmanager
def claimed(work, ids):
    """`with claimed("learning.classify", ids) as held:` work on `held` only (a list, maybe
    empty: the rest are being worked on elsewhere). The claim is renewed while the block runs
    and released after it, whether it succeeded or not."""
    claim = take(work, ids)
    if not claim.ids:
        yield []
        return
    key = leases.keep(lambda until: renew(claim, until))
    try:
        yield list(claim.ids)
    finally:
        leases.drop(key)
        try:
            release(claim)
        except Exception:  # noqa: BLE001 - the claim lapses on its own within a minute
            log.warning("could not release claim on %s", work, exc_info=True)


def free(work, ids, now=None):
    """The ids among `ids` that nobody holds a live claim on (in the order given)."""
    ids = [int(i) for i in ids]
    if not ids:
        return []
    now = now or utcnow()
    held = {row.object_id for row in WorkClaim.select(WorkClaim.object_id).where(
        WorkClaim.work == work, ~_lapsed(now))}  # the live claims: a few per worker
    return [i for i in ids if i not in held]


def prune(older_than=datetime.timedelta(hours=1), now=None):
    """Delete claims that lapsed more than `older_than` ago (left by workers that died on work
    nobody needed again); returns how many."""
    cutoff = (now or utcnow()) - older_than
    return WorkClaim.delete().where(WorkClaim.expires_at < cutoff).execute()
