"""Who receives each service's monthly lessons-learnt report (reports.delivery)."""
from peewee import *


def up(migrator, db):
    class ServiceArea(Model):
        class Meta:
            database = db
            table_name = 'service_area'

    class User(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    class Subscription(Model):
        user = ForeignKeyField(User, on_delete='CASCADE')
        service = ForeignKeyField(ServiceArea, on_delete='CASCADE')
        created_at = DateTimeField()
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL', backref='made')

        class Meta:
            database = db
            table_name = 'report_subscription'
            legacy_table_names = False
            indexes = ((('user', 'service'), True),)

    db.create_tables([Subscription])


def down(migrator, db):
    db.execute_sql('DROP TABLE report_subscription')
