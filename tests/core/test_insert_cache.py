"""New rows are written with an INSERT statement built once per model and set of columns
(app.db.BaseModel.save): the rows must be exactly those peewee's own statement writes, on
SQLite and PostgreSQL alike, and whatever the statement cannot carry goes through peewee."""
import datetime

import pytest
from peewee import IntegrityError, fn

from app import db as database
from app.audit.models import AuditEvent
from app.db import db
from app.feedback.models import FeedbackItem, FeedbackStatusChange
from tests.factories import create_feedback


def _row(model, pk):
    return model.select().where(model._meta.primary_key == pk).dicts().get()


def test_a_created_row_is_the_row_peewees_own_insert_writes(app):
    at = datetime.datetime(2026, 3, 4, 5, 6, 7, 890123)
    values = dict(action="test.insert", object_type="feedback_item", object_id="7",
                  summary="Café — “quotes” and 'apostrophes'; DROP TABLE x;--", details='{"a": 1}', at=at)
    with db.connection_context():
        for _ in range(3):  # the first builds the statement; the others reuse it
            created = AuditEvent.create(**values)
        by_peewee = AuditEvent.insert(**values).execute()
        assert created.id and not created.is_dirty() and by_peewee == created.id + 1
        mine, theirs = _row(AuditEvent, created.id), _row(AuditEvent, by_peewee)
        assert {**mine, "id": 0} == {**theirs, "id": 0}
        assert mine["summary"] == values["summary"] and mine["at"] == at
        assert any(key[0] is AuditEvent for key in database._INSERTS)


def test_defaults_are_worked_out_for_each_row_and_foreign_keys_follow_their_objects(app):
    with db.connection_context():
        item = create_feedback(text="First")
        first = AuditEvent.create(action="one")
        second = AuditEvent.create(action="two")
        assert second.at >= first.at and _row(AuditEvent, second.id)["actor_label"] == "system"
        change = FeedbackStatusChange(item=item, status="received")  # save() of a new instance
        change.save()
        stored = FeedbackStatusChange.get_by_id(change.id)
        assert stored.item_id == item.id and stored.status == "received"


def test_sql_expressions_and_given_ids_go_through_peewee(app):
    with db.connection_context():
        event = AuditEvent.create(action="expr", summary=fn.LOWER("SHOUTED"))
        assert _row(AuditEvent, event.id)["summary"] == "shouted"
        next_id = AuditEvent.select(fn.MAX(AuditEvent.id)).scalar() + 100
        given = AuditEvent.create(id=next_id, action="given")
        assert given.id == next_id and _row(AuditEvent, next_id)["action"] == "given"
        keys = [key for key in database._INSERTS if key[0] is AuditEvent]
        assert all("id" not in key[3] for key in keys)


def test_a_constraint_still_fails_as_peewee_would_and_the_instance_stays_unsaved(app):
    with db.connection_context():
        item = create_feedback(text="Unique reference")
        with pytest.raises(IntegrityError):
            with db.atomic():
                FeedbackItem.create(reference=item.reference, kind="comment", channel="web", text="Again")
        assert FeedbackItem.select().where(FeedbackItem.reference == item.reference).count() == 1
