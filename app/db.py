"""The database: one proxy, one base model, one way to connect.

`DATABASE_URL` picks the engine: `sqlite:///path` (the default, a file under
`instance/`) or `postgresql://user:pass@host:port/name` (psycopg 3).
"""
import contextlib
import datetime
from urllib.parse import unquote, urlparse

from peewee import DatabaseProxy, Insert, Model, Node

db = DatabaseProxy()

# SQLite before 3.51.3 can corrupt a WAL database when two connections reset the WAL
# at the same moment (the "WAL-reset bug"). We refuse to run on such a library.
MIN_SQLITE = (3, 51, 3)
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    # FULL: a commit is on disk before Heard answers, so a reference number given to a resident
    # survives a power cut. NORMAL (SQLITE_SYNCHRONOUS=normal) is faster but, in WAL mode, may
    # lose the last commits on power loss (the database itself stays consistent).
    "synchronous": 2,
    "cache_size": -16000,
    # Deleted rows are overwritten with zeros, so personal data that retention or erasure
    # removes does not linger in the file's free pages (app.privacy.retention).
    "secure_delete": 1,
}


@contextlib.contextmanager
def not_durable():
    """For rows whose loss in a power cut costs nothing (a rate-limit hit): commit them without
    waiting for the disk. SQLite: synchronous=NORMAL for these statements only (in WAL mode that
    skips the fsync; the next FULL commit syncs them anyway); PostgreSQL: synchronous_commit off
    for these statements. Inside a transaction already, nothing changes: it commits with it."""
    if db.in_transaction():
        yield
        return
    if is_postgres():
        db.execute_sql("SET synchronous_commit TO OFF")
        try:
            yield
        finally:
            db.execute_sql("RESET synchronous_commit")
        return
    usual = getattr(db.obj, "heard_synchronous", SQLITE_PRAGMAS["synchronous"])
    db.execute_sql("PRAGMA synchronous=1")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA synchronous={int(usual)}")


class UnsafeSqlite(RuntimeError):
    """Raised when the only SQLite library available has the WAL-reset bug."""


def utcnow():
    """Naive UTC now: the database stores UTC; pages show Europe/London."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False

    def save(self, force_insert=False, only=None):
        """Peewee's save, except that a new row (`create()`, or `save()` of an unsaved instance)
        is written with an INSERT statement built once per model, dialect and set of columns:
        building peewee's query is most of the CPU an insert costs, and the busiest pages
        insert seven rows per request (issue 15's load goal)."""
        if only is None and self._pk is None and self._meta.auto_increment:
            data = self.__data__.copy()
            self._populate_unsaved_relations(data)
            data.pop(self._meta.primary_key.name, None)
            pk = _insert_row(type(self), data)
            if pk is not NotImplemented:
                self._pk = pk
                self._dirty.clear()
                return 1
        return super().save(force_insert=force_insert, only=only)


# (model, database class's name, returning clause, column names) -> (sql, fields in the
# statement's order), or None where peewee's statement did not match the check in _prepare.
_INSERTS = {}


def _insert_row(model, data):
    """INSERT one row of `data` (field name -> value) and return its primary key, or
    NotImplemented where peewee must build the statement itself. The first time for each
    shape, peewee builds it and the result is checked: only a statement whose parameters are
    exactly the fields' own conversions, in a known order, is kept for reuse."""
    if any(isinstance(value, Node) for value in data.values()):
        return NotImplemented
    database = db.obj
    returning = bool(database.returning_clause)
    key = (model, type(database).__name__, returning, tuple(data))  # the name: one entry per dialect
    statement = _INSERTS.get(key, False)
    if statement is False:
        statement = _INSERTS[key] = _prepare(model, database, data, returning)
    if statement is None:
        return NotImplemented
    sql, fields = statement
    cursor = database.execute_sql(sql, [field.db_value(data[field.name]) for field in fields])
    if returning:
        return cursor.fetchone()[0]
    return database.last_insert_id(cursor, Insert.SIMPLE)


def _prepare(model, database, data, returning):
    query = model.insert(data)
    if returning:
        query = query.returning(model._meta.primary_key)
    ctx = database.get_sql_context()
    sql, params = ctx.sql(query).query()
    fields = sorted((model._meta.fields[name] for name in data), key=lambda field: field.get_sort_key(ctx))
    if [field.db_value(data[field.name]) for field in fields] != list(params):
        return None
    return sql, fields


def is_postgres(database=None):
    target = database or db.obj
    return target is not None and type(target).__name__.lower().startswith(("postgres", "psycopg"))


SYNCHRONOUS = {"full": 2, "normal": 1}
POOL_SIZE = 32  # open SQLite connections kept per process, reused from request to request


def connect_database(url, synchronous="full", pooled=False):
    """Build (but do not open) the peewee database for `url`. `synchronous` is SQLite's
    "full" or "normal"; `pooled` keeps SQLite connections open between uses (a web or worker
    process), which saves opening the file, setting its pragmas and reading its schema each
    time, and the WAL checkpoint each last close would run."""
    parsed = urlparse(url)
    scheme = parsed.scheme.split("+")[0]
    if scheme == "sqlite":
        return _sqlite(url, SYNCHRONOUS[synchronous], pooled)
    if scheme in {"postgres", "postgresql"}:
        return _postgres(parsed)
    raise ValueError(f"Unsupported DATABASE_URL scheme {parsed.scheme!r}: use sqlite:/// or postgresql://")


def sqlite_path(url):
    """The file in `sqlite:///relative/path` or `sqlite:////absolute/path`."""
    rest = url.split("://", 1)[1]
    if rest in {"", "/", "/:memory:"}:
        return ":memory:"
    return rest[1:]


def _sqlite(url, synchronous=2, pooled=False):
    from playhouse.cysqlite_ext import CySqliteDatabase, PooledCySqliteDatabase
    import cysqlite

    if tuple(cysqlite.sqlite_version_info[:3]) < MIN_SQLITE:
        raise UnsafeSqlite(
            f"The bundled SQLite is {cysqlite.sqlite_version}; Heard needs "
            f"{'.'.join(map(str, MIN_SQLITE))} or newer (the WAL-reset fix). "
            "Upgrade the cysqlite package, or use PostgreSQL."
        )
    path = sqlite_path(url)
    if path != ":memory:":
        import os

        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    pragmas = dict(SQLITE_PRAGMAS, synchronous=synchronous)
    if pooled and path != ":memory:":
        database = _immediate(PooledCySqliteDatabase)(path, pragmas=pragmas, timeout=10,
                                                      max_connections=POOL_SIZE, stale_timeout=600)
    else:
        database = _immediate(CySqliteDatabase)(path, pragmas=pragmas, timeout=10)
    database.heard_synchronous = synchronous
    return database


def _immediate(database_class):
    """Transactions take SQLite's write lock as they begin (BEGIN IMMEDIATE). A deferred one
    that reads and then writes fails at once with "database is locked" when another writer
    committed in between (SQLITE_BUSY_SNAPSHOT: the busy timeout cannot help); waiting for
    the lock up front can. Savepoints inside a transaction are unaffected."""

    class ImmediateDatabase(database_class):
        def begin(self, lock_type=None):  # also reached through the DatabaseProxy's atomic()
            return super().begin(lock_type or "immediate")

    ImmediateDatabase.__name__ = f"Immediate{database_class.__name__}"
    return ImmediateDatabase


def _postgres(parsed):
    from playhouse.postgres_ext import Psycopg3Database

    return Psycopg3Database(
        unquote(parsed.path.lstrip("/")),
        user=unquote(parsed.username) if parsed.username else None,
        password=unquote(parsed.password) if parsed.password else None,
        host=parsed.hostname or None,
        port=parsed.port or None,
    )


def init_database(url, synchronous="full", pooled=True):
    """Point the proxy at the database for `url` (closing a pool of the one before) and return it."""
    if db.obj is not None and hasattr(db.obj, "close_all"):
        db.obj.close_all()
    database = connect_database(url, synchronous, pooled)
    db.initialize(database)
    return database
