"""Attachments (app/attachments): files residents sent with web feedback or by email."""
from peewee import *


def up(migrator, db):
    class FeedbackItem(Model):
        class Meta:
            database = db
            table_name = 'feedback_item'

    class InboundMessage(Model):
        class Meta:
            database = db
            table_name = 'inbound_message'

    class Attachment(Model):
        item = ForeignKeyField(FeedbackItem, null=True, index=True, on_delete='CASCADE', backref='+')
        inbound = ForeignKeyField(InboundMessage, null=True, index=True, on_delete='CASCADE', backref='+')
        draft_key = CharField(max_length=64, default='', index=True)
        filename = CharField(max_length=200)
        content_type = CharField(max_length=120, default='')
        kind = CharField(max_length=10, default='')
        size = IntegerField(default=0)
        sha256 = CharField(max_length=64, default='')
        storage_name = CharField(max_length=80, default='', index=True)
        refused_reason = CharField(max_length=300, default='')
        location_removed = BooleanField(default=False)
        metadata_removed = BooleanField(default=False)
        created_at = DateTimeField(index=True)

        class Meta:
            database = db
            table_name = 'attachment'
            legacy_table_names = False

    db.create_tables([Attachment])


def down(migrator, db):
    db.execute_sql('DROP TABLE attachment')
