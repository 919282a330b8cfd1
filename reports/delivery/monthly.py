"""The monthly lessons-learnt delivery. On the first working day of a month, every service that
has subscribers gets last month's report asked of the archive (built in the worker), and once it
is built each subscriber is emailed it, with the PDF attached, through the outbox.

Exactly once per service, month and subscriber: each email's idempotency key is
"lessons-monthly:<service id>:<YYYY-MM>:<user id>", and a MonthlyDelivery row records the month's
delivery until every subscriber's email is queued. Running it twice queues nothing new; a worker
that dies after building, or half-way through the emails, leaves the delivery incomplete, and
the sweep (reports.delivery.tasks) finishes it later the same month.

Only services with subscribers: a report nobody receives is built when someone asks for it on
/staff/reports, instead of costing the worker a build a month per service."""
from app.db import utcnow
from app.mail.services import queue_email
from app.org.models import ServiceArea
from app.queue import transaction
from app.timefmt import add_months, london_midnight, month_end, to_london
from app.workdays import calendar as working_calendar
from reports.archive import services as archive
from reports.archive.models import StoredReport
from reports.delivery import services as subscriptions
from reports.delivery.models import MonthlyDelivery

KIND = "lessons"


def first_working_day(day):
    """The first working day (no weekend, no bank holiday) of `day`'s month."""
    return working_calendar().next_working_day(day.replace(day=1))


def previous_month(day):
    """(first day, last day) of the month before `day`'s."""
    start = add_months(day.replace(day=1), -1)
    return start, month_end(start)


def start_month(today):
    """Ask for last month's report of every service with subscribers and start its delivery;
    nothing unless `today` is the month's first working day. Returns the delivery ids."""
    if today != first_working_day(today):
        return []
    start, end = previous_month(today)
    started = []
    for service in list(ServiceArea.ordered()):
        if not subscriptions.subscribers(service):
            continue
        with transaction() as tx:  # the build starts after the delivery row exists (its on_ready finds it)
            report = archive.request(KIND, service=service, period_start=start, period_end=end)
            MonthlyDelivery.insert(report=report.id).on_conflict_ignore().execute()
            delivery = MonthlyDelivery.get(MonthlyDelivery.report == report.id)
            if report.is_ready and delivery.completed_at is None:
                tx.on_commit(_deliver, delivery.id)
        started.append(delivery.id)
    return started


def _deliver(delivery_id):
    from reports.delivery.tasks import deliver_lessons

    deliver_lessons(delivery_id)


def report_ready(report_id):
    """The archive's on_ready for lessons reports: deliver the month, if it is a delivery's."""
    delivery = MonthlyDelivery.get_or_none(MonthlyDelivery.report == report_id)
    if delivery is not None and delivery.completed_at is None:
        _deliver(delivery.id)


def deliver(delivery_id):
    """Queue the report's email for each subscriber who has not had it; returns how many
    emails the delivery holds, or None while the report is not built (or it is complete)."""
    delivery = MonthlyDelivery.get_or_none(MonthlyDelivery.id == delivery_id)
    if delivery is None or delivery.completed_at is not None:
        return None
    report = StoredReport.get_by_id(delivery.report_id)
    if not report.is_ready:
        return None
    people = subscriptions.subscribers(report.service)
    attachment = [(archive.filename(report), "application/pdf", bytes(report.pdf))]
    for person in people:
        queue_email(person.email, "lessons_report", email_context(report, person),
                    idempotency_key=idempotency_key(report, person), purpose="lessons_report",
                    related=report, attachments=attachment)
    MonthlyDelivery.update(completed_at=utcnow(), emails=len(people)).where(
        MonthlyDelivery.id == delivery.id, MonthlyDelivery.completed_at.is_null()).execute()
    return len(people)


def idempotency_key(report, person):
    return f"lessons-monthly:{report.service_id}:{report.period_start:%Y-%m}:{person.id}"


def email_context(report, person):
    return {"name": person.name, "service": report.service.name,
            "period": f"{report.period_start:%B %Y}", "pages": report.pages,
            "previous_period": f"{add_months(report.period_start, -1):%B %Y}",
            "headlines": [line for line in report.summary.splitlines() if line.strip()],
            "read_path": f"/staff/reports/{report.id}/read", "index_path": "/staff/reports",
            "subscriptions_path": "/staff/reports/subscriptions"}


def unfinished(now=None):
    """Deliveries started this month (London) whose report is built but whose emails are not
    all queued: what a worker that died left behind."""
    now = now or utcnow()
    month_start = london_midnight(to_london(now).date().replace(day=1))
    query = (MonthlyDelivery.select(MonthlyDelivery.id).join(StoredReport)
             .where(MonthlyDelivery.completed_at.is_null(), MonthlyDelivery.started_at >= month_start,
                    StoredReport.status == "ready"))
    return [row.id for row in query.order_by(MonthlyDelivery.id)]
