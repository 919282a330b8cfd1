"""Fresh test databases, fast: migrate once, then copy per test."""
import itertools
import os
import queue
import shutil
import threading
from urllib.parse import urlparse, urlunparse

from app.db import connect_database
from app.schema import upgrade

_counter = itertools.count()


class SqliteTemplate:
    def __init__(self, path, migrate=True):
        self.path = path
        database = connect_database(f"sqlite:///{path}")
        if migrate:
            upgrade(database)
        database.connect()
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        database.close()

    def derived(self, directory, build):
        """A template holding this one's copy after `build(url)` filled it (e.g. the demo seeded
        once for every test that reads a seeded demo)."""
        url = self.fresh_copy(directory)
        build(url)
        return SqliteTemplate(url.removeprefix("sqlite:///"), migrate=False)

    def fresh_copy(self, tmp_path):
        target = tmp_path / "heard.db"
        shutil.copyfile(self.path, target)
        return f"sqlite:///{target}"

    def discard(self, url):
        pass


class PostgresTemplate:
    """CREATE DATABASE ... TEMPLATE: a migrated database copied per test.

    Copying a template takes most of a second, so a background thread keeps
    a copy or two ready and drops used ones while the tests run: the next
    test rarely waits for either.
    """

    READY = 2

    def __init__(self, admin_url):
        import psycopg

        self.admin_url = admin_url
        self.psycopg = psycopg
        self.prefix = f"heard_test_{os.getpid()}"
        self.template = f"{self.prefix}_template"
        self._admin(f'DROP DATABASE IF EXISTS "{self.template}"', f'CREATE DATABASE "{self.template}"')
        database = connect_database(self._url(self.template))
        upgrade(database)
        database.close()
        self._ready = queue.Queue()
        self._used = queue.Queue()
        self._wanted = threading.Semaphore(self.READY)
        threading.Thread(target=self._keep_copies_ready, daemon=True, name="pg-template-copies").start()

    def _url(self, name):
        return urlunparse(urlparse(self.admin_url)._replace(path="/" + name))

    def _admin(self, *statements):
        with self.psycopg.connect(self.admin_url, autocommit=True) as conn:
            for sql in statements:
                conn.execute(sql)

    def _keep_copies_ready(self):
        while True:
            self._drop_used()
            if not self._wanted.acquire(timeout=0.05):
                continue
            name = f"{self.prefix}_{next(_counter)}"
            try:
                self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
            except Exception as error:  # handed to the test that takes it
                self._ready.put(error)
            else:
                self._ready.put(name)

    def _drop_used(self):
        while True:
            try:
                name = self._used.get_nowait()
            except queue.Empty:
                return
            try:
                self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception:  # a copy left behind in a throwaway cluster; the thread must live on
                pass

    def derived(self, directory, build):
        """A template holding this one's copy after `build(url)` filled it; copies of it are
        made as they are asked for (few tests use one)."""
        url = self._url(f"{self.prefix}_{next(_counter)}")
        self._admin(f'CREATE DATABASE "{urlparse(url).path.lstrip("/")}" TEMPLATE "{self.template}"')
        build(url)
        return _PostgresDerived(self, urlparse(url).path.lstrip("/"))

    def fresh_copy(self, tmp_path):
        name = self._ready.get()
        self._wanted.release()
        if isinstance(name, Exception):
            raise name
        return self._url(name)

    def discard(self, url):
        from app.db import db

        if db.obj is not None:
            db.obj.close()
        self._used.put(urlparse(url).path.lstrip("/"))


class _PostgresDerived:
    def __init__(self, base, name):
        self.base, self.name = base, name

    def fresh_copy(self, tmp_path):
        copy = f"{self.base.prefix}_{next(_counter)}"
        self.base._admin(f'CREATE DATABASE "{copy}" TEMPLATE "{self.name}"')
        return self.base._url(copy)

    def discard(self, url):
        self.base.discard(url)
