from peewee import DateTimeField, ForeignKeyField

from app.auth.models import User
from app.db import BaseModel, utcnow
from app.org.models import ServiceArea


class Subscription(BaseModel):
    """A member of staff receives the monthly lessons-learnt report of a service by email."""

    user = ForeignKeyField(User, backref="report_subscriptions", on_delete="CASCADE")
    service = ForeignKeyField(ServiceArea, backref="report_subscriptions", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow)
    created_by = ForeignKeyField(User, null=True, backref="report_subscriptions_made", on_delete="SET NULL")

    class Meta:
        table_name = "report_subscription"
        indexes = ((("user", "service"), True),)
