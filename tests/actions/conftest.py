"""Action tests open cases as the running app does (a complaint opens its case)."""
import pytest


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, intake_listeners=("cases",))
