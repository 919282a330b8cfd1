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


def test_a_rate_limit_hit_skips_the_disk_wait_and_the_setting_comes_back(app, client):
    from app.db import not_durable
    from app.publicforms import RateLimitHit

    with db.connection_context():
        if is_postgres():
            usual = db.execute_sql("SHOW synchronous_commit").fetchone()[0]
            with not_durable():
                assert db.execute_sql("SHOW synchronous_commit").fetchone()[0] == "off"
            assert db.execute_sql("SHOW synchronous_commit").fetchone()[0] == usual
            return
        with not_durable():
            assert _synchronous() == 1
            RateLimitHit.create(bucket="test:x")
        assert _synchronous() == 2 and RateLimitHit.select().count() == 1
        with db.atomic():  # inside a transaction it commits with it: nothing changes
            with not_durable():
                assert _synchronous() == 2
