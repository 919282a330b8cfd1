"""Changing a password or second factor ends every other session (issue 15, point 1); sessions
end 12 hours after sign-in however busy; passwords are not common and not reused (point 4)."""
import datetime
import json

import pyotp

from app.audit.models import AuditEvent
from app.auth.models import PasswordHistory, StaffSession, User
from app.auth.passwords import verify_password
from app.db import utcnow
from tests.factories import create_user
from tests.html import parse
from tests.web import csrf_token, get_page, sign_in, submit

PASSWORD = "the right password here"


def signed_in(app, user, password=PASSWORD):
    client = app.test_client()
    assert sign_in(client, user.email, password).status_code == 302
    return client


def change(client, current, new):
    return submit(client, "/staff/password", {"current_password": current, "new_password": new,
                                              "confirm_password": new})


def test_changing_the_password_signs_out_every_other_session(app):
    user = create_user("analyst", password=PASSWORD)
    desk, phone, laptop = (signed_in(app, user) for _ in range(3))
    response = change(desk, PASSWORD, "seven quiet otters paddle home")
    assert response.status_code == 302
    assert "signed out everywhere else (2 other sessions)" in desk.get("/staff/").get_data(as_text=True)
    assert desk.get("/staff/").status_code == 200  # this session carries on
    for other in (phone, laptop):
        assert other.get("/staff/").status_code == 302
    assert StaffSession.select().where(StaffSession.user == user).count() == 1
    event = AuditEvent.get(AuditEvent.action == "staff.password_changed")
    assert json.loads(event.details) == {"sessions_ended": 2}
    assert PASSWORD not in event.summary + event.details


def test_the_current_session_gets_a_new_token_when_credentials_change(app):
    user = create_user("analyst", password=PASSWORD)
    desk = signed_in(app, user)
    before = desk.get_cookie("heard_session").value
    change(desk, PASSWORD, "seven quiet otters paddle home")
    copy = app.test_client()
    copy.set_cookie("heard_session", before)  # a copy of the old cookie
    assert copy.get("/staff/").status_code == 302 and desk.get("/staff/").status_code == 200


def test_setting_up_an_app_and_new_recovery_codes_sign_out_other_sessions(app):
    user = create_user("analyst", password=PASSWORD)
    desk, phone = signed_in(app, user), signed_in(app, user)
    page = parse(desk.get("/staff/account/two-factor").get_data(as_text=True))
    secret = "".join(page.by_id("secret-key").text.split())
    submit(desk, "/staff/account/two-factor", {"code": pyotp.TOTP(secret).now(), "password": PASSWORD})
    assert phone.get("/staff/").status_code == 302 and desk.get("/staff/").status_code == 200

    tablet = signed_in(app, user)
    refused = submit(desk, "/staff/account/recovery-codes", {"password": "not my password"})
    assert "Your current password is not correct" in refused.get_data(as_text=True)
    assert tablet.get("/staff/").status_code == 200
    assert submit(desk, "/staff/account/recovery-codes", {"password": PASSWORD}).status_code == 200
    assert tablet.get("/staff/").status_code == 302 and desk.get("/staff/").status_code == 200


def test_sessions_end_twelve_hours_after_sign_in_however_busy(app):
    user = create_user("complaints_officer", password=PASSWORD)
    client = signed_in(app, user)
    StaffSession.update(created_at=utcnow() - datetime.timedelta(hours=11, minutes=50)).execute()
    assert client.get("/staff/").status_code == 200  # busy all day: still signed in
    page = client.get("/staff/session").get_json()
    assert 0 < page["seconds_left"] <= 10 * 60  # the timeout warning knows the end is near

    StaffSession.update(created_at=utcnow() - datetime.timedelta(hours=12, minutes=1)).execute()
    response = client.get("/staff/")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    assert "signed in more than 12 hours ago" in client.get("/staff/login").get_data(as_text=True)
    assert not StaffSession.select().exists()
    expired = AuditEvent.get(AuditEvent.action == "staff.session_expired")
    assert json.loads(expired.details) == {"reason": "lifetime"}


def test_the_lifetime_is_a_setting(settings_overrides):
    from app import create_app

    app = create_app(dict(settings_overrides, session_max_hours=2))
    user = create_user("analyst", password=PASSWORD)
    client = signed_in(app, user)
    StaffSession.update(created_at=utcnow() - datetime.timedelta(hours=2, minutes=1)).execute()
    assert client.get("/staff/").status_code == 302


def test_with_secure_cookies_the_session_cookie_is_host_prefixed(settings_overrides):
    from app import create_app

    secure = create_app(dict(settings_overrides, secure_cookies=True))
    cookie = secure.test_client().get("/staff/login", base_url="https://localhost").headers["Set-Cookie"]
    assert cookie.startswith("__Host-heard_session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie


def test_signing_out_is_audited(app):
    user = create_user("analyst", password=PASSWORD)
    client = signed_in(app, user)
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    assert AuditEvent.get(AuditEvent.action == "staff.signed_out").actor_id == user.id


# -- passwords ------------------------------------------------------------------------------

def test_common_passwords_are_refused(app):
    user = create_user("analyst", password=PASSWORD)
    client = signed_in(app, user)
    for weak in ("password1234", "Password1234!", "qwertyuiop123", "Liverpool2024!",
                 "correct horse battery staple"):
        page = parse(change(client, PASSWORD, weak).get_data(as_text=True))
        assert "harder to guess" in page.by_id("new_password-error").text, weak
    assert verify_password(User.get_by_id(user.id).password_hash, PASSWORD)
    assert change(client, PASSWORD, "seven quiet otters paddle home").status_code == 302


def test_the_current_and_last_five_passwords_cannot_be_reused(app):
    user = create_user("analyst", password="first good passphrase")
    client = signed_in(app, user, "first good passphrase")
    passwords = ["first good passphrase"] + [f"tidy badger number {word}" for word in
                                              ("one", "two", "three", "four", "five", "six")]
    for old, new in zip(passwords, passwords[1:]):
        assert change(client, old, new).status_code == 302
    current = passwords[-1]
    assert PasswordHistory.select().where(PasswordHistory.user == user).count() == 5
    for used in passwords[-6:-1]:  # the last five
        page = parse(change(client, current, used).get_data(as_text=True))
        assert "not used before" in page.by_id("new_password-error").text, used
    same = parse(change(client, current, current).get_data(as_text=True))
    assert "different from your current one" in same.by_id("new_password-error").text
    assert change(client, current, passwords[0]).status_code == 302  # six back: allowed again


def test_after_an_administrator_reset_the_old_password_cannot_come_back(app):
    from app.auth import services

    admin = create_user("administrator")
    user = create_user("analyst", password=PASSWORD)
    one_time = services.reset_password(user, actor=admin)
    client = signed_in(app, user, one_time)
    page = parse(change(client, one_time, PASSWORD).get_data(as_text=True))
    assert "not used before" in page.by_id("new_password-error").text


def test_the_password_page_says_what_is_wanted(app):
    user = create_user("analyst", password=PASSWORD)
    client = signed_in(app, user)
    html = get_page(client, "/staff/password")
    assert "Not a common password, and not one of your last 5" in html
    assert "You will be signed out everywhere else" in html
    account = get_page(client, "/staff/account")
    assert "12 hours after you sign in" in account and "Two-factor sign-in" in account
