import datetime

from app.auth.models import StaffSession
from app.db import utcnow
from tests.factories import create_user
from tests.web import authenticator_code, csrf_token, h1_count, sign_in, submit, title_starts_with_h1


def test_empty_form_shows_error_summary_and_keeps_email(client):
    response = submit(client, "/staff/login", {"email": "someone@council.gov.uk", "password": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in html and "Enter your password" in html
    assert 'value="someone@council.gov.uk"' in html
    assert h1_count(html) == 1
    ok, title, _ = title_starts_with_h1(html)
    assert ok and title.startswith("Error: Sign in")


def test_wrong_password_is_refused_without_saying_which_part(client):
    user = create_user(password="the right password here")
    for email, password in ((user.email, "the wrong password"), ("nobody@test.invalid", "whatever")):
        html = sign_in(client, email, password).get_data(as_text=True)
        assert "Enter a correct email address and password" in html
    assert client.get("/staff/").status_code == 302


def test_sign_in_shows_staff_home_and_rotates_the_session(client, app):
    user = create_user(password="the right password here", name="Priya Shah")
    client.get("/staff/login")
    before = client.get_cookie("heard_session").value
    response = sign_in(client, user.email, "the right password here")
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/")
    after = client.get_cookie("heard_session").value
    assert after != before
    html = client.get("/staff/").get_data(as_text=True)
    assert "Welcome, Priya Shah" in html
    first = StaffSession.get(StaffSession.user == user).token_hash
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    sign_in(client, user.email, "the right password here")
    assert StaffSession.get(StaffSession.user == user).token_hash != first


def test_sign_out_revokes_the_session_even_if_the_cookie_is_replayed(client, app):
    user = create_user(password="the right password here")
    sign_in(client, user.email, "the right password here")
    stolen = client.get_cookie("heard_session").value
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    client.set_cookie("heard_session", stolen)
    assert client.get("/staff/").status_code == 302


def test_idle_session_times_out(client, app):
    user = create_user(password="the right password here")
    sign_in(client, user.email, "the right password here")
    assert client.get("/staff/").status_code == 200
    idle = utcnow() - datetime.timedelta(minutes=31)
    StaffSession.update(last_seen_at=idle).execute()
    response = client.get("/staff/")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    assert "signed out because you did nothing for 30 minutes" in client.get("/staff/login").get_data(as_text=True)


def test_throttle_blocks_the_guesser_not_the_colleague(app):
    victim = create_user(password="the right password here")
    colleague = create_user(password="colleague password here")
    attacker = app.test_client()
    for _ in range(5):
        sign_in(attacker, victim.email, "guess", ip="203.0.113.9")
    response = sign_in(attacker, victim.email, "the right password here", ip="203.0.113.9")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.get_data(as_text=True)
    # The colleague, at the same address, still signs in ...
    assert sign_in(app.test_client(), colleague.email, "colleague password here",
                   ip="203.0.113.9").status_code == 302
    # ... and the victim, from their own desk, is not locked out.
    assert sign_in(app.test_client(), victim.email, "the right password here",
                   ip="198.51.100.20").status_code == 302


def test_one_address_spraying_many_accounts_is_throttled(app):
    user = create_user(password="the right password here")
    sprayer = app.test_client()
    for n in range(20):
        sign_in(sprayer, f"guess{n}@test.invalid", "password1", ip="203.0.113.50")
    assert sign_in(sprayer, user.email, "the right password here", ip="203.0.113.50").status_code == 429
    assert sign_in(app.test_client(), user.email, "the right password here",
                   ip="198.51.100.7").status_code == 302


def test_one_time_password_must_be_changed_first(client):
    user = create_user(password="one time password 1", must_change_password=True)
    sign_in(client, user.email, "one time password 1")
    response = client.get("/staff/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/password")
    weak = submit(client, "/staff/password", {"current_password": "one time password 1",
                                              "new_password": "short", "confirm_password": "short"})
    assert "Password must be 12 characters or more" in weak.get_data(as_text=True)
    done = submit(client, "/staff/password", {"current_password": "one time password 1",
                                              "new_password": "a much better passphrase",
                                              "confirm_password": "a much better passphrase"})
    assert done.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_next_never_leaves_the_site(app):
    for role in ("analyst", "complaints_officer"):  # signed in at once, or after the code
        for asked, lands in (("//evil.example/steal", "/staff/"), ("/staff/password", "/staff/password")):
            client = app.test_client()
            user = create_user(role, password="the right password here")
            token = csrf_token(client, "/staff/login")
            response = client.post(f"/staff/login?next={asked}",
                                   data={"email": user.email, "password": "the right password here",
                                         "csrf_token": token})
            if response.headers["Location"].endswith("/staff/login/code"):
                response = submit(client, "/staff/login/code", {"code": authenticator_code(user.email)})
            assert response.headers["Location"].endswith(lands), (role, asked)


def test_login_without_csrf_token_is_refused_kindly(client):
    response = client.post("/staff/login", data={"email": "a@b.c", "password": "x"})
    assert response.status_code == 400
    assert "<h1" in response.get_data(as_text=True)


def test_passwords_are_hashed_with_argon2id(app):
    user = create_user(password="the right password here")
    assert user.password_hash.startswith("$argon2id$")
    assert "the right password here" not in user.password_hash
