"""Casework tests run the casework intake hooks as the running app does (a complaint opens
its case; updates and safeguarding flags reach it), but not classification: tests/conftest.py
empties the feedback hooks, and this puts back only the casework ones."""
import pytest


@pytest.fixture(autouse=True)
def casework_hooks(no_classification_on_intake, monkeypatch):
    from app.cases import tasks
    from app.feedback import hooks

    monkeypatch.setattr(hooks, "on_feedback_recorded", [tasks.enqueue_open])
    monkeypatch.setattr(hooks, "on_update_received", [tasks.enqueue_update])
    monkeypatch.setattr(hooks, "on_safeguarding_flagged", [tasks.enqueue_flagged])


@pytest.fixture
def clock(monkeypatch):
    """Sets the casework clock (the services' default `at` and the case page's today)."""
    from app.cases import clocks, rules

    def set_to(moment):
        monkeypatch.setattr(rules, "utcnow", lambda: moment)
        monkeypatch.setattr(clocks, "utcnow", lambda: moment)
    return set_to
