"""Complaints declined under the Code's exclusions (app.cases.refusals), and the annual
complaints performance and service improvement report (reports.annual)."""
from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    class CaseRecord(Model):
        class Meta:
            database = db
            table_name = 'case_record'

    class CaseRefusal(Model):
        case = ForeignKeyField(CaseRecord, on_delete='CASCADE')
        exclusion = CharField(max_length=30)
        other = CharField(max_length=200, default='')
        reasons = TextField()
        refused_at = DateTimeField(index=True)
        refused_by = ForeignKeyField(User, null=True, on_delete='SET NULL', backref='r1')
        reversed_at = DateTimeField(null=True)
        reversed_by = ForeignKeyField(User, null=True, on_delete='SET NULL', backref='r2')
        reversal_reason = TextField(default='')

        class Meta:
            database = db
            table_name = 'case_refusal'

    class AnnualReport(Model):
        period_start = DateField(index=True)
        period_end = DateField()
        title = CharField(max_length=200)
        slug = CharField(max_length=120, unique=True)
        status = CharField(max_length=20, default='draft', index=True)
        overview = TextField(default='')
        computed_at = DateTimeField(null=True)
        ombudsman_letter = TextField(default='')
        ombudsman_reports = TextField(default='')
        governance_response = TextField(default='')
        governance_by = CharField(max_length=200, default='')
        governance_on = DateField(null=True)
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL', backref='a1')
        created_at = DateTimeField()
        edited_by = ForeignKeyField(User, null=True, on_delete='SET NULL', backref='a2')
        edited_at = DateTimeField(null=True)
        approved_by = ForeignKeyField(User, null=True, on_delete='SET NULL', backref='a3')
        approved_at = DateTimeField(null=True)
        published_by = ForeignKeyField(User, null=True, on_delete='SET NULL', backref='a4')
        published_at = DateTimeField(null=True, index=True)
        is_demo = BooleanField(default=False)

        class Meta:
            database = db
            table_name = 'annual_report'

    class Assessment(Model):
        report = ForeignKeyField(AnnualReport, on_delete='CASCADE')
        section = IntegerField()
        status = CharField(max_length=20, default='not_assessed')
        evidence = TextField(default='')
        commentary = TextField(default='')

        class Meta:
            database = db
            table_name = 'annual_assessment'
            indexes = ((('report', 'section'), True),)

    class AnnualFile(Model):
        report = ForeignKeyField(AnnualReport, on_delete='CASCADE')
        kind = CharField(max_length=20)
        filename = CharField(max_length=200, default='')
        content = BlobField()
        size = IntegerField(default=0)
        uploaded_by = ForeignKeyField(User, null=True, on_delete='SET NULL', backref='a5')
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'annual_file'
            indexes = ((('report', 'kind'), True),)

    db.create_tables([CaseRefusal, AnnualReport, Assessment, AnnualFile])


def down(migrator, db):
    for table in ('annual_file', 'annual_assessment', 'annual_report', 'case_refusal'):
        db.execute_sql(f'DROP TABLE {table}')
