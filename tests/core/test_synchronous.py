"""A reference number is a promise: SQLite commits with synchronous=FULL unless the council
chooses NORMAL (SQLITE_SYNCHRONOUS), and a wrong value is refused at start-up."""
import pytest

from app.db import db, is_postgres


def _synchronous():
    return db.execute_sql("PRAGMA synchronous").fetchone()[0]


def test_full_by_default_and_normal_when_chosen(settings_overrides):
    from app import create_app

    if "postgres" in settings_overrides["database_url"]:
        pytest.skip("SQLite's setting")
    create_app(settings_overrides)
    with db.connection_context():
        assert not is_postgres() and _synchronous() == 2
    create_app(dict(settings_overrides, sqlite_synchronous="normal"))
    with db.connection_context():
        assert _synchronous() == 1


def test_a_wrong_value_is_refused(settings_overrides):
    from app import create_app

    with pytest.raises(ValueError, match="SQLITE_SYNCHRONOUS must be full or normal"):
        create_app(dict(settings_overrides, sqlite_synchronous="off"))
