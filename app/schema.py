"""Every model in the platform, and applying migrations.

Lives in the shell layer: it imports each domain package's models.
"""
from pathlib import Path

from playhouse.migrations import Runner

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


MODEL_PACKAGES = ("app", "classifiers", "surveys", "reports", "panels")


def all_models():
    """Every BaseModel subclass in the platform's `models.py` modules (and
    app.publicforms), in a stable order. New packages need no registration."""
    import importlib
    import pkgutil

    from app.db import BaseModel

    importlib.import_module("app.publicforms")
    for top in MODEL_PACKAGES:
        try:
            package = importlib.import_module(top)
        except ModuleNotFoundError:
            continue
        for info in pkgutil.walk_packages(package.__path__, top + "."):
            if info.name.endswith(".models"):
                importlib.import_module(info.name)
    found, stack = [], list(BaseModel.__subclasses__())
    while stack:
        model = stack.pop()
        found.append(model)
        stack.extend(model.__subclasses__())
    return sorted(set(found), key=lambda m: m._meta.table_name)


def runner(database):
    return Runner(database, directory=str(MIGRATIONS_DIR))


def upgrade(database):
    """Apply pending migrations; returns the names applied."""
    with database.connection_context():
        return runner(database).up()


def pending(database):
    with database.connection_context():
        return [m.name for m in runner(database).status() if not m.applied]
