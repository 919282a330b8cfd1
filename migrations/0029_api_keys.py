"""The open API (app/api): API keys, and the first response to each idempotent request."""
from peewee import *


def up(migrator, db):
    class StaffUser(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    class FeedbackItem(Model):
        class Meta:
            database = db
            table_name = 'feedback_item'

    class ApiKey(Model):
        public_id = CharField(max_length=24, unique=True)
        name = CharField(max_length=120)
        scopes = CharField(max_length=200)
        token_hash = CharField(max_length=64)
        rate_limit = IntegerField(default=120)
        created_at = DateTimeField()
        created_by = ForeignKeyField(StaffUser, null=True, on_delete='SET NULL')
        last_used_at = DateTimeField(null=True)
        revoked_at = DateTimeField(null=True)
        revoked_by = ForeignKeyField(StaffUser, null=True, on_delete='SET NULL', backref='+')

        class Meta:
            database = db
            table_name = 'api_key'
            legacy_table_names = False

    class ApiIdempotency(Model):
        api_key = ForeignKeyField(ApiKey, on_delete='CASCADE')
        key = CharField(max_length=200)
        request_hash = CharField(max_length=64)
        status_code = IntegerField()
        response = TextField()
        item = ForeignKeyField(FeedbackItem, null=True, on_delete='SET NULL')
        created_at = DateTimeField(index=True)

        class Meta:
            database = db
            table_name = 'api_idempotency'
            legacy_table_names = False
            indexes = ((('api_key', 'key'), True),)

    db.create_tables([ApiKey, ApiIdempotency])


def down(migrator, db):
    db.execute_sql('DROP TABLE api_idempotency')
    db.execute_sql('DROP TABLE api_key')
