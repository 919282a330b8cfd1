"""The worker's part of the scrutiny pack: a daily look at whether today is the first working day
after a quarter ended (then the quarter's pack is asked for; the archive builds it)."""
from huey import crontab

from app.cases.clocks import london_today
from app.db import utcnow
from app.queue import periodic_db_task
from app.timefmt import to_london
from reports.scrutiny import quarterly

START_HOUR = 6  # London time, as the monthly lessons-learnt delivery


@periodic_db_task(crontab(hour="5,6", minute="40"), name="reports.quarterly_scrutiny")
def quarterly_scrutiny():
    """Runs at 05:40 and 06:40 UTC: 06:40 London time in winter and summer alike; a run before
    06:00 London time waits for the next. Safe to run twice."""
    if to_london(utcnow()).hour < START_HOUR:
        return None
    return quarterly.start_quarter(london_today())
