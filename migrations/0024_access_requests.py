"""Subject access requests (app/privacy): the queue with its one-calendar-month deadlines."""
from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    class AccessRequest(Model):
        identifier = CharField(max_length=254)
        requester = TextField(default='')
        received_on = DateField()
        due_on = DateField(index=True)
        status = CharField(max_length=20, default='open', index=True)
        exported_at = DateTimeField(null=True)
        sent_on = DateField(null=True)
        created_by = ForeignKeyField(User, null=True, index=True, on_delete='SET NULL', backref='+')
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'subject_access_request'
            legacy_table_names = False

    db.create_tables([AccessRequest])


def down(migrator, db):
    db.execute_sql('DROP TABLE subject_access_request')
