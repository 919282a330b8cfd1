"""The dispatcher's cursor: each event row becomes one delivery per subscription however often
it runs, and an id missing below newer rows (a transaction not yet committed, on PostgreSQL)
holds the cursor back until it is filled or has stayed missing for GAP_WAIT."""
import datetime

from app.audit.models import AuditEvent
from app.db import utcnow
from app.webhooks import events, services
from app.webhooks.models import WebhookCursor, WebhookDelivery
from tests.factories import create_feedback


def test_running_the_dispatcher_twice_adds_nothing(app):
    services.create("https://crm.example.gov.uk/a", ["feedback.received"])
    services.create("https://crm.example.gov.uk/b", ["feedback.received", "case.closed"])
    create_feedback(kind="comment")
    events.dispatch()
    events.dispatch()
    assert WebhookDelivery.select().count() == 2
    WebhookCursor.update(last_id=0).execute()  # even read again from the start
    events.dispatch()
    assert WebhookDelivery.select().count() == 2


def _audit_row(row_id, item, at):
    AuditEvent.insert(id=row_id, at=at, actor_label="system", action="feedback.received",
                      object_type="feedback_item", object_id=str(item.id), summary="", details="{}",
                      ip="").execute()


def test_a_missing_id_holds_the_cursor_until_it_commits_or_times_out(app):
    first, second = create_feedback(kind="comment"), create_feedback(kind="comment")
    services.create("https://crm.example.gov.uk/a", ["feedback.received"])
    events.dispatch()
    start, now = WebhookCursor.get_by_id("audit").last_id, utcnow()
    assert start == AuditEvent.select().order_by(AuditEvent.id.desc()).get().id
    # Row start+2 commits while start+1 (a transaction still open) has not.
    _audit_row(start + 2, second, now)
    events.dispatch(now=now)
    assert WebhookCursor.get_by_id("audit").last_id == start
    assert WebhookDelivery.select().count() == 1
    _audit_row(start + 1, first, now)
    events.dispatch(now=now)
    assert WebhookCursor.get_by_id("audit").last_id == start + 2
    assert sorted(d.event_key for d in WebhookDelivery.select()) == [f"audit:{start + 1}", f"audit:{start + 2}"]
    # A gap that never fills (a rolled-back transaction) is passed once missing for GAP_WAIT.
    _audit_row(start + 5, first, now)
    events.dispatch(now=now)
    assert WebhookCursor.get_by_id("audit").last_id == start + 2
    events.dispatch(now=now + events.GAP_WAIT + datetime.timedelta(seconds=1))
    assert WebhookCursor.get_by_id("audit").last_id == start + 5
    assert WebhookDelivery.select().count() == 3


def test_finished_deliveries_are_pruned_after_90_days_and_pending_ones_kept(app):
    from app.webhooks.tasks import prune

    subscription = services.create("https://crm.example.gov.uk/a", ["feedback.received"])
    old = utcnow() - datetime.timedelta(days=91)
    for n, status in enumerate(("delivered", "failed", "pending")):
        events.add_delivery(subscription, "feedback.received", f"audit:{n}", old, {})
    WebhookDelivery.update(created_at=old).execute()
    for n, status in enumerate(("delivered", "failed", "pending")):
        WebhookDelivery.update(status=status).where(WebhookDelivery.event_key == f"audit:{n}").execute()
    events.add_delivery(subscription, "feedback.received", "audit:9", utcnow(), {})
    WebhookDelivery.update(status="delivered").where(WebhookDelivery.event_key == "audit:9").execute()
    prune.call_local()
    assert sorted(d.event_key for d in WebhookDelivery.select()) == ["audit:2", "audit:9"]


def test_a_malformed_audit_row_is_skipped_and_does_not_block_the_rest(app):
    services.create("https://crm.example.gov.uk/a", ["feedback.received"])
    AuditEvent.insert(actor_label="system", action="feedback.received", object_type="feedback_item",
                      object_id="not-a-number", summary="", details="{}", ip="").execute()
    item = create_feedback(kind="comment")
    events.dispatch()
    [delivery] = WebhookDelivery.select()
    assert f'"reference": "{item.reference}"' in delivery.payload
