"""Two-factor sign-in (issue 15, point 4): required for administrators and complaints officers,
there for everyone else; codes accepted with a step of drift either side and never twice;
recovery codes that work once; setting it up with a QR code; an administrator's reset."""
import json
import time

import pyotp
import pytest

from app.audit.models import AuditEvent
from app.auth.models import RecoveryCode, StaffSession, User
from tests.factories import create_user
from tests.html import parse
from tests.web import authenticator_code, csrf_token, sign_in, submit

PASSWORD = "the right password here"


def password_step(client, user, ip="127.0.0.1"):
    """Pass only the password step; returns where it sends the browser."""
    response = submit(client, "/staff/login", {"email": user.email, "password": PASSWORD}, ip=ip)
    assert response.status_code == 302
    return response.headers["Location"]


def code_step(client, code, ip="127.0.0.1"):
    return submit(client, "/staff/login/code", {"code": code}, ip=ip)


def fresh(user):
    return User.get_by_id(user.id)


def wrong_code(user):
    """A 6-digit code the user's app does not show now, nor a step either side."""
    totp, now = pyotp.TOTP(fresh(user).totp_secret), time.time()
    valid = {totp.at(now + offset) for offset in (-30, 0, 30)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


@pytest.mark.parametrize("role", ["administrator", "complaints_officer"])
def test_administrators_and_officers_cannot_reach_staff_pages_without_the_code(app, role):
    user = create_user(role, password=PASSWORD)
    client = app.test_client()
    assert password_step(client, user).endswith("/staff/login/code")
    assert client.get("/staff/").headers["Location"].startswith("/staff/login")  # not signed in yet
    assert not StaffSession.select().where(StaffSession.user == user).exists()
    page = client.get("/staff/login/code").get_data(as_text=True)
    assert "Enter the 6-digit code from your authenticator app" in page
    assert 'autocomplete="one-time-code"' in page

    wrong = code_step(client, wrong_code(user))
    assert wrong.status_code == 200 and "The code is not correct" in wrong.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302

    done = code_step(client, authenticator_code(user.email))
    assert done.status_code == 302 and done.headers["Location"].endswith("/staff/")
    assert client.get("/staff/").status_code == 200
    signed_in = AuditEvent.select().where(AuditEvent.action == "staff.signed_in").get()
    assert json.loads(signed_in.details) == {"second_factor": "authenticator app"}


def test_the_code_page_is_only_for_the_browser_that_gave_the_password(app):
    user = create_user("administrator", password=PASSWORD)
    password_step(app.test_client(), user)
    stranger = app.test_client()
    token = csrf_token(stranger, "/staff/login")
    for response in (stranger.get("/staff/login/code"),
                     stranger.post("/staff/login/code", data={"csrf_token": token,
                                                              "code": authenticator_code(user.email)})):
        assert response.status_code == 302 and response.headers["Location"].endswith("/staff/login")
    assert not StaffSession.select().exists()


def test_the_password_step_lasts_ten_minutes(app, monkeypatch):
    user = create_user("administrator", password=PASSWORD)
    client = app.test_client()
    password_step(client, user)
    later = time.time() + 11 * 60
    monkeypatch.setattr("app.auth.signin.time.time", lambda: later)
    response = client.get("/staff/login/code")
    assert response.headers["Location"].endswith("/staff/login")
    assert "Signing in took too long" in client.get("/staff/login").get_data(as_text=True)


def test_analysts_sign_in_with_a_password_until_they_turn_two_factor_on(app):
    analyst = create_user("analyst", password=PASSWORD)
    client = app.test_client()
    assert password_step(client, analyst).endswith("/staff/")  # optional: straight in
    page = client.get("/staff/account").get_data(as_text=True)
    assert "Two-factor sign-in is optional for your role" in page

    setup = client.get("/staff/account/two-factor").get_data(as_text=True)
    secret = "".join(parse(setup).by_id("secret-key").text.split())
    response = submit(client, "/staff/account/two-factor",
                      {"code": pyotp.TOTP(secret).now(), "password": PASSWORD})
    assert response.status_code == 200 and "Save your recovery codes" in response.get_data(as_text=True)
    assert fresh(analyst).totp_secret == secret

    again = app.test_client()
    assert password_step(again, analyst).endswith("/staff/login/code")  # now it asks
    assert code_step(again, authenticator_code(analyst.email)).headers["Location"].endswith("/staff/")


def test_a_code_is_accepted_once(app):
    user = create_user("complaints_officer", password=PASSWORD)
    code = authenticator_code(user.email)
    first = app.test_client()
    password_step(first, user)
    assert code_step(first, code).headers["Location"].endswith("/staff/")

    replay = app.test_client()  # someone who watched it being typed, within the same 30 seconds
    password_step(replay, user)
    refused = code_step(replay, code)
    assert refused.status_code == 200 and "That code has already been used" in refused.get_data(as_text=True)
    assert replay.get("/staff/").status_code == 302
    assert StaffSession.select().where(StaffSession.user == user).count() == 1


def test_codes_are_accepted_one_step_either_side_and_no_further(app):
    user = create_user("complaints_officer", password=PASSWORD)
    totp = pyotp.TOTP(user.totp_secret)
    now = time.time()
    for offset, accepted in ((-60, False), (60, False), (-30, True), (30, True)):
        User.update(totp_last_step=0).where(User.id == user.id).execute()
        client = app.test_client()
        password_step(client, user)
        response = code_step(client, totp.at(now + offset))
        assert (response.status_code == 302) is accepted, offset


def test_a_recovery_code_works_once(app):
    user = create_user("administrator", password=PASSWORD)
    client = app.test_client()
    sign_in(client, user.email, PASSWORD)
    shown = submit(client, "/staff/account/recovery-codes", {"password": PASSWORD}).get_data(as_text=True)
    codes = [li.text for li in parse(shown).by_id("recovery-codes").find_all("li")]
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = " ".join(row.token_hash for row in RecoveryCode.select())
    assert not any(code.replace("-", "") in stored.upper() for code in codes)  # kept only as hashes

    lost_phone = app.test_client()
    password_step(lost_phone, user)
    code_page = lost_phone.get("/staff/login/code").get_data(as_text=True)
    assert "sign in with one of your recovery codes" in code_page
    used = submit(lost_phone, "/staff/login/recovery-code", {"code": codes[3].lower().replace("-", " ")})
    assert used.status_code == 302
    home = lost_phone.get(used.headers["Location"])
    assert home.status_code == 200 and "You have 9 left" in home.get_data(as_text=True)
    event = AuditEvent.get(AuditEvent.action == "staff.recovery_code_used")
    assert json.loads(event.details) == {"left": 9} and codes[3] not in event.summary + event.details

    again = app.test_client()
    password_step(again, user)
    refused = submit(again, "/staff/login/recovery-code", {"code": codes[3]})
    assert refused.status_code == 200 and "already been used" in refused.get_data(as_text=True)
    assert again.get("/staff/").status_code == 302


def test_an_officer_without_an_app_sets_one_up_after_the_password(app):
    user = create_user("complaints_officer", password=PASSWORD, two_factor=False)
    client = app.test_client()
    assert password_step(client, user).endswith("/staff/login/set-up")
    assert client.get("/staff/").status_code == 302  # not signed in until it is set up
    html = client.get("/staff/login/set-up").get_data(as_text=True)
    page = parse(html)
    secret = "".join(page.by_id("secret-key").text.split())
    qr = page.find(where=lambda e: e.attrs.get("role") == "img")
    assert qr.find("svg") is not None and "QR code" in qr.attrs["aria-label"]
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0] and " style=" not in html
    reloaded = parse(client.get("/staff/login/set-up").get_data(as_text=True))
    assert "".join(reloaded.by_id("secret-key").text.split()) == secret  # the same key on reload

    wrong = submit(client, "/staff/login/set-up", {"code": "12345"})
    assert "There is a problem" in wrong.get_data(as_text=True) and fresh(user).totp_secret == ""
    done = submit(client, "/staff/login/set-up", {"code": pyotp.TOTP(secret).now()})
    page = parse(done.get_data(as_text=True))
    assert done.status_code == 200 and len(page.by_id("recovery-codes").find_all("li")) == 10
    assert fresh(user).totp_secret == secret
    assert RecoveryCode.select().where(RecoveryCode.user == user).count() == 10
    assert client.get("/staff/").status_code == 200
    event = AuditEvent.get(AuditEvent.action == "staff.two_factor_set_up")
    assert secret not in event.summary + event.details


def test_an_analyst_made_an_officer_must_set_up_an_app_to_carry_on(app):
    user = create_user("analyst", password=PASSWORD)
    client = app.test_client()
    sign_in(client, user.email, PASSWORD)
    User.update(role="complaints_officer").where(User.id == user.id).execute()
    response = client.get("/staff/")
    assert response.headers["Location"].endswith("/staff/account/two-factor")


def test_wrong_codes_count_against_the_sign_in_limits(app):
    user = create_user("administrator", password=PASSWORD)
    client = app.test_client()
    password_step(client, user, ip="203.0.113.4")
    good, bad = authenticator_code(user.email), wrong_code(user)
    for _ in range(5):
        code_step(client, bad, ip="203.0.113.4")
    response = code_step(client, good, ip="203.0.113.4")
    assert response.status_code == 429 and "Too many failed attempts" in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) > 14 * 60
    # ... and a new password step from that address is held back too.
    assert submit(app.test_client(), "/staff/login", {"email": user.email, "password": PASSWORD},
                  ip="203.0.113.4").status_code == 429


def test_an_administrator_resets_a_lost_app_and_the_officer_is_signed_out(app):
    admin = create_user("administrator", password=PASSWORD)
    officer = create_user("complaints_officer", password=PASSWORD)
    officer_client, admin_client = app.test_client(), app.test_client()
    sign_in(officer_client, officer.email, PASSWORD)
    sign_in(admin_client, admin.email, PASSWORD)
    account_page = admin_client.get(f"/staff/admin/users/{officer.id}").get_data(as_text=True)
    assert "Reset two-factor sign-in" in account_page

    url = f"/staff/admin/users/{officer.id}/reset-two-factor"
    assert "They must set up an authenticator app again" in admin_client.get(url).get_data(as_text=True)
    assert submit(admin_client, url, {}).status_code == 302
    assert fresh(officer).totp_secret == ""
    assert not RecoveryCode.select().where(RecoveryCode.user == officer).exists()
    assert officer_client.get("/staff/").status_code == 302  # signed out at once
    event = AuditEvent.get(AuditEvent.action == "staff.two_factor_reset")
    assert event.actor_id == admin.id and event.object_id == str(officer.id)
    assert password_step(app.test_client(), officer).endswith("/staff/login/set-up")

    own = f"/staff/admin/users/{admin.id}/reset-two-factor"
    refused = submit(admin_client, own, {}).get_data(as_text=True)
    assert "You cannot reset your own two-factor sign-in" in refused


def test_reset_two_factor_is_for_administrators_only(app):
    officer = create_user("complaints_officer", password=PASSWORD)
    client = app.test_client()
    sign_in(client, officer.email, PASSWORD)
    target = create_user("complaints_officer")
    url = f"/staff/admin/users/{target.id}/reset-two-factor"
    assert client.get(url).status_code == 403
    assert client.post(url, data={"csrf_token": csrf_token(client, "/staff/")}).status_code == 403
    assert fresh(target).totp_secret


def test_secrets_and_codes_never_reach_the_audit_log(app):
    user = create_user("complaints_officer", password=PASSWORD)
    client = app.test_client()
    password_step(client, user)
    code_step(client, wrong_code(user))
    code = authenticator_code(user.email)
    code_step(client, code)
    shown = submit(client, "/staff/account/recovery-codes", {"password": PASSWORD}).get_data(as_text=True)
    codes = [li.text for li in parse(shown).by_id("recovery-codes").find_all("li")]
    text = " ".join(e.summary + e.details for e in AuditEvent.select())
    for secret in [user.totp_secret, code, PASSWORD, *codes]:
        assert secret not in text
    assert {"staff.second_factor_failed", "staff.signed_in", "staff.recovery_codes_renewed"} <= {
        e.action for e in AuditEvent.select()}
