"""The migrations build exactly the schema the models describe."""
import re

from playhouse.schema_diff import diff_models

from app.db import db
from app.schema import MIGRATIONS_DIR, all_models


def test_migrated_database_matches_models(app):
    from app.cases.search import SEARCH_INDEXES

    diff = diff_models(db.obj, all_models())
    # Full-text search lives outside the models: SQLite's FTS5 table (no model, so not
    # compared) and PostgreSQL's GIN expression indexes (migration 0009), tolerated here.
    diff = diff._replace(drop_indexes=[i for i in diff.drop_indexes if i.name not in SEARCH_INDEXES])
    assert not diff, f"models and migrations disagree:\n{diff}"


def test_column_types_and_nullability_match(app):
    """schema_diff compares names only; compare each column's type and NULL too."""
    problems = []
    for model in all_models():
        table = model._meta.table_name
        columns = {c.name: c for c in db.obj.get_columns(table)}
        for field in model._meta.sorted_fields:
            column = columns[field.column_name]
            if column.null != field.null:
                problems.append(f"{table}.{field.column_name}: null={column.null}, model null={field.null}")
            expected = db.obj.get_context_options()["field_types"].get(field.field_type, field.field_type)
            if _base_type(column.data_type) != _base_type(expected):
                problems.append(f"{table}.{field.column_name}: {column.data_type} vs {expected}")
    assert not problems, "\n".join(problems)


def _base_type(name):
    name = str(name).lower().split("(")[0].strip()
    aliases = {"character varying": "varchar", "timestamp without time zone": "timestamp",
               "datetime": "timestamp", "bool": "boolean", "int": "integer", "serial": "integer"}
    return aliases.get(name, name)


def test_migration_numbers_are_unique_and_contiguous():
    numbers = []
    for path in sorted(MIGRATIONS_DIR.glob("*.py")):
        match = re.match(r"(\d{4})_[a-z0-9_]+\.py$", path.name)
        assert match, f"badly named migration {path.name}"
        numbers.append(int(match.group(1)))
    assert numbers == list(range(1, len(numbers) + 1))


def test_service_areas_are_seeded(app):
    from app.org.models import ServiceArea

    names = [s.name for s in ServiceArea.ordered()]
    assert names[:3] == ["Adult Social Care", "Children's Services", "Highways"]
    assert "Registration (births, deaths, marriages)" in names and len(names) == 12


def test_audit_log_is_append_only(app):
    import peewee
    import pytest

    from app.audit.models import AuditEvent
    from app.audit.services import record

    event = record("test.happened", summary="something")
    with pytest.raises(peewee.DatabaseError), db.atomic():
        AuditEvent.update(summary="rewritten").where(AuditEvent.id == event.id).execute()
    with pytest.raises(peewee.DatabaseError), db.atomic():
        AuditEvent.delete().where(AuditEvent.id == event.id).execute()
    assert AuditEvent.get_by_id(event.id).summary == "something"


def test_upgrade_is_idempotent(app):
    from app.schema import upgrade

    assert upgrade(db.obj) == []
