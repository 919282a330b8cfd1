"""Wiring you can see: the shell connects the intake listeners and gives tasks their app on
purpose, the same way in the web process, the worker and each test."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask import current_app, has_app_context

from app.feedback import hooks
from app.queue import db_task

ROOT = Path(__file__).resolve().parents[2]


@db_task("tests.wiring.council_in_context")
def council_in_context():
    return has_app_context(), current_app.config["HEARD"].council_name


def names(signal):
    return sorted(f"{r.__module__}.{r.__name__}" for r in hooks.listeners(signal))


def test_the_default_app_connects_casework_and_classification(settings_overrides):
    from app import create_app

    overrides = dict(settings_overrides)
    overrides.pop("intake_listeners")
    create_app(overrides)
    assert names(hooks.feedback_recorded) == ["app.cases.tasks.enqueue_open",
                                              "app.learning.tasks.enqueue_classification"]
    assert names(hooks.update_received) == ["app.cases.tasks.enqueue_update"]
    assert names(hooks.safeguarding_flagged) == ["app.cases.tasks.enqueue_flagged"]
    assert names(hooks.service_routed) == ["app.cases.tasks.enqueue_route"]


def test_importing_views_and_tasks_connects_nothing(tmp_path):
    script = ("import importlib, json\nfrom app import web, wiring\nfrom app.feedback import hooks\n"
              "for m in web.BLUEPRINT_MODULES + wiring.TASK_MODULES: importlib.import_module(m)\n"
              + LISTENERS)
    assert run_python(script, tmp_path, database_url="") == {s.name: [] for s in hooks.SIGNALS}


def test_a_complaint_opens_a_case_only_where_casework_is_connected(app):
    from app import wiring
    from app.cases import services
    from tests.factories import create_feedback

    assert services.case_of(create_feedback()) is None
    wiring.connect_intake(("cases",))
    assert services.case_of(create_feedback()) is not None


def test_unknown_listeners_are_refused(app):
    from app import wiring

    with pytest.raises(ValueError, match="unknown intake listeners: nonsense"):
        wiring.connect_intake(("nonsense",))


def test_tasks_run_in_the_apps_context_without_one_of_their_own(app):
    assert not has_app_context()
    assert council_in_context().get() == (True, "Testshire County Council")
    assert council_in_context.call_local() == (True, "Testshire County Council")


def test_the_worker_wires_what_the_web_process_wires(tmp_path, database_url):
    script = "import json, app.worker\nfrom app.feedback import hooks\n" + LISTENERS
    assert run_python(script, tmp_path, database_url) == {
        "feedback-recorded": ["enqueue_classification", "enqueue_open"],
        "update-received": ["enqueue_update"],
        "safeguarding-flagged": ["enqueue_flagged"],
        "service-routed": ["enqueue_route"],
    }


LISTENERS = ("print(json.dumps({s.name: sorted(r.__name__ for r in hooks.listeners(s))"
             " for s in hooks.SIGNALS}))")


def run_python(script, tmp_path, database_url):
    env = dict(os.environ, HEARD_INSTANCE_PATH=str(tmp_path), DATABASE_URL=database_url,
               SECRET_KEY="x")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])
