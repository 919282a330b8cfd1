"""Email out: the outbox, one row per message, with its idempotency key."""
from peewee import *


def up(migrator, db):
    class OutboxMessage(Model):
        idempotency_key = CharField(max_length=200, unique=True)
        message_id = CharField(max_length=250, unique=True)
        to_address = CharField(max_length=320)
        subject = CharField(max_length=300)
        text_body = TextField()
        html_body = TextField(default='')
        template = CharField(max_length=80, default='')
        purpose = CharField(max_length=60, default='', index=True)
        in_reply_to = CharField(max_length=250, default='')
        auto_submitted = CharField(max_length=20, default='auto-generated')
        related_type = CharField(max_length=60, default='')
        related_id = IntegerField(null=True)
        status = CharField(max_length=20, default='pending', index=True)
        attempts = IntegerField(default=0)
        last_error = TextField(default='')
        created_at = DateTimeField(index=True)
        next_attempt_at = DateTimeField(index=True)
        lease_token = CharField(max_length=40, default='')
        lease_until = DateTimeField(null=True)
        sent_at = DateTimeField(null=True)
        eml_file = CharField(max_length=200, default='')
        class Meta:
            database = db
            table_name = 'outbox_message'
            indexes = ((('related_type', 'related_id'), False),)
    db.create_tables([OutboxMessage])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('outbox_message'))
