"""Fresh test databases, fast: migrate once, then copy per test."""
import itertools
import os
import shutil
from urllib.parse import urlparse, urlunparse

from app.db import connect_database
from app.schema import upgrade

_counter = itertools.count()


class SqliteTemplate:
    def __init__(self, path):
        self.path = path
        database = connect_database(f"sqlite:///{path}")
        upgrade(database)
        database.connect()
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        database.close()

    def fresh_copy(self, tmp_path):
        target = tmp_path / "heard.db"
        shutil.copyfile(self.path, target)
        return f"sqlite:///{target}"

    def discard(self, url):
        pass


class PostgresTemplate:
    """CREATE DATABASE ... TEMPLATE: a migrated database copied per test."""

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

    def _url(self, name):
        return urlunparse(urlparse(self.admin_url)._replace(path="/" + name))

    def _admin(self, *statements):
        with self.psycopg.connect(self.admin_url, autocommit=True) as conn:
            for sql in statements:
                conn.execute(sql)

    def fresh_copy(self, tmp_path):
        name = f"{self.prefix}_{next(_counter)}"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return self._url(name)

    def discard(self, url):
        from app.db import db

        if db.obj is not None:
            db.obj.close()
        name = urlparse(url).path.lstrip("/")
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
