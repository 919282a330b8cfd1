"""The worker's part of the monthly delivery: a daily look at whether today is the month's first
working day (then last month's reports are asked for and delivered), the named task that emails
one delivery, and a sweep that completes deliveries a dying worker left half done."""
from huey import crontab

from app.cases.clocks import london_today
from app.queue import db_task, periodic_db_task, register_sweep
from reports.delivery import monthly
from reports.tasks import morning_has_begun


@periodic_db_task(crontab(hour="5,6", minute="30"), name="reports.monthly_lessons")
def monthly_lessons():
    """06:30 London time (reports.tasks.morning_has_begun), before the working day starts. Safe
    to run twice."""
    if not morning_has_begun():
        return None
    return monthly.start_month(london_today())


@db_task("reports.deliver_lessons", claim=True)
def deliver_lessons(delivery_id):
    return monthly.deliver(delivery_id)


register_sweep("lessons_deliveries", monthly.unfinished, deliver_lessons)
