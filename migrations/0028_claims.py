"""Claims on work (app/claims): which worker is doing what now, so a sweep never starts a second
copy of work that is still running."""
from peewee import *


def up(migrator, db):
    class WorkClaim(Model):
        work = CharField(max_length=80)
        object_id = IntegerField()
        token = CharField(max_length=40, index=True)
        claimed_at = DateTimeField()
        expires_at = DateTimeField(index=True)

        class Meta:
            database = db
            table_name = 'work_claim'
            legacy_table_names = False
            indexes = ((('work', 'object_id'), True),)

    db.create_tables([WorkClaim])


def down(migrator, db):
    db.execute_sql('DROP TABLE work_claim')
