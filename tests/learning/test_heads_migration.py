"""Migration 0012 carries a database from one topic list to two heads without losing anything:
old topic versions become service-area versions, officers' topic labels split by kind, every
item_topic row says its head, predictions keep their versions, and classified items wait to be
classified again by the two heads."""
import datetime
import os
from urllib.parse import urlparse, urlunparse

import pytest

from app.db import connect_database
from app.schema import MIGRATIONS_DIR
from tests.conftest import TEST_PG_URL

HEADS = "0013_topic_heads"
NOW = datetime.datetime(2025, 3, 1, 9, 0)


@pytest.fixture
def old_database(tmp_path):
    """A database migrated up to just before the heads, on the suite's engine."""
    from playhouse.migrations import Runner

    name = f"heard_heads_{os.getpid()}"
    if TEST_PG_URL:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
        database = connect_database(urlunparse(urlparse(TEST_PG_URL)._replace(path="/" + name)))
    else:
        database = connect_database(f"sqlite:///{tmp_path / 'old.db'}")
    database.connect()
    runner = Runner(database, directory=str(MIGRATIONS_DIR))
    names = [m.name for m in runner.status()]
    runner.up(names[names.index(HEADS) - 1])
    yield database, runner
    database.close()
    if TEST_PG_URL:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}"')


def _pg_admin(*statements):
    import psycopg

    with psycopg.connect(TEST_PG_URL, autocommit=True) as conn:
        for sql in statements:
            conn.execute(sql)


def _insert(db, table, **row):
    """INSERT `row`, giving any other NOT NULL column a plain value of its type (the columns
    other migrations add need not be known here). Returns the new id."""
    for column in db.get_columns(table):
        if column.name not in row and not column.null and column.name != "id":
            kind = column.data_type.lower()
            row[column.name] = (NOW if "time" in kind or "date" in kind else
                                False if "bool" in kind else 0 if "int" in kind or "real" in kind
                                or "double" in kind or "float" in kind else "")
    marks = ", ".join(["%s" if TEST_PG_URL else "?"] * len(row))
    cursor = db.execute_sql(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({marks})"
                            + (" RETURNING id" if TEST_PG_URL else ""), list(row.values()))
    return cursor.fetchone()[0] if TEST_PG_URL else cursor.lastrowid


def _one(db, sql, *params):
    sql = sql.replace("?", "%s") if TEST_PG_URL else sql
    return db.execute_sql(sql, params).fetchall()


def _old_world(db):
    topic = {key: id_ for id_, key in _one(db, "SELECT id, key FROM topic")}
    service = _one(db, "SELECT id FROM service_area WHERE slug = 'waste-recycling'")[0][0]
    item = _insert(db, "feedback_item", reference="HRD-2025-000001", kind="complaint", channel="web",
                   text="My bin was missed and I waited weeks.", service_id=service, status="received",
                   received_at=NOW, created_at=NOW, is_demo=False, classification_status="done")
    versions = {}
    for task, name, status in (("sentiment", "sentiment-1", "champion"), ("topic", "topic-1", "retired"),
                               ("topic", "topic-2", "champion")):
        versions[name] = _insert(db, "model_version", task=task, version=name, created_at=NOW, training_count=0,
                                 metrics='{"macro_f1": 0.5, "holdout": 4}', encoder_version="e", status=status,
                                 notes="Old", blob=b"x")
    _insert(db, "prediction", item_id=item, model_version_id=versions["sentiment-1"],
            topic_model_version_id=versions["topic-2"], sentiment="negative", sentiment_score=0.9, sentences="[]",
            created_at=NOW)
    for key, confidence in (("delay", 0.61), ("waste-recycling", 0.07), ("highways", 0.05)):
        _insert(db, "item_topic", item_id=item, topic_id=topic[key], confidence=confidence, source="model",
                model_version_id=versions["topic-2"])
    for key in ("waste-recycling", "delay"):
        _insert(db, "item_topic", item_id=item, topic_id=topic[key], confidence=1.0, source="officer")
        _insert(db, "officer_label", item_id=item, task="topic", value=key, at=NOW, superseded=False)
    _insert(db, "officer_label", item_id=item, task="topic", value="highways", at=NOW, superseded=True)
    _insert(db, "officer_label", item_id=item, task="sentiment", value="negative", at=NOW, superseded=False)
    return item, versions


def test_the_heads_migration_loses_nothing(old_database):
    db, runner = old_database
    item, versions = _old_world(db)
    counts = {table: _one(db, f"SELECT COUNT(*) FROM {table}")[0][0]
              for table in ("prediction", "item_topic", "officer_label", "model_version")}
    assert HEADS in runner.up()
    assert counts == {table: _one(db, f"SELECT COUNT(*) FROM {table}")[0][0] for table in counts}
    tasks = dict(_one(db, "SELECT version, task FROM model_version"))
    assert tasks == {"sentiment-1": "sentiment", "topic-1": "service", "topic-2": "service"}
    assert _one(db, "SELECT notes FROM model_version WHERE version = 'topic-2'")[0][0].startswith("Old (trained when")
    labels = set(_one(db, "SELECT task, value, superseded FROM officer_label"))
    assert labels == {("service", "waste-recycling", False), ("theme", "delay", False),
                      ("service", "highways", True), ("sentiment", "negative", False)}
    rows = set(_one(db, "SELECT t.key, it.source, it.head, it.assigned FROM item_topic it "
                        "JOIN topic t ON t.id = it.topic_id"))
    assert rows == {("delay", "model", "theme", True), ("waste-recycling", "model", "service", True),
                    ("highways", "model", "service", False), ("waste-recycling", "officer", "service", True),
                    ("delay", "officer", "theme", True)}
    [(service_version, theme_version, confidence)] = _one(
        db, "SELECT service_model_version_id, theme_model_version_id, service_confidence FROM prediction")
    assert service_version == versions["topic-2"] and theme_version is None and confidence == 0.07
    assert _one(db, "SELECT classification_status FROM feedback_item WHERE id = ?", item)[0][0] == "pending"
    assert _one(db, "SELECT COUNT(*) FROM service_routing")[0][0] == 0
