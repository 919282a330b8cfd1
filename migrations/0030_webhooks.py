"""Webhooks (app/webhooks): subscriptions, their deliveries (an outbox) and the dispatcher's
cursors over the audit log and the classifier's predictions."""
from peewee import *


def up(migrator, db):
    class WebhookSubscription(Model):
        url = CharField(max_length=2000)
        secret = CharField(max_length=80)
        events = CharField(max_length=400)
        active = BooleanField(default=True)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'webhook_subscription'
            legacy_table_names = False

    class WebhookDelivery(Model):
        subscription = ForeignKeyField(WebhookSubscription, index=True, on_delete='CASCADE', backref='+')
        event = CharField(max_length=40)
        event_key = CharField(max_length=60)
        occurred_at = DateTimeField()
        payload = TextField(default='{}')
        status = CharField(max_length=20, default='pending', index=True)
        attempts = IntegerField(default=0)
        next_attempt_at = DateTimeField(index=True)
        last_attempt_at = DateTimeField(null=True)
        last_status_code = IntegerField(null=True)
        last_response = TextField(default='')
        last_error = CharField(max_length=300, default='')
        last_duration_ms = IntegerField(null=True)
        delivered_at = DateTimeField(null=True)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'webhook_delivery'
            legacy_table_names = False
            indexes = ((('subscription', 'event_key'), True),)

    class WebhookCursor(Model):
        source = CharField(max_length=20, primary_key=True)
        last_id = IntegerField(default=0)
        gap_since = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = 'webhook_cursor'
            legacy_table_names = False

    db.create_tables([WebhookSubscription, WebhookDelivery, WebhookCursor])


def down(migrator, db):
    for table in ('webhook_delivery', 'webhook_subscription', 'webhook_cursor'):
        db.execute_sql(f'DROP TABLE {table}')
