"""`flask --app app demo sign-ins` gives a newcomer everything the demo accounts need: the
password, and for the roles that sign in with a code, the authenticator secret (issue 15)."""
import re

import pyotp
import pytest

from app.auth.models import User
from app.demo.staff import totp_secret_for
from tests.web import submit

SECRET = re.compile(r"^\s+authenticator secret: ([A-Z2-7]{32})$", re.M)


@pytest.mark.seeded
def test_demo_sign_ins_prints_secrets_any_authenticator_can_use(app, seeded):
    output = app.test_cli_runner().invoke(args=["demo", "sign-ins"]).output
    lines = output.splitlines()
    secrets = {}
    for n, line in enumerate(lines):
        match = SECRET.match(line)
        if match:
            email = lines[n - 1].split()[-2]
            secrets[email] = match.group(1)
    needing = {u.email for u in User.select() if u.is_demo and u.needs_second_factor}
    assert set(secrets) == needing and len(needing) == 4
    assert "pyotp.TOTP('SECRET').now()" in output
    # Made from the email address, so a reseed gives the same secret and the app keeps working.
    assert all(secret == totp_secret_for(email) for email, secret in secrets.items())

    # Signing in as a newcomer would: the printed password, then the code pyotp makes from the
    # printed secret (not read from the database).
    client = app.test_client()
    first = submit(client, "/staff/login", {"email": "admin@demo.heard.invalid",
                                            "password": "heard-demo-administrator"})
    assert first.headers["Location"].endswith("/staff/login/code")
    code = pyotp.TOTP(secrets["admin@demo.heard.invalid"]).now()
    assert submit(client, "/staff/login/code", {"code": code}).headers["Location"].endswith("/staff/")
    assert client.get("/staff/").status_code == 200
