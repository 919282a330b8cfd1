"""The webhook tasks: deliver one delivery by id (claimed while it runs); the sweep that reads
new events into deliveries and enqueues every delivery that is due (every minute, and when a
consumer starts); and a nightly prune of old finished deliveries."""
import datetime
import logging

from huey import crontab

from app.db import utcnow
from app.queue import db_task, periodic_db_task, register_sweep
from app.webhooks import events, services
from app.webhooks.models import WebhookDelivery

log = logging.getLogger(__name__)
KEEP_FINISHED = datetime.timedelta(days=90)


@db_task("webhooks.deliver", claim=True)
def deliver(delivery_id):
    answer = services.deliver(delivery_id)
    return None if answer is None else answer.status_code


def pending_deliveries():
    """The sweep: new events become deliveries, then every due delivery is enqueued. A failing
    dispatcher is logged, and due deliveries still go (and the other sweeps still run)."""
    try:
        events.dispatch()
    except Exception:  # noqa: BLE001
        log.exception("webhooks: reading new events failed; will try again at the next sweep")
    return services.due_ids()


register_sweep("webhooks", pending_deliveries, deliver)


@periodic_db_task(crontab(minute="23", hour="3"), name="webhooks.prune")
def prune():
    """Delivered and failed deliveries are kept KEEP_FINISHED for the admin page, then deleted."""
    return (WebhookDelivery.delete()
            .where(WebhookDelivery.status.in_(["delivered", "failed"]),
                   WebhookDelivery.created_at < utcnow() - KEEP_FINISHED).execute())
