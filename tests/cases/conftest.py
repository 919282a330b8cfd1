"""Casework tests connect the casework intake listeners as the running app does (a complaint
opens its case; updates and safeguarding flags reach it), but not classification."""
import pytest


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, intake_listeners=("cases",))


@pytest.fixture
def clock(monkeypatch):
    """Sets the casework clock (the services' default `at` and the case page's today)."""
    from app.cases import clocks, rules

    def set_to(moment):
        monkeypatch.setattr(rules, "utcnow", lambda: moment)
        monkeypatch.setattr(clocks, "utcnow", lambda: moment)
    return set_to
