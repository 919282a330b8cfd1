"""The huey queue: a leaf singleton, configured by create_app().

At import the queue runs in immediate mode on memory storage, so importing a
tasks module never touches a broker. `configure_queue(settings)` picks the real
storage: Redis when HUEY_REDIS_URL is set, PostgreSQL when the platform runs on
PostgreSQL, otherwise its own SQLite file (so the queue never holds the app's
write lock).

huey delivers at most once: a task running when a worker dies is gone. So
tasks take ids, are safe to run twice, are enqueued after commit, and the sweeps
re-enqueue whatever the database still says is pending: when a consumer starts
(`sweep_on_start`, so work a crashed worker held resumes at once) and every minute
(`sweep_pending`). Re-enqueued work goes ahead of the queue (RECOVERY_PRIORITY, where the
storage has priorities). A task made with `db_task(name, claim=True)` claims its id
(app.claims) while it runs, so a second copy skips it and the sweeps leave it alone.

Every task runs inside an app context, from one seam: `configure_queue(settings, app)`
(called by create_app, so in the worker, the web process and each test alike) binds the
app, and `db_task` / `periodic_db_task` enter `app_context()` around the task body, as
GOV.UK Notify's task base class does. Services that run outside a request (tasks, and
tests calling them directly) use the same `app_context()`.
"""
import contextlib
import datetime
import functools
import logging
import threading
from dataclasses import dataclass
from urllib.parse import urlparse

from flask import current_app, has_app_context
from huey import Huey, crontab
from huey.storage import CySqliteStorage, PostgresStorage, RedisStorage

from app.claims import claimed, free as unclaimed, prune as prune_claims
from app.db import db

log = logging.getLogger(__name__)

huey = Huey("heard", immediate=True, utc=True)
_bound = {"app": None}


def bind_app(app):
    """The app whose context every task runs in (the last app create_app built)."""
    _bound["app"] = app


@contextlib.contextmanager
def app_context():
    """The current app context, or else one of the bound app; yields the app."""
    if has_app_context():
        yield current_app._get_current_object()
        return
    app = _bound["app"]
    if app is None:
        raise RuntimeError("no app: call create_app() first (the worker does, in app.worker)")
    with app.app_context():
        yield app


def settings():
    """The Settings of the app in use (the request's, or the bound app's)."""
    with app_context() as app:
        return app.config["HEARD"]


def bound_settings():
    """settings(), or None before any app was built (e.g. a bare `import` in a script)."""
    if not has_app_context() and _bound["app"] is None:
        return None
    return settings()


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

        # synchronous=NORMAL: the queue is not the source of truth (the database is, and the sweep
        # re-enqueues what is pending), so an enqueue need not wait for the disk; WAL keeps the
        # file itself safe from a power cut.
        return CySqliteStorage, {"filename": sqlite_path(url), "pragmas": {"synchronous": 1}}
    raise ValueError(f"Unsupported HUEY_URL {url!r}")


def configure_queue(settings, app=None):
    """Point the queue at the settings' storage and bind `app` for the tasks' context."""
    if app is not None:
        bind_app(app)
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


def _in_context(func):
    """`func` run inside the app's context with its own database connection."""

    @functools.wraps(func)
    def with_context(*args, **kwargs):
        if db.obj is None:
            raise RuntimeError("database not initialised: start the worker with app.worker")
        with app_context(), db.connection_context():
            return func(*args, **kwargs)

    return with_context


CLAIMED = set()  # names of the tasks that claim their id while they run


def _claiming(work, func):
    """`func(object_id, ...)` run only while holding the claim on (work, object_id)."""

    @functools.wraps(func)
    def one_at_a_time(object_id, *args, **kwargs):
        with claimed(work, [object_id]) as held:
            if not held:
                log.info("%s %s: another worker is on it", work, object_id)
                return None
            return func(object_id, *args, **kwargs)

    return one_at_a_time


def db_task(name, claim=False, **task_options):
    """A named huey task that runs in the app's context with its own database connection.
    With `claim=True` its first argument is an id it claims while it runs (a second copy
    returns None at once, and the sweeps do not re-enqueue an id that is claimed)."""

    def decorator(func):
        if claim:
            CLAIMED.add(name)
            func = _claiming(name, func)
        return huey.task(name=name, **task_options)(_in_context(func))

    return decorator


def periodic_db_task(schedule, name, **task_options):
    """A named periodic task (huey `crontab` schedule), in the app's context like db_task."""

    def decorator(func):
        return huey.periodic_task(schedule, name=name, **task_options)(_in_context(func))

    return decorator


RECOVERY_PRIORITY = 10


@dataclass(frozen=True)
class Sweep:
    """Work the database says is still pending: `pending()` yields ids for `task`;
    `at_start()` (default: `pending`) is asked instead when a consumer starts."""

    name: str
    pending: object
    task: object
    at_start: object = None


SWEEPS = {}


def register_sweep(name, pending, task, at_start=None):
    SWEEPS[name] = Sweep(name, pending, task, at_start)


def _recovery_priority():
    return RECOVERY_PRIORITY if getattr(huey.storage, "priority", False) else None


def run_sweeps(at_start=False):
    """Re-enqueue every pending id nobody is working on; returns {sweep name: count}."""
    counts, priority = {}, _recovery_priority()
    for sweep in list(SWEEPS.values()):
        ids = list((sweep.at_start if at_start and sweep.at_start else sweep.pending)())
        if getattr(sweep.task, "name", None) in CLAIMED:
            ids = unclaimed(sweep.task.name, ids)
        for item_id in ids:
            sweep.task(item_id, priority=priority)
        counts[sweep.name] = len(ids)
        if ids:
            log.info("sweep %s re-enqueued %d", sweep.name, len(ids))
    return counts


@periodic_db_task(crontab(minute="*"), name="heard.sweep_pending")
def sweep_pending():
    return run_sweeps()


_swept_at_start = threading.Lock()  # held for good once this process has swept


@huey.on_startup("heard.sweep_on_start")
def sweep_on_start():
    """A consumer starting (each worker thread runs start-up hooks: the first one sweeps)
    re-enqueues what is pending, so work lost with a crashed worker resumes now."""
    if _swept_at_start.acquire(blocking=False):
        counts = _in_context(run_sweeps)(at_start=True)
        log.info("swept at start-up: %d re-enqueued", sum(counts.values()))


@periodic_db_task(crontab(minute="41"), name="heard.housekeeping")
def housekeeping():
    """Hourly: delete rows whose only use has passed. Rate-limit hits and sign-in attempts are
    read only within their windows (kept a day at least); claims left by dead workers."""
    from app.auth.throttle import prune as prune_sign_in_attempts
    from app.publicforms import prune_hits

    found, day = settings(), datetime.timedelta(days=1)
    return {
        "rate_limit_hits": prune_hits(
            older_than=max(day, datetime.timedelta(minutes=found.public_rate_window_minutes))),
        "sign_in_attempts": prune_sign_in_attempts(
            older_than=max(day, datetime.timedelta(minutes=found.login_window_minutes))),
        "claims": prune_claims(),
    }
