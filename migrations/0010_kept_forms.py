"""What a timed-out officer had typed into a staff form, kept until they sign in again
(app.auth.kept)."""
from peewee import *


def up(migrator, db):
    class StaffUser(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    class KeptForm(Model):
        token_hash = CharField(max_length=64, unique=True)
        user = ForeignKeyField(StaffUser, on_delete='CASCADE')
        path = CharField(max_length=2000)
        fields = TextField()
        created_at = DateTimeField(index=True)

        class Meta:
            database = db
            table_name = 'staff_kept_form'
            legacy_table_names = False
    db.create_tables([KeptForm])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('staff_kept_form'))
