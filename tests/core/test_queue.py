"""The queue: named tasks with their own connection, enqueued after commit, and a
sweep that re-enqueues what the database still says is pending."""
import pytest

from app.config import Settings
from app.db import db
from app.queue import db_task, huey, queue_storage, register_sweep, run_sweeps, transaction, SWEEPS
from tests.factories import create_feedback

RAN = []


@db_task("tests.mark_closed")
def mark_closed(item_id):
    from app.feedback.models import FeedbackItem

    assert not db.is_closed()
    FeedbackItem.update(status="closed").where(FeedbackItem.id == item_id).execute()
    RAN.append(item_id)


@pytest.fixture(autouse=True)
def _reset():
    RAN.clear()
    yield
    SWEEPS.pop("tests.unclosed", None)


def test_tasks_have_names(app):
    names = set(huey._registry._registry)
    assert "tests.core.test_queue.tests.mark_closed" in names
    assert "app.queue.heard.sweep_pending" in names


def test_task_is_enqueued_only_after_commit(app):
    item = create_feedback()
    with transaction() as tx:
        tx.on_commit(mark_closed, item.id)
        assert RAN == []
    assert RAN == [item.id]


def test_nothing_is_enqueued_when_the_transaction_rolls_back(app):
    item = create_feedback()
    with pytest.raises(RuntimeError), transaction() as tx:
        tx.on_commit(mark_closed, item.id)
        raise RuntimeError("boom")
    assert RAN == []


def test_sweep_re_enqueues_pending_rows_and_running_twice_is_safe(app):
    from app.feedback.models import FeedbackItem

    items = [create_feedback() for _ in range(3)]
    FeedbackItem.update(status="closed").where(FeedbackItem.id == items[0].id).execute()
    register_sweep("tests.unclosed",
                   lambda: [i.id for i in FeedbackItem.select().where(FeedbackItem.status != "closed")],
                   mark_closed)
    assert run_sweeps()["tests.unclosed"] == 2
    assert sorted(RAN) == sorted([items[1].id, items[2].id])
    assert run_sweeps()["tests.unclosed"] == 0


def test_storage_follows_the_settings(tmp_path):
    base = Settings(instance_path=str(tmp_path), secret_key="x")
    storage, kwargs = queue_storage(base.resolved())
    assert storage.__name__ == "CySqliteStorage" and kwargs["filename"].endswith("queue.db")
    pg = base.with_overrides(database_url="postgresql://heard@127.0.0.1/heard")
    assert queue_storage(pg)[0].__name__ == "PostgresStorage"
    redis = base.with_overrides(huey_redis_url="redis://127.0.0.1:6379/0")
    assert queue_storage(redis)[0].__name__ == "RedisStorage"


def test_real_sqlite_queue_round_trip(tmp_path, app):
    """Not immediate: enqueue into the SQLite file, then run it as a consumer would."""
    _round_trip(Settings(instance_path=str(tmp_path), secret_key="x").resolved(), tmp_path)


def _round_trip(settings, tmp_path):
    from app.queue import configure_queue

    configure_queue(settings)
    try:
        huey.flush()
        item = create_feedback()
        mark_closed(item.id)
        assert huey.pending_count() == 1 and RAN == []
        huey.execute(huey.dequeue())
        assert RAN == [item.id]
    finally:
        huey.flush()
        configure_queue(Settings(instance_path=str(tmp_path), secret_key="x", huey_immediate=True).resolved())


@pytest.mark.skipif(not __import__("os").environ.get("HEARD_TEST_DATABASE_URL"),
                    reason="PostgreSQL queue storage is tested by make test-postgres")
def test_real_postgres_queue_round_trip(tmp_path, app, database_url):
    settings = Settings(instance_path=str(tmp_path), secret_key="x", database_url=database_url).resolved()
    assert settings.huey_url == database_url
    _round_trip(settings, tmp_path)


def test_real_redis_queue_round_trip(tmp_path, app):
    import shutil
    import socket
    import subprocess
    import time

    server = shutil.which("redis-server")
    if not server:
        pytest.skip("redis-server is not installed (make test installs it where it can)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        settings = Settings(instance_path=str(tmp_path), secret_key="x",
                            huey_redis_url=f"redis://127.0.0.1:{port}/0").resolved()
        _round_trip(settings, tmp_path)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_transaction_that_reads_then_writes_waits_for_another_writer_instead_of_failing(app):
    """Two workers at once: one reads then writes while the other commits a write in between.
    On SQLite a deferred transaction would fail with "database is locked" at the write."""
    import threading

    from app.db import is_postgres
    from app.feedback.models import Counter

    if is_postgres():
        pytest.skip("SQLite locking")
    Counter.create(name="race", value=0)
    first_has_read, second_done, errors = threading.Event(), threading.Event(), []

    def first():
        try:
            with db.connection_context(), transaction():
                Counter.get(Counter.name == "race")
                first_has_read.set()
                second_done.wait(0.5)  # the other writer commits here, or waits for us
                Counter.update(value=Counter.value + 1).where(Counter.name == "race").execute()
        except Exception as error:  # noqa: BLE001 - the test reports it
            errors.append(error)

    def second():
        first_has_read.wait(5)
        try:
            with db.connection_context(), transaction():
                Counter.update(value=Counter.value + 10).where(Counter.name == "race").execute()
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert Counter.get(Counter.name == "race").value == 11
