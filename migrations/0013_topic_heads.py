"""Service areas and themes become separate heads.

Before, one topic model ranked service areas and cross-cutting themes in one list. Now a
single-label service-area head and a multi-label theme head are versioned, labelled and
stored apart. Nothing is lost on the way:

- model_version: every "topic" version becomes a "service" version (its file is a single-label
  topic model, which loads as a service-area head: themes are dropped from it when it loads);
- officer_label: "topic" labels become "service" or "theme" labels by their topic's kind;
- item_topic: each row says which head it belongs to (its topic's kind) and whether it is
  assigned (officers' rows; the model's top service area; a theme when it was the item's top
  topic, as the queues read it before);
- prediction: topic_model_version becomes service_model_version, beside theme_model_version,
  service_confidence (the best service area's confidence) and theme_margin;
- service_routing: new, the service-area head's routing of items whose resident chose no service;
- items already classified wait to be classified again by the two heads (the worker's sweep
  picks them up); their earlier predictions are kept.
"""
from peewee import *

SERVICE_TOPICS = "(SELECT key FROM topic WHERE kind = 'service')"


def _item_topics(migrator, db):
    migrator.migrate(
        migrator.add_column('item_topic', 'head', CharField(max_length=20, default='theme')),
        migrator.add_column('item_topic', 'assigned', BooleanField(default=True)),
    )
    db.execute_sql("UPDATE item_topic SET head = 'service' WHERE topic_id IN "
                   "(SELECT id FROM topic WHERE kind = 'service')")
    # The model's rows: assigned when strongest of their kind (services: among services;
    # themes: among all the item's model rows, the old "top topic" rule). Ties go to the lower id.
    for head, among in (("service", "AND other.head = 'service'"), ("theme", "")):
        db.execute_sql(
            "UPDATE item_topic SET assigned = NOT EXISTS (SELECT 1 FROM item_topic AS other "
            "WHERE other.item_id = item_topic.item_id AND other.source = 'model' " + among +
            " AND (other.confidence > item_topic.confidence OR (other.confidence = "
            "item_topic.confidence AND other.id < item_topic.id))) "
            f"WHERE source = 'model' AND head = '{head}'")
    migrator.migrate(
        migrator.drop_index('item_topic', 'itemtopic_item_id_source'),  # its 0007 name
        migrator.add_index('item_topic', ('item_id', 'source', 'head')),
        migrator.add_index('item_topic', ('topic_id', 'assigned')),
    )


def _predictions(migrator, db, ModelVersion):
    migrator.migrate(
        migrator.rename_column('prediction', 'topic_model_version_id', 'service_model_version_id'),
        migrator.add_column('prediction', 'theme_model_version_id', ForeignKeyField(
            ModelVersion, null=True, on_delete='CASCADE', field=ModelVersion.id)),
        migrator.add_column('prediction', 'service_confidence', FloatField(null=True)),
        migrator.add_column('prediction', 'theme_margin', FloatField(null=True)),
    )
    db.execute_sql(
        "UPDATE prediction SET service_confidence = (SELECT MAX(it.confidence) FROM item_topic AS it "
        "WHERE it.item_id = prediction.item_id AND it.source = 'model' AND it.head = 'service')")


def up(migrator, db):
    class FeedbackItem(Model):
        class Meta:
            database = db
            table_name = 'feedback_item'

    class ServiceArea(Model):
        class Meta:
            database = db
            table_name = 'service_area'

    class Topic(Model):
        class Meta:
            database = db
            table_name = 'topic'

    class ModelVersion(Model):
        class Meta:
            database = db
            table_name = 'model_version'

    _item_topics(migrator, db)
    _predictions(migrator, db, ModelVersion)
    db.execute_sql(f"UPDATE officer_label SET task = CASE WHEN value IN {SERVICE_TOPICS} "
                   "THEN 'service' ELSE 'theme' END WHERE task = 'topic'")
    db.execute_sql("UPDATE model_version SET task = 'service', notes = notes || "
                   "' (trained when service areas and themes were one list)' WHERE task = 'topic'")
    db.execute_sql("UPDATE feedback_item SET classification_status = 'pending' "
                   "WHERE classification_status = 'done'")

    class ServiceRouting(Model):
        item = ForeignKeyField(FeedbackItem, unique=True, on_delete='CASCADE')
        service = ForeignKeyField(ServiceArea, on_delete='CASCADE')
        topic = ForeignKeyField(Topic, on_delete='CASCADE')
        confidence = FloatField()
        model_version = ForeignKeyField(ModelVersion, null=True, on_delete='SET NULL')
        at = DateTimeField()
        class Meta:
            database = db
            table_name = 'service_routing'
            legacy_table_names = False
    db.create_tables([ServiceRouting])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('service_routing'))
    db.execute_sql("UPDATE model_version SET task = 'topic' WHERE task = 'service'")
    db.execute_sql("UPDATE officer_label SET task = 'topic' WHERE task IN ('service', 'theme') AND value != ''")
    db.execute_sql("DELETE FROM officer_label WHERE task = 'theme'")
    migrator.migrate(
        migrator.drop_column('prediction', 'theme_margin'),
        migrator.drop_column('prediction', 'service_confidence'),
        migrator.drop_index('prediction', 'prediction_theme_model_version_id'),
        migrator.drop_column('prediction', 'theme_model_version_id'),
        migrator.rename_column('prediction', 'service_model_version_id', 'topic_model_version_id'),
        migrator.drop_index('item_topic', 'item_topic_topic_id_assigned'),
        migrator.drop_index('item_topic', 'item_topic_item_id_source_head'),
        migrator.add_index('item_topic', ('item_id', 'source')),
        migrator.drop_column('item_topic', 'assigned'),
        migrator.drop_column('item_topic', 'head'),
    )
