"""Subscribing staff to services' monthly lessons-learnt reports.

Service leads subscribe themselves to their own services; administrators, complaints officers
and analysts to any service; administrators also subscribe (and unsubscribe) other staff, within
what those staff may see. Each change is audited."""
from app.audit import services as audit
from app.auth.models import User
from app.auth.roles import ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER, SERVICE_LEAD
from app.org.models import ServiceArea
from app.queue import transaction
from reports.delivery.models import Subscription

EVERY_SERVICE_ROLES = (ADMINISTRATOR, COMPLAINTS_OFFICER, ANALYST)
SUBSCRIBER_ROLES = EVERY_SERVICE_ROLES + (SERVICE_LEAD,)


class SubscriptionError(ValueError):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def services_for(user):
    """The services whose reports `user` may receive."""
    if user.role in EVERY_SERVICE_ROLES:
        return list(ServiceArea.ordered())
    if user.role == SERVICE_LEAD:
        own = user.service_ids()
        return [service for service in ServiceArea.ordered() if service.id in own]
    return []


def subscribed_ids(user):
    return {row.service_id for row in Subscription.select(Subscription.service).where(Subscription.user == user.id)}


def set_subscriptions(user, service_ids, *, actor):
    """Make `user`'s subscriptions exactly `service_ids`; returns (added, removed) service names.
    Only `actor` themselves, or an administrator, may change them."""
    if actor.id != user.id and actor.role != ADMINISTRATOR:
        raise SubscriptionError("Only an administrator can change someone else's reports")
    allowed = {service.id: service for service in services_for(user)}
    wanted = set(service_ids)
    if wanted - set(allowed):
        raise SubscriptionError(f"{user.name} cannot receive reports for some of those services", field="services")
    current = subscribed_ids(user)
    added, removed = sorted(wanted - current), sorted(current - wanted)
    if not added and not removed:
        return [], []
    with transaction():
        for service_id in added:
            Subscription.create(user=user, service=service_id, created_by=actor)
        if removed:
            Subscription.delete().where(Subscription.user == user.id, Subscription.service.in_(removed)).execute()
        audit.record("reports.subscriptions_changed", actor=actor, obj=user,
                     summary=f"Monthly reports for {user.email}: {len(added)} added, {len(removed)} removed",
                     details={"added": added, "removed": removed})
    return [allowed[i].name for i in added], [ServiceArea.get_by_id(i).name for i in removed]


def subscribers(service):
    """Active staff who receive `service`'s monthly report and may still see it."""
    users = (User.select().join(Subscription, on=(Subscription.user == User.id))
             .where(Subscription.service == service, User.active == True)  # noqa: E712
             .order_by(User.id))
    return [user for user in users if any(s.id == service.id for s in services_for(user))]


def staff_who_may_subscribe():
    return list(User.select().where(User.active == True, User.role.in_(list(SUBSCRIBER_ROLES)))  # noqa: E712
                .order_by(User.name, User.id))
