"""The panels' background work.

- `panels.daily_digest` (08:00 UTC every day) enqueues `panels.send_digest` for every member
  with something not yet digested; sending is idempotent per member per London day
  (panels.digest), so a repeated run sends nothing twice. The sweep `panels.digest` re-enqueues
  members whose rows are older than a day and still undigested (a digest lost with a worker).
- `panels.retention` (03:10 UTC every night) applies the retention rules (panels.retention).
"""
import datetime

from huey import crontab

from app.queue import db_task, periodic_db_task, register_sweep


@db_task("panels.send_digest")
def send_digest(member_id, day_iso=None):
    from panels import digest

    day = datetime.date.fromisoformat(day_iso) if day_iso else None
    row = digest.send_digest(member_id, day)
    return row.id if row is not None else None


def run_daily_digest(day=None):
    """Enqueue the digest of every member with news; returns how many were enqueued."""
    from panels import digest

    day = day or digest.london_today()
    member_ids = digest.recipients()
    for member_id in member_ids:
        send_digest(member_id, day.isoformat())
    return len(member_ids)


@periodic_db_task(crontab(hour="8", minute="0"), name="panels.daily_digest")
def daily_digest():
    return run_daily_digest()


def _lost_digests():
    from panels import digest

    return digest.lost()


register_sweep("panels.digest", _lost_digests, send_digest)


@periodic_db_task(crontab(hour="3", minute="10"), name="panels.retention")
def nightly_retention():
    from panels import retention

    return retention.apply()
