from peewee import DateTimeField, ForeignKeyField, IntegerField

from app.auth.models import User
from app.db import BaseModel, utcnow
from app.org.models import ServiceArea
from reports.archive.models import StoredReport


class Subscription(BaseModel):
    """A member of staff receives the monthly lessons-learnt report of a service by email."""

    user = ForeignKeyField(User, backref="report_subscriptions", on_delete="CASCADE")
    service = ForeignKeyField(ServiceArea, backref="report_subscriptions", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow)
    created_by = ForeignKeyField(User, null=True, backref="report_subscriptions_made", on_delete="SET NULL")

    class Meta:
        table_name = "report_subscription"
        indexes = ((("user", "service"), True),)


class MonthlyDelivery(BaseModel):
    """The monthly emailing of one stored lessons-learnt report to its service's subscribers:
    started on the month's first working day, completed once every subscriber's email is queued
    (each with its own idempotency key, so completing it again never mails anyone twice)."""

    report = ForeignKeyField(StoredReport, unique=True, backref="deliveries", on_delete="CASCADE")
    started_at = DateTimeField(default=utcnow)
    completed_at = DateTimeField(null=True, index=True)
    emails = IntegerField(default=0)

    class Meta:
        table_name = "report_delivery"
