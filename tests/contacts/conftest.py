"""Assisted capture tests run with casework's intake listener, as the running app does (a
complaint opens its case), but not classification (it would load the real encoder)."""
import pytest


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, intake_listeners=("cases",))
