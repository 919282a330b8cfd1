"""What the staff home shows: the numbers each person needs first."""
import datetime
from dataclasses import dataclass

from peewee import JOIN, fn

from app.auth.roles import ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER, SERVICE_LEAD
from app.cases import access as case_access
from app.db import utcnow
from app.feedback.models import FeedbackItem
from app.org.models import ServiceArea


# Who may read residents' words on the home page (others, such as panel facilitators, see counts).
WORD_READERS = (ADMINISTRATOR, COMPLAINTS_OFFICER, ANALYST, SERVICE_LEAD)


@dataclass
class HomeSummary:
    scope: str
    total: int
    last_30_days: int
    open_items: int
    by_kind: dict
    by_service: list
    recent: list


def _scoped(query, user):
    if user.role == SERVICE_LEAD:
        return query.where(FeedbackItem.service.in_(list(user.service_ids()) or [0]))
    return query


def home_summary(user):
    base = _scoped(FeedbackItem.select(), user)
    since = utcnow() - datetime.timedelta(days=30)
    by_kind = {row.kind: row.n for row in _scoped(
        FeedbackItem.select(FeedbackItem.kind, fn.COUNT(FeedbackItem.id).alias("n"))
        .group_by(FeedbackItem.kind), user)}
    by_service = list(_scoped(
        ServiceArea.select(ServiceArea.name, fn.COUNT(FeedbackItem.id).alias("n"))
        .join(FeedbackItem, on=(FeedbackItem.service == ServiceArea.id))
        .group_by(ServiceArea.name).order_by(fn.COUNT(FeedbackItem.id).desc()), user).dicts())
    in_cases = case_access.case_items_scope(user)  # never words from a case they may not see
    recent = list((base if in_cases is None else base.where(in_cases))
                  .select(FeedbackItem, ServiceArea).join(ServiceArea, JOIN.LEFT_OUTER)
                  .order_by(FeedbackItem.received_at.desc()).limit(10)) if user.role in WORD_READERS else []
    scope = ", ".join(s.name for s in ServiceArea.select().where(
        ServiceArea.id.in_(list(user.service_ids()) or [0]))) if user.role == SERVICE_LEAD else "All services"
    return HomeSummary(
        scope=scope, total=base.count(),
        last_30_days=base.where(FeedbackItem.received_at >= since).count(),
        open_items=base.where(FeedbackItem.status.not_in(["responded", "closed"])).count(),
        by_kind=by_kind, by_service=by_service, recent=recent,
    )
