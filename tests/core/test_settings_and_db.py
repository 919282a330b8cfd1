import dataclasses
import os

import pytest

from app.config import Settings
from app.db import UnsafeSqlite, connect_database, db, is_postgres


def test_settings_are_frozen_and_read_from_the_environment(tmp_path):
    env = {"HEARD_INSTANCE_PATH": str(tmp_path), "COUNCIL_NAME": "Wessex County Council",
           "SESSION_IDLE_MINUTES": "20", "SECRET_KEY": "s3cret"}
    settings = Settings.from_env(env)
    assert settings.council_name == "Wessex County Council" and settings.session_idle_minutes == 20
    assert settings.database_url == f"sqlite:///{tmp_path}/heard.db"
    assert settings.huey_url == f"sqlite:///{tmp_path}/queue.db"
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.council_name = "changed"


def test_secret_is_generated_once_and_kept(tmp_path):
    first = Settings.from_env({"HEARD_INSTANCE_PATH": str(tmp_path)}).secret_key
    again = Settings.from_env({"HEARD_INSTANCE_PATH": str(tmp_path)}).secret_key
    assert first == again and len(first) > 40
    assert oct(os.stat(tmp_path / "secret_key").st_mode)[-3:] == "600"


def test_the_council_address_is_read_as_lines(tmp_path):
    def lines(value=None):
        env = {"HEARD_INSTANCE_PATH": str(tmp_path)}
        if value is not None:
            env["COUNCIL_ADDRESS"] = value
        return Settings.from_env(env).council_address_lines

    assert lines() == ("County Hall", "Market Street", "Exampletown", "EX1 1AA")  # the demo default
    assert lines("Town Hall\n  Bridge Street \n\nBanbury\nOX16 5QB\n") == (
        "Town Hall", "Bridge Street", "Banbury", "OX16 5QB")
    assert lines(r"Town Hall\nBanbury\nOX16 5QB") == ("Town Hall", "Banbury", "OX16 5QB")  # from a .env file
    assert lines("   ") == ("County Hall", "Market Street", "Exampletown", "EX1 1AA")


def test_bad_colour_is_refused(tmp_path):
    with pytest.raises(ValueError):
        Settings.from_env({"HEARD_INSTANCE_PATH": str(tmp_path), "COUNCIL_COLOUR": "red;}"})


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(app):
    if is_postgres():
        pytest.skip("SQLite only")
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    version = db.execute_sql("SELECT sqlite_version()").fetchone()[0]
    assert tuple(map(int, version.split("."))) >= (3, 51, 3)


def test_refuses_a_sqlite_with_the_wal_reset_bug(monkeypatch, tmp_path):
    import cysqlite

    monkeypatch.setattr(cysqlite, "sqlite_version_info", (3, 40, 1))
    monkeypatch.setattr(cysqlite, "sqlite_version", "3.40.1")
    with pytest.raises(UnsafeSqlite, match="WAL-reset"):
        connect_database(f"sqlite:///{tmp_path}/x.db")


def test_postgres_urls_use_psycopg3():
    database = connect_database("postgresql://heard:p%40ss@db.internal:5433/heard")
    assert type(database).__name__ == "Psycopg3Database"
    assert database.database == "heard"
    assert database.connect_params["password"] == "p@ss" and database.connect_params["port"] == 5433


def test_unknown_database_scheme_is_a_clear_error():
    with pytest.raises(ValueError, match="Unsupported DATABASE_URL"):
        connect_database("mysql://x")
