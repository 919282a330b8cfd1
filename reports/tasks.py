"""Keeping the dashboard's summaries fresh in the worker.

`reports.refresh_summaries` runs every minute and recomputes only the days that changed
(reports.summaries_refresh), so a new item shows on the dashboard within a couple of minutes;
`reports.rebuild_summaries` rebuilds everything once a night, as a safety net for what leaves
no trace to follow (a deleted item, say). Both hold the same claim (app.claims), so they never
overlap, and both are safe to run twice. A worker that dies mid-refresh leaves a claim that
lapses within a minute (a huey lock stayed until someone flushed it, and the dashboard stopped
refreshing).
"""
import contextlib
import time

from huey import crontab

from app.claims import claimed
from app.db import utcnow
from app.queue import periodic_db_task
from app.timefmt import to_london

LOCK = "reports.summaries"
MORNING_HOUR = 6  # reports sent or prepared by themselves wait for 06:00 London time
WAIT_SECONDS = 600  # a full rebuild on a million items takes a few minutes


def morning_has_begun():
    """Whether it is past MORNING_HOUR in London. Morning tasks run twice, an hour apart in
    huey's UTC clock (05:xx and 06:xx), and act on whichever run is past 06:00 London time:
    06:xx London in winter and summer alike."""
    return to_london(utcnow()).hour >= MORNING_HOUR


def refresh_now(full=False, wait_seconds=WAIT_SECONDS):
    """Refresh the summaries now, for code that builds a report from them: if the worker's
    periodic run holds the claim, wait for it to finish (up to `wait_seconds`) and then refresh,
    so the report never reads summaries that miss what has just been classified. Returns None
    if the claim was never free."""
    deadline = time.monotonic() + wait_seconds
    while True:
        done = _run(full)
        if done is not None or time.monotonic() >= deadline:
            return done
        time.sleep(0.5)


@contextlib.contextmanager
def summaries_held():
    """Hold the summaries' claim for the block; yields False when someone else holds it."""
    with claimed(LOCK, [0]) as held:
        yield bool(held)


def _run(full):
    from reports.summaries_refresh import refresh

    with summaries_held() as held:
        if not held:
            return None  # the other run is still going; the next minute's picks up the rest
        return refresh(full=full)


@periodic_db_task(crontab(minute="*"), name="reports.refresh_summaries")
def refresh_summaries():
    return _run(full=False)


@periodic_db_task(crontab(hour="2", minute="30"), name="reports.rebuild_summaries")
def rebuild_summaries():
    return _run(full=True)
