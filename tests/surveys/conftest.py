import pytest


@pytest.fixture(autouse=True)
def _fresh_app(app):
    """Every survey test gets the fresh app and database, even if it only calls services."""
    yield app
