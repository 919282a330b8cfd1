"""Backups, the database's half (app.backup has the archive and the commands): reading row
counts and migrations, copying the database while the app writes, and restoring it.

SQLite: the online backup API copies every page in one step, so in one read transaction: a
consistent copy while writers carry on (WAL), checked with PRAGMA integrity_check and
foreign_key_check; a restore copies the pages back into the live file the same way.
PostgreSQL: `pg_dump --format=custom` of a snapshot exported by the transaction that reads the
row counts, so the counts are the dump's; a restore runs a wipe and pg_restore's script in one psql
transaction. The tools come from PATH or /usr/lib/postgresql/*/bin; the password goes in PGPASSWORD.
Neither copies the queue (SQLite: its own file; PostgreSQL: the huey_* tables, left alone).
"""
import contextlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from flask import current_app

from app.db import db, is_postgres, sqlite_path

# The column naming each instance folder's files (app.backup reports files named but not there).
FILE_COLUMNS = {"attachments": ("attachment", "storage_name"), "outbox": ("outbox_message", "eml_file"),
                "panel_documents": ("panel_document", "stored_name")}
# Tables the migrations fill themselves: rows there do not make a database "hold data".
SEEDED = frozenset({"schema_migration", "service_area", "topic"})

# Drops what the dump creates again, leaving the queue's huey_* tables alone (psql runs it).
PG_WIPE = """DO $$ DECLARE statement text; BEGIN FOR statement IN
  SELECT format('DROP VIEW IF EXISTS %I CASCADE', viewname) FROM pg_views
    WHERE schemaname = current_schema()
  UNION ALL SELECT format('DROP TABLE IF EXISTS %I CASCADE', tablename) FROM pg_tables
    WHERE schemaname = current_schema() AND tablename NOT LIKE 'huey\\_%'
  UNION ALL SELECT format('DROP SEQUENCE IF EXISTS %I CASCADE', sequencename) FROM pg_sequences
    WHERE schemaname = current_schema() AND sequencename NOT LIKE 'huey\\_%'
  UNION ALL SELECT format('DROP FUNCTION IF EXISTS %s CASCADE', p.oid::regprocedure) FROM pg_proc p
    WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind = 'f'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
LOOP EXECUTE statement; END LOOP; END $$"""


class Refused(Exception):
    """Bad input, or a restore that would do harm: one line, exit status 2."""


class Failed(Exception):
    """The work itself failed (a tool, a check): one line, exit status 1."""


# Reading a database: the same SQL through cysqlite, psycopg or peewee's execute_sql -------------

def _rows(execute, sql):
    return list(execute(sql))


def _tables(execute, engine):
    """(the tables to count, those whose rows are not data: seeded, or full-text shadow tables)."""
    if engine == "postgresql":
        found = _rows(execute, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                               "AND left(tablename, 5) <> 'huey_' ORDER BY 1")  # no %: psycopg reads it
        return [row[0] for row in found], SEEDED
    found = _rows(execute, "SELECT name, substr(upper(sql), 1, 14) = 'CREATE VIRTUAL' FROM sqlite_master "
                           "WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_' ORDER BY name")
    shadows = tuple(name + "_" for name, virtual in found if virtual)
    names = [name for name, virtual in found if not virtual]
    return names, SEEDED | {name for name in names if name.startswith(shadows)}


def row_counts(execute, engine):
    return {name: _rows(execute, f'SELECT COUNT(*) FROM "{name}"')[0][0]
            for name in _tables(execute, engine)[0]}


def holds_data(execute, engine):
    """The tables holding data (rows the migrations did not put there)."""
    names, not_data = _tables(execute, engine)
    return [name for name in names
            if name not in not_data and _rows(execute, f'SELECT 1 FROM "{name}" LIMIT 1')]


def read_facts(execute, engine):
    """Row counts by table, the applied migrations, and the file names rows hold by folder."""
    counts = row_counts(execute, engine)
    migrations = []
    if "schema_migration" in counts:
        migrations = [row[0] for row in _rows(execute, "SELECT name FROM schema_migration ORDER BY name")]
    named = {folder: {row[0] for row in _rows(execute, f'SELECT "{column}" FROM "{table}" '
                                                       f"WHERE \"{column}\" <> ''")}
             for folder, (table, column) in FILE_COLUMNS.items() if counts.get(table)}
    return {"counts": counts, "migrations": migrations, "named": named}


def sqlite_integrity(execute):
    problems = [row[0] for row in _rows(execute, "PRAGMA integrity_check") if row[0] != "ok"]
    problems += [f"a {row[0]} row ({row[1]}) names a missing {row[2]}"
                 for row in _rows(execute, "PRAGMA foreign_key_check")]
    return (problems[0] + (f" (and {len(problems) - 1} more)" if problems[1:] else "")) if problems else "ok"


# PostgreSQL's tools ------------------------------------------------------------------------------

def _pg_tool(name):
    """On PATH, else the newest /usr/lib/postgresql/*/bin (where Debian keeps them)."""
    found = shutil.which(name) or max(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), default=None,
                                      key=lambda path: [int(n) for n in re.findall(r"\d+", path.parts[-3])])
    if not found:
        raise Failed(f"{name} was not found: install PostgreSQL's client tools (Debian: postgresql-client)")
    return str(found)


def _pg_env(**extra):
    """The connection as libpq's variables, so the password never shows in a process list."""
    env = dict(os.environ, PGDATABASE=db.obj.database, **extra)
    for key, name in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER"), ("password", "PGPASSWORD")):
        if db.obj.connect_params.get(key) is not None:
            env[name] = str(db.obj.connect_params[key])
    return env


def _last_line(text, fallback):
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return ([line for line in lines if "error" in line.lower()] or lines or [fallback])[-1]


def _run(args):
    result = subprocess.run(args, capture_output=True, text=True, env=_pg_env())
    if result.returncode:
        reason = _last_line(result.stderr, f"exit status {result.returncode}")
        raise Failed(f"{Path(args[0]).name} failed: {reason}")


def current_engine():
    return "postgresql" if is_postgres() else "sqlite"


# Copying and restoring ---------------------------------------------------------------------------

def snapshot_sqlite(work):
    import cysqlite
    from cysqlite.exceptions import SqliteError

    if sqlite_path(current_app.config["HEARD"].database_url) == ":memory:":
        raise Refused("DATABASE_URL is an in-memory SQLite database: there is nothing to back up")
    copy = work / "heard.db"
    try:
        db.obj.connection().backup_to_file(str(copy))  # every page in one step: one read transaction
        with contextlib.closing(cysqlite.connect(str(copy))) as connection:
            _rows(connection.execute, "PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
            facts = read_facts(connection.execute, "sqlite")
            return copy, dict(facts, integrity=sqlite_integrity(connection.execute))
    except SqliteError as error:
        raise Failed(f"SQLite: {error}") from None


def snapshot_postgres(work):
    import psycopg

    dump = work / "heard.pgdump"
    params = {key: value for key, value in db.obj.connect_params.items() if value is not None}
    try:
        with psycopg.connect(dbname=db.obj.database, **params) as connection:
            connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            connection.read_only = True
            snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
            facts = read_facts(connection.execute, "postgresql")
            _run([_pg_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", "--exclude-table=huey_*",
                  "--no-owner", "--no-privileges", f"--file={dump}"])
            connection.rollback()
    except psycopg.Error as error:
        raise Failed(f"PostgreSQL: {_last_line(str(error), type(error).__name__)}") from None
    _run([_pg_tool("pg_restore"), "--file=/dev/null", str(dump)])  # reads every block back
    return dump, dict(facts, integrity="ok")


def restore_sqlite(copy):
    import cysqlite
    from cysqlite.exceptions import SqliteError

    try:
        with contextlib.closing(cysqlite.connect(str(copy))) as source:
            source.backup(db.obj.connection())  # every page of the live file, in one transaction
    except SqliteError as error:
        raise Failed(f"SQLite: {error}") from None
    db.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def restore_postgres(dump):
    """The wipe and pg_restore's script in one psql transaction: on any error nothing changes."""
    env = _pg_env(PGOPTIONS="-c lock_timeout=30s")  # a web process or worker still running holds locks
    with tempfile.TemporaryFile() as errors:
        script = subprocess.Popen([_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--no-comments",
                                   "--file=-", str(dump)], stdout=subprocess.PIPE, stderr=errors, env=env)
        psql = subprocess.run([_pg_tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
                               "-c", PG_WIPE, "-f", "-"], stdin=script.stdout, capture_output=True, text=True,
                              env=env)
        script.stdout.close()
        script.wait()
        if psql.returncode:
            raise Failed("psql failed, nothing was changed (stop the web processes and the worker first): "
                         + _last_line(psql.stderr, f"status {psql.returncode}"))
        if script.returncode:
            errors.seek(0)
            raise Failed(f"pg_restore failed: {_last_line(errors.read().decode(errors='replace'), 'error')}")


def snapshot(work):
    """Copy the live database into the folder `work`: (the copy's path, its facts: row counts,
    applied migrations, the files rows name, the integrity check's answer)."""
    return (snapshot_postgres if current_engine() == "postgresql" else snapshot_sqlite)(work)


def restore(copy):
    """Replace the live database's contents with the copy's."""
    (restore_postgres if current_engine() == "postgresql" else restore_sqlite)(copy)


def integrity():
    """The live database's integrity check (PostgreSQL checked every constraint as it restored)."""
    return sqlite_integrity(db.obj.execute_sql) if current_engine() == "sqlite" else "ok"
