"""API tests connect casework (a complaint sent in opens its case), as the running app does,
and make keys with the real service."""
import pytest


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, intake_listeners=("cases",))


@pytest.fixture
def make_key(app):
    """make_key(*scopes, rate_limit=None) -> (row, the key)."""
    from app.api import keys
    from tests.factories import create_user

    admin = create_user(role="administrator")

    def make(*scopes, rate_limit=None, name="Contact centre CRM"):
        return keys.create_key(name, scopes or ("submit", "read-status", "read-feedback"), actor=admin,
                               rate_limit=rate_limit)

    return make


@pytest.fixture
def key(make_key):
    return make_key()[1]


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


COMPLAINT = {"kind": "complaint", "channel": "phone", "service": "highways",
             "text": "The pothole on Mill Lane broke my wheel and nobody called back.",
             "put_right": "Pay for the wheel", "occurred_on": "2026-01-05",
             "resident": {"name": "Ada Lovelace", "email": "ada@example.org", "phone": "01632 960123",
                          "preferred_contact": "email"}}
