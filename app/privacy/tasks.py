"""Privacy's background work: `privacy.retention` (03:30 UTC every night) applies the retention
schedule (app.privacy.retention). It is safe to run twice, and a missed night is made up the
next: whatever has expired by then goes."""
from huey import crontab

from app.queue import periodic_db_task


@periodic_db_task(crontab(hour="3", minute="30"), name="privacy.retention")
def nightly_retention():
    from app.privacy import retention

    return retention.run()
