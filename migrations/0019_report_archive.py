"""Files sent with outbox messages (app.mail), the stored-report archive (reports.archive: each
built report's PDF and HTML) and the monthly deliveries of lessons-learnt reports
(reports.delivery)."""
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

    class OutboxMessage(Model):
        class Meta:
            database = db
            table_name = 'outbox_message'

    class OutboxAttachment(Model):
        message = ForeignKeyField(OutboxMessage, on_delete='CASCADE')
        position = IntegerField(default=0)
        filename = CharField(max_length=200)
        content_type = CharField(max_length=100)
        content = BlobField()
        size = IntegerField(default=0)

        class Meta:
            database = db
            table_name = 'outbox_attachment'
            indexes = ((('message', 'position'), True),)

    class StoredReport(Model):
        kind = CharField(max_length=40)
        scope = CharField(max_length=80)
        service = ForeignKeyField(ServiceArea, null=True, on_delete='CASCADE')
        period_start = DateField()
        period_end = DateField()
        status = CharField(max_length=20, default='pending', index=True)
        pdf = BlobField(null=True)
        html = TextField(default='')
        pages = IntegerField(default=0)
        summary = TextField(default='')
        requested_at = DateTimeField(index=True)
        requested_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        rebuild_requested_at = DateTimeField(null=True)
        built_at = DateTimeField(null=True)
        attempts = IntegerField(default=0)
        last_error = TextField(default='')

        class Meta:
            database = db
            table_name = 'stored_report'
            indexes = ((('kind', 'scope', 'period_start'), True),)

    class MonthlyDelivery(Model):
        report = ForeignKeyField(StoredReport, unique=True, on_delete='CASCADE')
        started_at = DateTimeField()
        completed_at = DateTimeField(null=True, index=True)
        emails = IntegerField(default=0)

        class Meta:
            database = db
            table_name = 'report_delivery'

    db.create_tables([OutboxAttachment, StoredReport, MonthlyDelivery])


def down(migrator, db):
    for table in ('report_delivery', 'stored_report', 'outbox_attachment'):
        db.execute_sql(f'DROP TABLE {table}')
