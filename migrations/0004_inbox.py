"""Email in: every inbound message kept raw (with its outcome), and IMAP polling state.

A frozen copy of the models as they were: later changes go in later migrations.
"""
from peewee import *


def up(migrator, db):
    class FeedbackItem(Model):
        class Meta:
            database = db
            table_name = 'feedback_item'

    class InboundMessage(Model):
        raw = BlobField()
        sha256 = CharField(unique=True, max_length=64)
        size = IntegerField(default=0)
        message_id = CharField(index=True, max_length=500, default='')
        source = CharField(max_length=200, default='')
        from_address = CharField(max_length=320, default='')
        from_name = CharField(max_length=200, default='')
        subject = TextField(default='')
        received_at = DateTimeField(index=True)
        processed_at = DateTimeField(null=True)
        outcome = CharField(index=True, max_length=20, default='received')
        reason = TextField(default='')
        parse_error = TextField(default='')
        attachments = TextField(default='[]')
        times_seen = IntegerField(default=1)
        feedback_item = ForeignKeyField(FeedbackItem, null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'inbound_message'
    db.create_tables([InboundMessage])

    class MailboxState(Model):
        mailbox = CharField(unique=True, max_length=400)
        uidvalidity = BigIntegerField(null=True)
        last_uid = BigIntegerField(default=0)
        last_polled_at = DateTimeField(null=True)
        last_error = TextField(default='')
        class Meta:
            database = db
            table_name = 'mailbox_state'
    db.create_tables([MailboxState])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('mailbox_state'))
    migrator.migrate(migrator.drop_table('inbound_message'))
