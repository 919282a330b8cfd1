"""Learning: the topic taxonomy (seeded with one topic per service area and the
cross-cutting themes), model versions, predictions, officers' labels, safeguarding flags,
near-duplicate links, emerging issues and stored embeddings.

A frozen copy of the models as they were: later changes go in later migrations.
"""
import datetime

from peewee import *


THEMES = [
    ("communication", "Communication",
     "Not being kept informed, letters or calls not answered, unclear or conflicting information."),
    ("delay", "Delay",
     "Waiting too long: slow responses, missed deadlines, repairs or decisions that never come."),
    ("staff-attitude", "Staff attitude",
     "How staff treated the resident: rude, dismissive, unhelpful, or kind and helpful."),
    ("digital-website", "Digital / website",
     "The website, online forms, accounts, apps and payments online not working or hard to use."),
    ("accessibility", "Accessibility",
     "Access for disabled people: formats, adjustments, physical access, language and interpreters."),
    ("cost-charges", "Cost / charges",
     "Fees, fines, bills and charges: amounts, refunds, arrears and value for money."),
    ("policy-decision", "Policy / decision",
     "Disagreeing with a council decision, rule or policy, or how it was applied."),
    ("contractor", "Contractor",
     "Work done by a contractor or partner on the council's behalf: crews, agencies, providers."),
]


def _seed_topics(db, Topic):
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    rows = db.execute_sql(
        "SELECT id, slug, name, description, position FROM service_area ORDER BY position, name")
    topics = [dict(key=slug, name=name, description=description or "", kind="service",
                   service=service_id, active=True, position=position, created_at=now)
              for service_id, slug, name, description, position in rows.fetchall()]
    offset = max((t["position"] for t in topics), default=0) + 100
    topics += [dict(key=key, name=name, description=description, kind="theme", service=None,
                    active=True, position=offset + n, created_at=now)
               for n, (key, name, description) in enumerate(THEMES)]
    if topics:
        Topic.insert_many(topics).execute()


def up(migrator, db):
    class FeedbackItem(Model):
        class Meta:
            database = db
            table_name = 'feedback_item'

    class ServiceArea(Model):
        class Meta:
            database = db
            table_name = 'service_area'

    class User(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    class DuplicateLink(Model):
        item_a = ForeignKeyField(FeedbackItem, on_delete='CASCADE')
        item_b = ForeignKeyField(FeedbackItem, on_delete='CASCADE')
        similarity = FloatField()
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'duplicate_link'
            indexes = ((('item_a', 'item_b'), True),)
    db.create_tables([DuplicateLink])

    class EmergingIssue(Model):
        created_at = DateTimeField(index=True)
        item_ids = TextField(default='[]')
        representative = ForeignKeyField(FeedbackItem, null=True, on_delete='SET NULL')
        size = IntegerField(default=0)
        first_seen = DateTimeField(null=True)
        last_seen = DateTimeField(null=True)
        status = CharField(index=True, max_length=20, default='open')
        key_phrases = TextField(default='[]')
        reviewed_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        reviewed_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'emerging_issue'
    db.create_tables([EmergingIssue])

    class ItemEmbedding(Model):
        item = ForeignKeyField(FeedbackItem, unique=True, on_delete='CASCADE')
        encoder_version = CharField(max_length=200)
        vector = BlobField()
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'item_embedding'
    db.create_tables([ItemEmbedding])

    class Topic(Model):
        key = CharField(unique=True, max_length=60)
        name = CharField(max_length=120)
        description = TextField(default='')
        kind = CharField(max_length=20, default='theme')
        service = ForeignKeyField(ServiceArea, null=True, on_delete='SET NULL')
        active = BooleanField(default=True)
        position = IntegerField(default=0)
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'topic'
    db.create_tables([Topic])
    _seed_topics(db, Topic)

    class ModelVersion(Model):
        task = CharField(index=True, max_length=20)
        version = CharField(max_length=80)
        created_at = DateTimeField()
        training_count = IntegerField(default=0)
        metrics = TextField(default='{}')
        blob = BlobField(null=True)
        encoder_version = CharField(max_length=200, default='')
        status = CharField(index=True, max_length=20, default='challenger')
        promoted_at = DateTimeField(null=True)
        notes = TextField(default='')
        class Meta:
            database = db
            table_name = 'model_version'
            indexes = ((('task', 'version'), True),)
    db.create_tables([ModelVersion])

    class ItemTopic(Model):
        item = ForeignKeyField(FeedbackItem, on_delete='CASCADE')
        topic = ForeignKeyField(Topic, on_delete='CASCADE')
        confidence = FloatField(default=1.0)
        source = CharField(max_length=20, default='model')
        model_version = ForeignKeyField(ModelVersion, null=True, on_delete='CASCADE')
        class Meta:
            database = db
            table_name = 'item_topic'
            indexes = ((('item', 'source'), False),)
    db.create_tables([ItemTopic])

    class OfficerLabel(Model):
        item = ForeignKeyField(FeedbackItem, on_delete='CASCADE')
        task = CharField(max_length=20)
        value = CharField(max_length=60)
        user = ForeignKeyField(User, null=True, on_delete='SET NULL')
        at = DateTimeField()
        superseded = BooleanField(default=False)
        class Meta:
            database = db
            table_name = 'officer_label'
            indexes = ((('task', 'superseded'), False), (('item', 'task'), False))
    db.create_tables([OfficerLabel])

    class Prediction(Model):
        item = ForeignKeyField(FeedbackItem, on_delete='CASCADE')
        model_version = ForeignKeyField(ModelVersion, on_delete='CASCADE')
        topic_model_version = ForeignKeyField(ModelVersion, null=True, on_delete='CASCADE')
        sentiment = CharField(max_length=20)
        sentiment_score = FloatField()
        sentences = TextField(default='[]')
        created_at = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'prediction'
    db.create_tables([Prediction])

    class SafeguardingFlag(Model):
        item = ForeignKeyField(FeedbackItem, unique=True, on_delete='CASCADE')
        reasons = TextField(default='[]')
        evidence = TextField(default='[]')
        score = FloatField(default=0.0)
        status = CharField(index=True, max_length=20, default='open')
        created_at = DateTimeField()
        reviewed_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        reviewed_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'safeguarding_flag'
    db.create_tables([SafeguardingFlag])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('safeguarding_flag'))
    migrator.migrate(migrator.drop_table('prediction'))
    migrator.migrate(migrator.drop_table('officer_label'))
    migrator.migrate(migrator.drop_table('item_topic'))
    migrator.migrate(migrator.drop_table('model_version'))
    migrator.migrate(migrator.drop_table('topic'))
    migrator.migrate(migrator.drop_table('item_embedding'))
    migrator.migrate(migrator.drop_table('emerging_issue'))
    migrator.migrate(migrator.drop_table('duplicate_link'))
