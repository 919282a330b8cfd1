"""The "Quarterly scrutiny packs" part of /staff/reports: the last LISTED financial-year quarters
and each one's stored pack (kind "scrutiny", the whole council's scope), for those who may see
the whole council's reports (reports.archive.reads.may_see); and asking for one."""
from dataclasses import dataclass

from reports.archive import services as archive
from reports.archive.models import StoredReport
from reports.delivery.services import EVERY_SERVICE_ROLES
from reports.scrutiny import quarters

KIND = "scrutiny"


@dataclass(frozen=True)
class Row:
    quarter: quarters.Quarter
    report: StoredReport | None


def may_see(user):
    """Whether `user` may see and ask for the council's scrutiny packs."""
    return user.role in EVERY_SERVICE_ROLES


def listing(user, today):
    """[Row] newest first, or None for someone who may not see them."""
    if not may_see(user):
        return None
    found = quarters.listed(today)
    stored = archive.for_periods(KIND, [q.start for q in found])
    return [Row(quarter, stored.get((None, quarter.start))) for quarter in found]


def request(quarter, *, actor=None, ip=""):
    """The quarter's stored pack: the existing one, or a new one the worker builds after commit."""
    return archive.request(KIND, period_start=quarter.start, period_end=quarter.end, actor=actor, ip=ip)
