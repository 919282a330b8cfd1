"""The 3Cs journey's answers, more information joined to an item, the status timeline,
and rate-limit hits for public forms."""
from peewee import *


def up(migrator, db):
    class FeedbackItem(Model):
        class Meta:
            database = db
            table_name = 'feedback_item'

    class FeedbackStatusChange(Model):
        item = ForeignKeyField(FeedbackItem, on_delete='CASCADE')
        status = CharField(max_length=20)
        at = DateTimeField(index=True)
        actor_id = IntegerField(null=True)
        public_note = TextField(default='')
        class Meta:
            database = db
            table_name = 'feedback_status_change'
    db.create_tables([FeedbackStatusChange])

    class FeedbackUpdate(Model):
        item = ForeignKeyField(FeedbackItem, on_delete='CASCADE')
        channel = CharField(max_length=20)
        text = TextField()
        from_resident = BooleanField(default=True)
        received_at = DateTimeField(index=True)
        inbound_message_id = IntegerField(index=True, null=True)
        class Meta:
            database = db
            table_name = 'feedback_update'
    db.create_tables([FeedbackUpdate])

    class RateLimitHit(Model):
        bucket = CharField(max_length=120)
        at = DateTimeField()
        class Meta:
            database = db
            table_name = 'rate_limit_hit'
            indexes = ((('bucket', 'at'), False),)
    db.create_tables([RateLimitHit])

    migrator.migrate(migrator.add_column('feedback_item', 'put_right', TextField(default='')))
    migrator.migrate(migrator.add_column('feedback_item', 'happened_on', DateField(null=True)))
    migrator.migrate(migrator.add_column('feedback_item', 'service_unsure', BooleanField(default=False)))
    migrator.migrate(migrator.add_column('feedback_item', 'preferred_contact', CharField(max_length=20, default='')))
    migrator.migrate(migrator.add_column('feedback_item', 'support_needs', CharField(max_length=200, default='')))
    migrator.migrate(migrator.add_column('feedback_item', 'support_details', TextField(default='')))
    migrator.migrate(migrator.add_column('feedback_item', 'acting_for', CharField(max_length=200, default='')))
    migrator.migrate(migrator.add_column('feedback_item', 'consent_basis', CharField(max_length=40, default='')))
    migrator.migrate(migrator.add_column('feedback_item', 'consented_at', DateTimeField(null=True)))
    migrator.migrate(migrator.add_column('feedback_item', 'acknowledged_at', DateTimeField(null=True)))
    migrator.migrate(migrator.add_column('feedback_item', 'classification_status', CharField(index=True, max_length=20, default='pending')))


def down(migrator, db):
    migrator.migrate(migrator.drop_index('feedback_item', 'feedback_item_classification_status'))
    migrator.migrate(migrator.drop_column('feedback_item', 'classification_status'))
    migrator.migrate(migrator.drop_column('feedback_item', 'acknowledged_at'))
    migrator.migrate(migrator.drop_column('feedback_item', 'consented_at'))
    migrator.migrate(migrator.drop_column('feedback_item', 'consent_basis'))
    migrator.migrate(migrator.drop_column('feedback_item', 'acting_for'))
    migrator.migrate(migrator.drop_column('feedback_item', 'support_details'))
    migrator.migrate(migrator.drop_column('feedback_item', 'support_needs'))
    migrator.migrate(migrator.drop_column('feedback_item', 'preferred_contact'))
    migrator.migrate(migrator.drop_column('feedback_item', 'service_unsure'))
    migrator.migrate(migrator.drop_column('feedback_item', 'happened_on'))
    migrator.migrate(migrator.drop_column('feedback_item', 'put_right'))
    migrator.migrate(migrator.drop_table('rate_limit_hit'))
    migrator.migrate(migrator.drop_table('feedback_update'))
    migrator.migrate(migrator.drop_table('feedback_status_change'))
