"""The worker's part of the monthly delivery: a daily look at whether today is the month's first
working day (then last month's reports are asked for and delivered), the named task that emails
one delivery, and a sweep that completes deliveries a dying worker left half done."""
from huey import crontab

from app.cases.clocks import london_today
from app.db import utcnow
from app.queue import db_task, periodic_db_task, register_sweep
from app.timefmt import to_london
from reports.delivery import monthly

START_HOUR = 6  # London time: 06:30, before the working day starts


@periodic_db_task(crontab(hour="5,6", minute="30"), name="reports.monthly_lessons")
def monthly_lessons():
    """Runs at 05:30 and 06:30 UTC (huey's clock): 06:30 London time in winter and summer alike;
    a run before 06:00 London time waits for the next. Safe to run twice."""
    if to_london(utcnow()).hour < START_HOUR:
        return None
    return monthly.start_month(london_today())


@db_task("reports.deliver_lessons")
def deliver_lessons(delivery_id):
    return monthly.deliver(delivery_id)


register_sweep("lessons_deliveries", monthly.unfinished, deliver_lessons)
