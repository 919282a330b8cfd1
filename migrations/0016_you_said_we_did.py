""""You said, we did" (reports.yswd): publications for a service (or the whole council) and a
period, their snapshot of themes, candidate and approved quotes, "We did" entries and the PDF
the worker builds once one is published."""
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

    class Topic(Model):
        class Meta:
            database = db
            table_name = 'topic'

    class FeedbackItem(Model):
        class Meta:
            database = db
            table_name = 'feedback_item'

    class Action(Model):
        class Meta:
            database = db
            table_name = 'action'

    class Publication(Model):
        service = ForeignKeyField(ServiceArea, null=True, on_delete='SET NULL')
        service_name = CharField(max_length=200, default='')
        period_start = DateField(index=True)
        period_end = DateField()
        title = CharField(max_length=200)
        slug = CharField(max_length=120, unique=True)
        status = CharField(max_length=20, default='draft', index=True)
        summary = TextField(default='')
        drafted_by = ForeignKeyField(User, null=True, on_delete='SET NULL', backref='drafted')
        drafted_at = DateTimeField()
        sent_for_review_by = ForeignKeyField(User, null=True, on_delete='SET NULL', backref='sent')
        sent_for_review_at = DateTimeField(null=True)
        published_by = ForeignKeyField(User, null=True, on_delete='SET NULL', backref='published')
        published_at = DateTimeField(null=True, index=True)
        updated_at = DateTimeField()
        is_demo = BooleanField(default=False)

        class Meta:
            database = db
            table_name = 'yswd_publication'
            legacy_table_names = False

    class PublicationTheme(Model):
        publication = ForeignKeyField(Publication, on_delete='CASCADE')
        topic = ForeignKeyField(Topic, null=True, on_delete='SET NULL')
        name = CharField(max_length=120)
        position = IntegerField(default=0)
        count = IntegerField(default=0)
        negative = IntegerField(default=0)
        neutral = IntegerField(default=0)
        positive = IntegerField(default=0)

        class Meta:
            database = db
            table_name = 'yswd_theme'
            legacy_table_names = False

    class PublicationQuote(Model):
        publication = ForeignKeyField(Publication, on_delete='CASCADE')
        theme = ForeignKeyField(PublicationTheme, on_delete='CASCADE')
        item = ForeignKeyField(FeedbackItem, on_delete='CASCADE')
        text = TextField()
        score = FloatField(default=0.0)
        position = IntegerField(default=0)
        status = CharField(max_length=20, default='candidate', index=True)
        decided_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        decided_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = 'yswd_quote'
            legacy_table_names = False
            indexes = ((('publication', 'item'), True),)

    class PublicationAction(Model):
        publication = ForeignKeyField(Publication, on_delete='CASCADE')
        action = ForeignKeyField(Action, null=True, on_delete='SET NULL')
        title = CharField(max_length=200)
        summary = TextField()
        done_at = DateTimeField(null=True)
        position = IntegerField(default=0)

        class Meta:
            database = db
            table_name = 'yswd_action'
            legacy_table_names = False

    class PublicationPdf(Model):
        publication = ForeignKeyField(Publication, unique=True, on_delete='CASCADE')
        content = BlobField()
        built_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'yswd_pdf'
            legacy_table_names = False

    db.create_tables([Publication, PublicationTheme, PublicationQuote, PublicationAction,
                      PublicationPdf])


def down(migrator, db):
    for table in ('yswd_pdf', 'yswd_action', 'yswd_quote', 'yswd_theme', 'yswd_publication'):
        migrator.migrate(migrator.drop_table(table))
