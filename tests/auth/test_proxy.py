"""Behind a reverse proxy (issue 15, point 3): with TRUSTED_PROXIES set, every limit keys on
the visitor's address from X-Forwarded-For; with 0 (the default) the header is ignored, so
nobody can pick a fresh address per guess by sending one."""
from app.auth.models import LoginAttempt
from tests.factories import create_user
from tests.web import csrf_token

PASSWORD = "the right password here"
PROXY = "10.0.0.2"  # the proxy's own address, which every request arrives from


def behind_proxy(settings_overrides, proxies):
    from app import create_app

    return create_app(dict(settings_overrides, trusted_proxies=proxies))


def attempt(app, email, password, forwarded_for):
    client = app.test_client()
    token = csrf_token(client, "/staff/login")
    return client.post("/staff/login", data={"email": email, "password": password, "csrf_token": token},
                       headers={"X-Forwarded-For": forwarded_for},
                       environ_base={"REMOTE_ADDR": PROXY})


def test_with_one_trusted_proxy_each_visitor_has_their_own_address(settings_overrides):
    app = behind_proxy(settings_overrides, 1)
    user = create_user("analyst", password=PASSWORD)
    for n in range(20):  # 20 bad sign-ins from one visitor behind the proxy ...
        attempt(app, f"guess{n}@test.invalid", "wrong", "203.0.113.7")
    assert {row.ip for row in LoginAttempt.select()} == {"203.0.113.7"}
    assert attempt(app, user.email, PASSWORD, "203.0.113.7").status_code == 429
    # ... lock out nobody else: the colleague at another address signs in.
    assert attempt(app, user.email, PASSWORD, "198.51.100.8").status_code == 302


def test_only_the_address_the_trusted_proxy_added_counts(settings_overrides):
    app = behind_proxy(settings_overrides, 1)
    # A visitor who sends their own X-Forwarded-For gets the proxy's value appended after it:
    # the rightmost entry is the one the proxy saw.
    attempt(app, "someone@test.invalid", "wrong", "1.2.3.4, 203.0.113.7")
    assert LoginAttempt.get().ip == "203.0.113.7"


def test_without_trusted_proxies_a_spoofed_header_changes_nothing(settings_overrides):
    app = behind_proxy(settings_overrides, 0)
    user = create_user("analyst", password=PASSWORD)
    for n in range(20):  # a new "address" in the header for every guess ...
        attempt(app, f"guess{n}@test.invalid", "wrong", f"198.51.100.{n}")
    assert {row.ip for row in LoginAttempt.select()} == {PROXY}  # ... is ignored
    assert attempt(app, user.email, PASSWORD, "198.51.100.99").status_code == 429


def residents_tracking(app):
    """Statuses of one /track look-up each from PUBLIC_RATE_LIMIT + 5 residents behind the proxy."""
    statuses = []
    for resident in range(app.config["HEARD"].public_rate_limit + 5):
        client = app.test_client()
        token = csrf_token(client, "/track")
        data = {"reference": "HRD-2026-000001", "contact": "a@example.com", "csrf_token": token}
        statuses.append(client.post("/track", data=data,
                                    headers={"X-Forwarded-For": f"203.0.113.{resident + 1}"},
                                    environ_base={"REMOTE_ADDR": PROXY}).status_code)
    return statuses


def test_public_form_limits_count_each_resident_behind_the_proxy(settings_overrides):
    """Residents used to share the proxy's address, so the morning's first few used up the limit."""
    assert 429 in residents_tracking(behind_proxy(settings_overrides, 0))
    assert 429 not in residents_tracking(behind_proxy(settings_overrides, 1))


def test_the_scheme_comes_from_the_proxy_too(settings_overrides):
    from werkzeug.middleware.proxy_fix import ProxyFix

    wrapped = behind_proxy(settings_overrides, 2).wsgi_app
    assert isinstance(wrapped, ProxyFix) and (wrapped.x_for, wrapped.x_proto, wrapped.x_host) == (2, 2, 0)
    assert not isinstance(behind_proxy(settings_overrides, 0).wsgi_app, ProxyFix)


def test_the_setting_must_be_a_count(settings_overrides):
    import pytest

    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        behind_proxy(settings_overrides, -1)
