"""Subscriptions (create, pause, resume, delete, send a test event) and deliveries (send one,
retry one by hand, which are due). Each write is one transaction with its audit line; tasks
are enqueued after commit."""
import secrets
import uuid
from urllib.parse import urlsplit

from app.audit import services as audit
from app.db import utcnow
from app.queue import transaction
from app.webhooks import events, sending
from app.webhooks.models import WebhookDelivery, WebhookSubscription

URL_LIMIT = 2000


class WebhookError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def _deliver_task():
    from app.webhooks.tasks import deliver

    return deliver


def clean_url(url):
    url = (url or "").strip()
    if not url:
        raise WebhookError("Enter the web address to send events to", field="url")
    if len(url) > URL_LIMIT:
        raise WebhookError(f"The web address must be {URL_LIMIT} characters or fewer", field="url")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise WebhookError("Enter a web address that starts with https:// or http://, like "
                           "https://crm.example.gov.uk/heard", field="url")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise WebhookError("The web address must not contain spaces", field="url")
    return url


def clean_events(names):
    chosen = [name for name in events.EVENTS if name in set(names or ())]
    if not chosen:
        raise WebhookError("Select at least one event to send", field="events")
    return chosen


def _host(url):
    return urlsplit(url).hostname or ""


def create(url, event_names, *, actor=None):
    url, chosen = clean_url(url), clean_events(event_names)
    with transaction():
        for source in events.SOURCES:
            events.cursor_for(source)  # events from now on are read, whenever the dispatcher next runs
        subscription = WebhookSubscription.create(url=url, secret=secrets.token_hex(32),
                                                  events=" ".join(chosen), created_at=utcnow())
        audit.record("webhook.created", actor=actor, obj=subscription,
                     summary=f"Webhook {subscription.id} created for {_host(url)}",
                     details={"events": chosen})
    return subscription


def set_active(subscription, active, *, actor=None):
    with transaction() as tx:
        subscription.active = bool(active)
        subscription.save(only=[WebhookSubscription.active])
        audit.record("webhook.resumed" if active else "webhook.paused", actor=actor, obj=subscription,
                     summary=f"Webhook {subscription.id} {'resumed' if active else 'paused'}")
        if active:
            for delivery_id in due_ids(subscription=subscription):
                tx.on_commit(_deliver_task(), delivery_id)
    return subscription


def delete(subscription, *, actor=None):
    with transaction():
        audit.record("webhook.deleted", actor=actor, obj=subscription,
                     summary=f"Webhook {subscription.id} deleted ({_host(subscription.url)})")
        subscription.delete_instance(recursive=True)


def send_test(subscription, *, actor=None):
    """Queue a test event for this (active) subscription; it is sent at once."""
    if not subscription.active:
        raise WebhookError("Resume the webhook before sending a test event")
    now = utcnow()
    with transaction() as tx:
        key = f"test:{uuid.uuid4().hex}"
        events.add_delivery(subscription, events.TEST_EVENT, key, now,
                            {"message": "A test event from Heard", "subscription_id": subscription.id})
        delivery = WebhookDelivery.get(WebhookDelivery.subscription == subscription,
                                       WebhookDelivery.event_key == key)
        audit.record("webhook.test_sent", actor=actor, obj=subscription,
                     summary=f"Webhook {subscription.id}: test event queued")
        tx.on_commit(_deliver_task(), delivery.id)
    return delivery


def retry(delivery, *, actor=None):
    """Send a failed delivery once more, now."""
    if delivery.status != "failed":
        raise WebhookError("Only a failed delivery can be retried")
    with transaction() as tx:
        delivery.status, delivery.next_attempt_at = "pending", utcnow()
        delivery.save(only=[WebhookDelivery.status, WebhookDelivery.next_attempt_at])
        audit.record("webhook.retried", actor=actor, obj=delivery,
                     summary=f"Webhook delivery {delivery.id} retried by hand")
        tx.on_commit(_deliver_task(), delivery.id)
    return delivery


def due_ids(now=None, subscription=None, limit=1000):
    """Pending deliveries of active subscriptions whose next attempt is due."""
    query = (WebhookDelivery.select(WebhookDelivery.id).join(WebhookSubscription)
             .where(WebhookDelivery.status == "pending", WebhookSubscription.active == True,  # noqa: E712
                    WebhookDelivery.next_attempt_at <= (now or utcnow())))
    if subscription is not None:
        query = query.where(WebhookDelivery.subscription == subscription)
    return [row.id for row in query.order_by(WebhookDelivery.id).limit(limit)]


def deliver(delivery_id):
    """Send one delivery if it is still pending, due and its subscription active (safe to run
    twice: the caller holds the claim on it). Returns the Answer, or None when nothing was sent."""
    delivery = WebhookDelivery.get_or_none(WebhookDelivery.id == delivery_id)
    if delivery is None or delivery.status != "pending" or delivery.next_attempt_at > utcnow():
        return None
    subscription = delivery.subscription
    if not subscription.active:
        return None
    # The try counts before the POST: a worker killed mid-POST has still used one.
    attempts = delivery.attempts + 1
    (WebhookDelivery.update(attempts=attempts, last_attempt_at=utcnow())
     .where(WebhookDelivery.id == delivery.id).execute())
    body = sending.body_of(delivery)
    answer = sending.post(subscription.url, body, sending.headers_for(delivery, subscription.secret, body))
    _record_answer(delivery.id, attempts, answer)
    return answer


def _record_answer(delivery_id, attempts, answer):
    now = utcnow()
    changes = {"last_status_code": answer.status_code, "last_response": answer.body,
               "last_error": answer.error[:300], "last_duration_ms": answer.duration_ms}
    if answer.ok:
        changes.update(status="delivered", delivered_at=now)
    else:
        retry_at = sending.next_attempt(attempts, now)
        changes.update(status="failed") if retry_at is None else changes.update(next_attempt_at=retry_at)
    WebhookDelivery.update(**changes).where(WebhookDelivery.id == delivery_id).execute()


def recent_deliveries(subscription, limit=50):
    return list(WebhookDelivery.select().where(WebhookDelivery.subscription == subscription)
                .order_by(WebhookDelivery.id.desc()).limit(limit))


def subscriptions():
    return list(WebhookSubscription.select().order_by(WebhookSubscription.id))
