import pytest


@pytest.fixture
def settings_overrides(settings_overrides):
    """These tests run with the council offering English and Welsh."""
    return dict(settings_overrides, languages=("en", "cy"))
