"""Two-factor sign-in in a real browser (Debian chromium): an officer with no app sets one up
from the QR page at 320px, under the strict CSP, then signs in again with a code. Skips when
chromium or playwright is missing."""
import pyotp
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from tests.browser.helpers import PHONE, browser, fits_phone, press, tab  # noqa: E402,F401
from tests.factories import create_user  # noqa: E402
from tests.web import authenticator_code  # noqa: E402

pytestmark = pytest.mark.browser
PASSWORD = "the right password here"


def password_step(t, live_server, email):
    page = t.page
    t.goto(live_server + "/staff/login")
    page.locator("main input[name=email]").fill(email)
    page.locator("main input[type=password]").fill(PASSWORD)
    press(page, "Sign in")
    return page


def test_setting_up_an_app_and_signing_in_with_a_code_on_a_phone(live_server, tab):
    officer = create_user("complaints_officer", password=PASSWORD, two_factor=False)
    t = tab(PHONE)
    page = password_step(t, live_server, officer.email)
    assert page.url.endswith("/staff/login/set-up")
    fits_phone(page, "set-up")
    qr = page.get_by_role("img", name="QR code that adds your")
    assert qr.locator("svg").bounding_box()["width"] <= PHONE["width"] - 30
    page.locator("summary", has_text="I cannot scan the QR code").click()
    secret = "".join(page.locator("#secret-key").inner_text().split())
    page.get_by_label("Enter the 6-digit code your app shows").fill(pyotp.TOTP(secret).now())
    press(page, "Turn on two-factor sign-in")
    assert page.locator("#recovery-codes li").count() == 10
    fits_phone(page, "recovery codes")
    with page.expect_navigation():
        page.get_by_role("button", name="I have saved my recovery codes").click()
    assert page.url.endswith("/staff/")
    assert t.problems() == []

    again = tab(PHONE)
    page = password_step(again, live_server, officer.email)
    assert page.url.endswith("/staff/login/code")
    fits_phone(page, "code page")
    code = authenticator_code(officer.email)
    page.get_by_label("Enter the 6-digit code from your authenticator app").fill(code)
    press(page, "Continue")
    assert page.url.endswith("/staff/")
    assert again.problems() == []
