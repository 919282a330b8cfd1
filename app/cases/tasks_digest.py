"""The daily case digest: `cases.daily_digest` runs every morning (07:00 UTC, 07:00 or 08:00 in
London) and enqueues `cases.send_digest` for each officer. Sending is idempotent per officer
per day (app.cases.digest), so a repeated run, or one after a lost worker, sends nothing twice.
"""
import datetime

from huey import crontab

from app.queue import db_task, periodic_db_task


@db_task("cases.send_digest")
def send_digest(user_id, day_iso):
    from app.cases import digest

    row = digest.send_digest(user_id, datetime.date.fromisoformat(day_iso))
    return row.id if row is not None else None


def run_daily_digest(day=None):
    """Enqueue today's digest for every officer; returns how many were enqueued."""
    from app.cases import clocks, digest

    day = day or clocks.today()
    user_ids = digest.recipients(day)
    for user_id in user_ids:
        send_digest(user_id, day.isoformat())
    return len(user_ids)


@periodic_db_task(crontab(hour="7", minute="0"), name="cases.daily_digest")
def daily_digest():
    return run_daily_digest()
