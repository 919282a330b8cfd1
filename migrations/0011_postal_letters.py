"""Letters to post: a row per letter a case sends by post, waiting to be printed until an
officer marks it as posted; and which Ombudsman a stage 2 response named (case_stage.ombudsman),
for the closing letter and /track."""
from peewee import *


def up(migrator, db):
    class Case(Model):
        class Meta:
            database = db
            table_name = 'case_record'

    class User(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    class PostalLetter(Model):
        case = ForeignKeyField(Case, on_delete='CASCADE')
        key = CharField(max_length=200, unique=True)
        template = CharField(max_length=80)
        name = CharField(max_length=80)
        subject = CharField(max_length=300)
        text = TextField()
        recipient_name = CharField(max_length=200, default='')
        address = TextField()
        stage = IntegerField(null=True)
        event_id = IntegerField(null=True)
        created_at = DateTimeField(index=True)
        posted_at = DateTimeField(index=True, null=True)
        posted_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'postal_letter'
            legacy_table_names = False
    db.create_tables([PostalLetter])
    migrator.migrate(migrator.add_column('case_stage', 'ombudsman', CharField(max_length=20, default='')))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('case_stage', 'ombudsman'))
    migrator.migrate(migrator.drop_table('postal_letter'))
