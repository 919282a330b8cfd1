"""The demo's monthly reports: each demo service lead receives their services' lessons-learnt
reports (reports.delivery), and last month's report of each of those services is asked for, so
the worker has built it (PDF and HTML twin, /staff/reports) by the time a lead signs in after
`make run`. Other services' reports are a click away on /staff/reports.

    seed_reports(users, today) -> number of reports asked for
"""
from app.auth.roles import SERVICE_LEAD
from app.org.models import ServiceArea
from app.timefmt import add_months, month_end
from reports.archive import services as archive
from reports.delivery import services as subscriptions


def seed_reports(users, today):
    admin = next(user for user in users.values() if user.role == "administrator")
    wanted = set()
    for user in users.values():
        if user.role == SERVICE_LEAD and user.active:
            own = sorted(user.service_ids())
            subscriptions.set_subscriptions(user, own, actor=admin)
            wanted.update(own)
    start = add_months(today, -1)
    for service in ServiceArea.select().where(ServiceArea.id.in_(sorted(wanted) or [0])):
        archive.request("lessons", period_start=start, period_end=month_end(start), service=service)
    return len(wanted)
