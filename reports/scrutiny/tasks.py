"""The worker's part of the scrutiny pack: a daily look at whether today is the first working day
after a quarter ended (then the quarter's pack is asked for; the archive builds it)."""
from huey import crontab

from app.cases.clocks import london_today
from app.queue import periodic_db_task
from reports.scrutiny import quarterly
from reports.tasks import morning_has_begun


@periodic_db_task(crontab(hour="5,6", minute="40"), name="reports.quarterly_scrutiny")
def quarterly_scrutiny():
    """06:40 London time (reports.tasks.morning_has_begun). Safe to run twice."""
    if not morning_has_begun():
        return None
    return quarterly.start_quarter(london_today())
