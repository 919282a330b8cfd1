"""Assisted capture and repeat contact (app/contacts): on each feedback item, whether it was
resolved on first contact (null: not asked), the earlier contact it repeats, and the member of
staff who recorded it on a resident's behalf."""
from peewee import *


def up(migrator, db):
    class FeedbackItem(Model):
        class Meta:
            database = db
            table_name = 'feedback_item'

    class User(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    migrator.migrate(
        migrator.add_column('feedback_item', 'first_contact_resolved', BooleanField(null=True)),
        migrator.add_column('feedback_item', 'repeat_of_id', ForeignKeyField(
            FeedbackItem, null=True, on_delete='SET NULL', field=FeedbackItem.id)),
        migrator.add_column('feedback_item', 'captured_by_id', ForeignKeyField(
            User, null=True, on_delete='SET NULL', field=User.id)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('feedback_item', 'captured_by_id'),
        migrator.drop_column('feedback_item', 'repeat_of_id'),
        migrator.drop_column('feedback_item', 'first_contact_resolved'),
    )
