"""Every test gets a fresh app and database (built by the real migrations),
immediate huey, and plain factory functions (tests/factories.py).

The suite runs on SQLite by default; `make test-postgres` sets
HEARD_TEST_DATABASE_URL=postgresql://... and the same tests run on PostgreSQL.
"""
import os
import threading
import uuid

import pytest

from tests import dbtemplate

TEST_PG_URL = os.environ.get("HEARD_TEST_DATABASE_URL", "")


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """Argon2id with the smallest cost: the library's recommended cost takes
    0.3 s a hash on these machines, paid for every test user and sign-in.
    Hashes are still argon2id; production keeps the recommended parameters."""
    from argon2 import PasswordHasher

    from app.auth import passwords

    kept = passwords._hasher, passwords._DUMMY_HASH
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    passwords._DUMMY_HASH = passwords._hasher.hash("not anyone's password")
    yield
    passwords._hasher, passwords._DUMMY_HASH = kept


@pytest.fixture(scope="session", autouse=True)
def classifier_cache(tmp_path_factory):
    """Exported encoder graphs go to one folder per run (not the checkout's instance folder);
    processes a test starts inherit it."""
    kept = os.environ.get("CLASSIFIER_CACHE")
    os.environ["CLASSIFIER_CACHE"] = str(tmp_path_factory.mktemp("classifier-cache"))
    yield
    if kept is None:
        os.environ.pop("CLASSIFIER_CACHE", None)
    else:
        os.environ["CLASSIFIER_CACHE"] = kept


@pytest.fixture(scope="session")
def template_database(tmp_path_factory):
    """A database migrated once per run; each test gets a copy of it."""
    if TEST_PG_URL:
        yield dbtemplate.PostgresTemplate(TEST_PG_URL)
    else:
        yield dbtemplate.SqliteTemplate(tmp_path_factory.mktemp("template") / "template.db")


@pytest.fixture
def database_url(template_database, tmp_path):
    url = template_database.fresh_copy(tmp_path)
    yield url
    template_database.discard(url)


@pytest.fixture
def settings_overrides(tmp_path, database_url):
    return app_settings(tmp_path, database_url)


def app_settings(tmp_path, database_url):
    """The settings every test app runs with (a fixture of its own so a conftest can build
    an app outside one test, e.g. to seed a template once)."""
    return {
        "instance_path": str(tmp_path / "instance"),
        "database_url": database_url,
        "huey_url": f"sqlite:///{tmp_path / 'queue.db'}",
        "huey_redis_url": "",
        "huey_immediate": True,
        "secret_key": "test-secret-" + uuid.uuid4().hex,
        "testing": True,
        "council_name": "Testshire County Council",
        # No intake listeners: with immediate huey, classification would load the real encoder
        # in every test that records feedback. tests/cases connects casework ("cases") and
        # tests/learning classification (with a tiny encoder) in their own conftest.
        "intake_listeners": (),
        # Pages show a survey's changes at once (tests/surveys/test_public_cache.py tests the memory).
        "public_cache_seconds": 0,
    }


@pytest.fixture
def app(settings_overrides):
    from app import create_app
    from app.db import db

    # No app context is held open: requests would share its `g` (and so its
    # signed-in user). Models work without one; use app.app_context() if needed.
    application = create_app(settings_overrides)
    db.connect(reuse_if_open=True)
    yield application
    if not db.is_closed():
        db.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def staff_credentials(app):
    from tests.factories import create_user

    password = "correct horse battery staple"
    user = create_user(role="administrator", password=password, email="admin@test.invalid")
    return user.email, password


@pytest.fixture
def live_server(app, staff_credentials):
    """The app served over HTTP on loopback in a thread; yields its base URL."""
    from werkzeug.serving import make_server

    from app.db import db

    db.close()  # the server's threads open their own connections
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        db.connect(reuse_if_open=True)


def pytest_report_header(config):
    return f"database: {'PostgreSQL ' + TEST_PG_URL.rsplit('@', 1)[-1] if TEST_PG_URL else 'SQLite'}"
