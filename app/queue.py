"""The huey queue: a leaf singleton, configured by create_app().

At import the queue runs in immediate mode on memory storage, so importing a
tasks module never touches a broker. `configure_queue(settings)` picks the real
storage: Redis when HUEY_REDIS_URL is set, PostgreSQL when the platform runs on
PostgreSQL, otherwise its own SQLite file (so the queue never holds the app's
write lock).

huey delivers at most once: a task running when a worker dies is gone. So
tasks take ids, are safe to run twice, are enqueued after commit, and
`sweep_pending` re-enqueues whatever the database still says is pending.
"""
import contextlib
import functools
import threading
import logging
from dataclasses import dataclass
from urllib.parse import urlparse

from huey import Huey, crontab
from huey.storage import CySqliteStorage, PostgresStorage, RedisStorage

from app.db import db

log = logging.getLogger(__name__)

huey = Huey("heard", immediate=True, utc=True)


def queue_storage(settings):
    """(storage class, kwargs) for the settings; see the module docstring."""
    if settings.huey_redis_url:
        return RedisStorage, {"url": settings.huey_redis_url}
    url = settings.huey_url
    scheme = urlparse(url).scheme
    if scheme in {"postgres", "postgresql"}:
        return PostgresStorage, {"dsn": url, "table_prefix": "huey"}
    if scheme == "sqlite":
        from app.db import sqlite_path

        return CySqliteStorage, {"filename": sqlite_path(url)}
    raise ValueError(f"Unsupported HUEY_URL {url!r}")


def configure_queue(settings):
    storage_class, kwargs = queue_storage(settings)
    if storage_class is CySqliteStorage:
        import os

        os.makedirs(os.path.dirname(os.path.abspath(kwargs["filename"])), exist_ok=True)
    huey.storage_class = storage_class
    huey.storage_kwargs = kwargs
    huey._immediate = settings.huey_immediate
    huey.storage = huey.create_storage()
    return huey


class _Transaction:
    """Collects tasks to enqueue once the outermost transaction commits."""

    _local = threading.local()

    def __init__(self):
        self.tasks = []

    def on_commit(self, task, *args):
        self.tasks.append((task, args))


@contextlib.contextmanager
def transaction():
    """`with transaction() as tx: ...; tx.on_commit(task, id)` — enqueue after commit.

    Nested uses join the outermost transaction; nothing is enqueued on rollback.
    """
    outer = getattr(_Transaction._local, "current", None)
    if outer is not None:
        with db.atomic():
            yield outer
        return
    tx = _Transaction._local.current = _Transaction()
    try:
        with db.atomic():
            yield tx
    finally:
        _Transaction._local.current = None
    for task, args in tx.tasks:
        task(*args)


def db_task(name, **task_options):
    """A named huey task that opens (and closes) its own database connection."""

    def decorator(func):
        @functools.wraps(func)
        def with_connection(*args, **kwargs):
            if db.obj is None:
                raise RuntimeError("database not initialised: start the worker with app.worker")
            with db.connection_context():
                return func(*args, **kwargs)

        return huey.task(name=name, **task_options)(with_connection)

    return decorator


@dataclass(frozen=True)
class Sweep:
    """Work the database says is still pending: `pending()` yields ids for `task`."""

    name: str
    pending: object
    task: object


SWEEPS = {}


def register_sweep(name, pending, task):
    SWEEPS[name] = Sweep(name, pending, task)


def run_sweeps():
    """Re-enqueue every pending id; returns {sweep name: count}."""
    counts = {}
    for sweep in list(SWEEPS.values()):
        ids = list(sweep.pending())
        for item_id in ids:
            sweep.task(item_id)
        counts[sweep.name] = len(ids)
        if ids:
            log.info("sweep %s re-enqueued %d", sweep.name, len(ids))
    return counts


@huey.periodic_task(crontab(minute="*/5"), name="heard.sweep_pending")
def sweep_pending():
    with db.connection_context():
        return run_sweeps()
