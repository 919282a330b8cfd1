"""Privacy (app/privacy): the retention schedule administrators set, and legal holds."""
from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    class Person(Model):
        class Meta:
            database = db
            table_name = 'person'

    class Case(Model):
        class Meta:
            database = db
            table_name = 'case_record'

    class RetentionSetting(Model):
        category = CharField(max_length=40, unique=True)
        days = IntegerField()
        updated_by = ForeignKeyField(User, null=True, index=True, on_delete='SET NULL', backref='+')
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'retention_setting'
            legacy_table_names = False

    class LegalHold(Model):
        person = ForeignKeyField(Person, null=True, index=True, on_delete='SET NULL', backref='+')
        case = ForeignKeyField(Case, null=True, index=True, on_delete='SET NULL', backref='+')
        reason = TextField()
        created_by = ForeignKeyField(User, null=True, index=True, on_delete='SET NULL', backref='+')
        created_at = DateTimeField()
        released_at = DateTimeField(null=True)
        released_by = ForeignKeyField(User, null=True, index=True, on_delete='SET NULL', backref='+')
        release_reason = TextField(default='')

        class Meta:
            database = db
            table_name = 'legal_hold'
            legacy_table_names = False

    db.create_tables([RetentionSetting, LegalHold])


def down(migrator, db):
    db.execute_sql('DROP TABLE legal_hold')
    db.execute_sql('DROP TABLE retention_setting')
