"""The shared page layout in a real browser: phone width, headings, skip link, CSP, sign-in,
and axe-core's accessibility rules.

Needs Debian's chromium at /usr/bin/chromium (Playwright's own browsers are not downloaded)
and, for the axe checks, `npm ci` (node_modules/axe-core). Each part skips with the reason
when its tool is missing. Uses the `live_server` and `staff_credentials` fixtures from
tests/conftest.py.
"""

import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from tests.browser.helpers import (AXE, DESKTOP, PHONE, axe_violations, browser,  # noqa: E402,F401
                                   check_page_basics, fits_phone, sign_in, squash, tab)

pytestmark = pytest.mark.browser


def test_landing_page_at_phone_width(live_server, tab):
    t = tab(PHONE)
    response = t.goto(live_server + "/")
    assert response.status == 200
    page = t.page

    fits_phone(page, "the landing page")
    assert squash(page.locator("header").first.inner_text()), "the header has no council name"
    assert page.locator(".govuk-header__logotype, .govuk-logo").count() == 0, "the GOV.UK crown is shown"

    # The skip link is the first thing the keyboard reaches, and it moves focus to <main>.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main-content"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main-content'")

    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "GDS Transport" not in font

    assert t.problems() == []


def test_sign_in_shows_error_summary_then_staff_home(live_server, staff_credentials, tab):
    t = tab(DESKTOP)
    page = t.page
    t.goto(live_server + "/")
    page.get_by_role("link", name="Staff sign in").click()
    page.wait_for_load_state("load")
    check_page_basics(page)

    # An empty form: "There is a problem", focused, its links pointing at real fields.
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "There is a problem" in summary.inner_text()
    page.wait_for_function(
        "document.activeElement && document.activeElement.classList.contains('govuk-error-summary')"
    )
    assert page.title().startswith("Error: ")
    check_page_basics(page)
    links = summary.locator("a")
    assert links.count() >= 1
    for i in range(links.count()):
        target = links.nth(i).get_attribute("href")
        assert target.startswith("#") and page.locator(target).count() == 1, f"{target} has no field"
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]

    # Signing in shows the staff pages, with the sign-out form in the navigation.
    email, password = staff_credentials
    page.locator("main input[type=email], main input[name=email]").first.fill(email)
    page.locator("main input[type=password]").first.fill(password)
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").first.click()
    assert navigation.value.status == 200, f"{navigation.value.url} answered {navigation.value.status}"
    page.wait_for_load_state("load")
    # An administrator's second step: the code from their authenticator app (app.auth.signin).
    assert page.url.endswith("/staff/login/code")
    check_page_basics(page)
    from tests.web import authenticator_code

    page.locator("main input[name=code]").fill(authenticator_code(email))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    sign_out = page.get_by_role("button", name="Sign out")
    sign_out.wait_for()
    check_page_basics(page)
    assert page.locator(".govuk-error-summary").count() == 0

    # The sign-out form posts its CSRF token and ends the session.
    sign_out.click()
    page.wait_for_load_state("load")
    assert page.get_by_role("button", name="Sign out").count() == 0

    assert t.problems() == []


def test_page_not_found(live_server, tab):
    t = tab(PHONE)
    response = t.goto(live_server + "/no-such-page-here")
    assert response.status == 404
    check_page_basics(t.page)
    assert squash(t.page.locator("h1").inner_text()) == "Page not found"
    assert t.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The browser reports the 404 status itself; anything else is a problem.
    assert [p for p in t.problems() if "404" not in p] == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "1024px"])
def test_no_serious_accessibility_problems(live_server, tab, viewport):
    if not AXE.exists():
        pytest.skip(f"{AXE} is missing: run 'npm ci' to install axe-core")
    # axe is injected as a script, which the CSP rightly blocks, so this tab bypasses it.
    t = tab(viewport, bypass_csp=True)
    page = t.page
    t.goto(live_server + "/")
    assert axe_violations(page) == [], "landing page"

    page.get_by_role("link", name="Staff sign in").click()
    page.wait_for_load_state("load")
    assert axe_violations(page) == [], "sign-in page"

    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    page.locator(".govuk-error-summary").wait_for()
    assert axe_violations(page) == [], "sign-in page with errors"


def test_staff_pages_with_demo_data_fit_a_phone(live_server, staff_credentials, tab):
    """Signed in as an administrator over the demo council year, every staff page
    fits 320px (wide tables scroll in their own box) and passes the basics."""
    from app.demo.seed import seed_demo
    from app.feedback.models import FeedbackItem

    seed_demo(force=True)
    # The demo year runs up to today, so how many items it holds depends on the date.
    total = FeedbackItem.select().count()
    assert total > 300
    t = tab(PHONE)
    page = sign_in(t, live_server, staff_credentials)
    for path in ("/staff/", "/staff/admin/users", "/staff/admin/users/new", "/staff/admin/audit",
                 "/staff/password"):
        response = t.goto(live_server + path)
        assert response.status == 200, path
        fits_phone(page, path)
    t.goto(live_server + "/staff/")
    assert f"{total} items of feedback" in squash(page.locator("main").inner_text())
    assert t.problems() == []
