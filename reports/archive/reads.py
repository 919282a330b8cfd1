"""What /staff/reports shows: the services a member of staff may see, the months listed for each
(the last 12 complete months, and any other month asked for), and each month's stored
lessons-learnt report if there is one."""
import datetime
from dataclasses import dataclass

from app.auth.roles import SERVICE_LEAD
from app.timefmt import add_months, month_end
from reports.archive import services
from reports.archive.models import StoredReport
from reports.delivery.services import EVERY_SERVICE_ROLES, SUBSCRIBER_ROLES as ROLES, services_for

MONTHS = 12
KIND = "lessons"
EARLIEST = datetime.date(2000, 1, 1)  # the earliest month (or quarter) anyone may ask for


@dataclass(frozen=True)
class Month:
    start: datetime.date
    end: datetime.date
    report: StoredReport | None

    @property
    def value(self):
        return f"{self.start:%Y-%m}"

    @property
    def words(self):
        return f"{self.start:%B %Y}"


def may_see(user, report):
    """Whether `user` may download or read `report` (a service's: its lead or any role that
    sees every service; the whole council's: only those roles)."""
    if user.role in EVERY_SERVICE_ROLES:
        return True
    return user.role == SERVICE_LEAD and report.service_id is not None and report.service_id in user.service_ids()


def months_words(start, end):
    """A period of whole months in words: "March 2026", "July to September 2026"."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%B %Y}"
    return f"{start:%B} to {end:%B %Y}" if start.year == end.year else f"{start:%B %Y} to {end:%B %Y}"


def describe(report):
    """What a page calls a stored report beside its kind: "Parking, March 2026" for a service's,
    "January to March 2026" for the whole council's."""
    period = months_words(report.period_start, report.period_end)
    return f"{report.service.name}, {period}" if report.service_id else period


def month_starts(today, extra=None):
    """The last MONTHS complete months, newest first, with `extra` (a first day) added."""
    first = today.replace(day=1)
    starts = [add_months(first, -n) for n in range(1, MONTHS + 1)]
    if extra is not None and extra not in starts:
        starts = sorted(starts + [extra], reverse=True)
    return starts


def listing(user, today, extra=None):
    """[(service, [Month])] for the page."""
    found_services = services_for(user)  # those whose reports `user` may receive
    starts = month_starts(today, extra)
    stored = services.for_periods(KIND, starts, [s.id for s in found_services])
    return [(service, [Month(start, month_end(start), stored.get((service.id, start))) for start in starts])
            for service in found_services]


def ended_month(year, month, today):
    """The first day of a month that has ended and is not before EARLIEST, or ValueError."""
    start = datetime.date(year, month, 1)
    if start >= today.replace(day=1):
        raise ValueError("The month must be one that has ended")
    if start < EARLIEST:
        raise ValueError(f"The month must be {EARLIEST:%B %Y} or later")
    return start
