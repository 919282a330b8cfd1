"""The huey consumer's entry point.

    huey_consumer app.worker.huey -w 2

Builds the app (so the database and queue are configured from the environment)
and imports every tasks module so the consumer knows every task.
"""
import importlib

from app import create_app
from app.queue import huey  # noqa: F401  (the consumer looks for app.worker.huey)

# Every tasks module, so the consumer knows every task; add yours here.
TASK_MODULES = (
    "app.inbox.tasks",
    "app.mail.tasks",
    "surveys.tasks",
    "app.learning.tasks",
    "app.cases.tasks",
    "app.cases.tasks_digest",
)

application = create_app()
for module in TASK_MODULES:
    importlib.import_module(module)
