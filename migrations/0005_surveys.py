"""Surveys: versions and their questions, touchpoints (short codes for QR codes and
posters), email invitations (token hashes only), responses and answers.

A frozen copy of the models as they were: later changes go in later migrations.
"""
from peewee import *


def up(migrator, db):
    class FeedbackItem(Model):
        class Meta:
            database = db
            table_name = 'feedback_item'

    class Person(Model):
        class Meta:
            database = db
            table_name = 'person'

    class ServiceArea(Model):
        class Meta:
            database = db
            table_name = 'service_area'

    class Survey(Model):
        title = CharField(max_length=200)
        service = ForeignKeyField(ServiceArea, on_delete='RESTRICT')
        welcome_text = TextField(default='')
        thank_you_text = TextField(default='')
        anonymous = BooleanField(default=True)
        opens_on = DateField(null=True)
        closes_on = DateField(null=True)
        formats_phone = CharField(max_length=40, default='')
        created_at = DateTimeField()
        created_by_id = IntegerField(null=True)
        class Meta:
            database = db
            table_name = 'survey'
    db.create_tables([Survey])

    class SurveyVersion(Model):
        survey = ForeignKeyField(Survey, on_delete='CASCADE')
        number = IntegerField()
        status = CharField(index=True, max_length=10, default='draft')
        created_at = DateTimeField()
        published_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'survey_version'
            indexes = ((('survey', 'number'), True),)
    db.create_tables([SurveyVersion])

    class Touchpoint(Model):
        survey = ForeignKeyField(Survey, on_delete='CASCADE')
        name = CharField(max_length=200)
        channel = CharField(max_length=20)
        service = ForeignKeyField(ServiceArea, null=True, on_delete='SET NULL')
        code = CharField(unique=True, max_length=16)
        active = BooleanField(default=True)
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'survey_touchpoint'
    db.create_tables([Touchpoint])

    class Response(Model):
        survey = ForeignKeyField(Survey, on_delete='CASCADE')
        version = ForeignKeyField(SurveyVersion, on_delete='RESTRICT')
        touchpoint = ForeignKeyField(Touchpoint, null=True, on_delete='SET NULL')
        channel = CharField(index=True, max_length=20)
        service = ForeignKeyField(ServiceArea, null=True, on_delete='SET NULL')
        person = ForeignKeyField(Person, null=True, on_delete='SET NULL')
        submitted_at = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'survey_response'
    db.create_tables([Response])

    class Question(Model):
        version = ForeignKeyField(SurveyVersion, on_delete='CASCADE')
        key = CharField(max_length=16)
        position = IntegerField(default=0)
        kind = CharField(max_length=20)
        text = TextField()
        help_text = TextField(default='')
        required = BooleanField(default=False)
        options = TextField(default='')
        class Meta:
            database = db
            table_name = 'survey_question'
            indexes = ((('version', 'key'), True),)
    db.create_tables([Question])

    class Answer(Model):
        response = ForeignKeyField(Response, on_delete='CASCADE')
        question = ForeignKeyField(Question, on_delete='RESTRICT')
        number = IntegerField(null=True)
        value = TextField(default='')
        feedback_item = ForeignKeyField(FeedbackItem, null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'survey_answer'
    db.create_tables([Answer])

    class Invitation(Model):
        survey = ForeignKeyField(Survey, on_delete='CASCADE')
        email = CharField(max_length=320)
        service = ForeignKeyField(ServiceArea, null=True, on_delete='SET NULL')
        token_hash = CharField(unique=True, max_length=64)
        reminder_token_hash = CharField(unique=True, null=True, max_length=64)
        related_type = CharField(max_length=60, default='')
        related_id = CharField(max_length=60, default='')
        created_at = DateTimeField(index=True)
        expires_at = DateTimeField(null=True)
        reminded_at = DateTimeField(null=True)
        responded_at = DateTimeField(null=True)
        created_by_id = IntegerField(null=True)
        class Meta:
            database = db
            table_name = 'survey_invitation'
            indexes = ((('survey', 'email'), False),)
    db.create_tables([Invitation])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('survey_invitation'))
    migrator.migrate(migrator.drop_table('survey_answer'))
    migrator.migrate(migrator.drop_table('survey_question'))
    migrator.migrate(migrator.drop_table('survey_response'))
    migrator.migrate(migrator.drop_table('survey_touchpoint'))
    migrator.migrate(migrator.drop_table('survey_version'))
    migrator.migrate(migrator.drop_table('survey'))
