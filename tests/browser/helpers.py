"""Shared by the browser tests: Debian's chromium through Playwright, tabs that collect
console errors and CSP violations, page basics and axe-core.

Needs /usr/bin/chromium (Playwright's own browsers are not downloaded) and, for the axe
checks, `npm ci` (node_modules/axe-core). Test modules import the `browser` and `tab`
fixtures from here.
"""
import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1024, "height": 768}

# Records CSP violations from the first byte of every page (init scripts are not subject to CSP).
RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""

RUN_AXE = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
}
"""


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium to run the browser tests")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Tab:
    """A page in a fresh browser context that collects console errors and CSP violations."""

    def __init__(self, browser, viewport, bypass_csp=False):
        self.context = browser.new_context(viewport=viewport, bypass_csp=bypass_csp)
        self.context.add_init_script(RECORD_CSP)
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _on_console(self, message):
        if message.type == "error":
            self.errors.append(message.text)

    def goto(self, url):
        response = self.page.goto(url)
        self.page.wait_for_load_state("load")
        return response

    def problems(self):
        """Console errors and CSP violations so far on this tab."""
        violations = self.page.evaluate("window.__cspViolations || []")
        return self.errors + [f"CSP violation: {v}" for v in violations]

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser):
    tabs = []

    def open_tab(viewport=DESKTOP, bypass_csp=False):
        tabs.append(Tab(browser, viewport, bypass_csp))
        return tabs[-1]

    yield open_tab
    for t in tabs:
        t.close()


def sign_in(t, live_server, credentials):
    """Sign in on tab `t` through the real forms: the password, then, where the account has
    two-factor sign-in, the code its authenticator app shows now (tests.web.authenticator_code),
    or setting the app up from the key the page shows. Returns its page."""
    page = t.page
    t.goto(live_server + "/staff/login")
    page.locator("main input[name=email]").fill(credentials[0])
    page.locator("main input[type=password]").fill(credentials[1])
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    path = urlparse(page.url).path
    if path == "/staff/login/code":
        from tests.web import authenticator_code

        page.locator("main input[name=code]").fill(authenticator_code(credentials[0]))
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
    elif path == "/staff/login/set-up":
        import pyotp

        secret = "".join(page.locator("#secret-key").text_content().split())
        page.locator("main input[name=code]").fill(pyotp.TOTP(secret).now())
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        with page.expect_navigation():
            page.get_by_role("button", name="I have saved my recovery codes").click()
    return page


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def check_page_basics(page):
    """One h1, a title that starts with it (after an optional "Error: "), lang en-GB, and the
    GOV.UK Frontend JavaScript running (which proves the CSP let heard.js load)."""
    headings = page.locator("h1")
    assert headings.count() == 1, f"{page.url} has {headings.count()} h1 elements"
    h1 = squash(headings.inner_text())
    title = squash(page.title())
    assert title.removeprefix("Error: ").startswith(h1), f"title {title!r} does not start with h1 {h1!r}"
    assert page.get_attribute("html", "lang") == "en-GB"
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in ("serious", "critical")]


def no_sideways_scroll(page, name, width=PHONE["width"]):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{name} scrolls sideways at {width}px ({scroll}px)"


def fits_phone(page, name):
    """The page basics, and nothing scrolls sideways at 320px."""
    check_page_basics(page)
    no_sideways_scroll(page, name)


def checked(t, name, width=PHONE["width"]):
    """The page basics, no sideways scrolling at `width`, and (with axe-core installed) no
    serious accessibility problems; the tab bypasses the CSP when axe is to run."""
    check_page_basics(t.page)
    no_sideways_scroll(t.page, name, width)
    if AXE.exists():
        assert axe_violations(t.page) == [], name


def press(page, label="Continue"):
    """Press the button and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()
    page.wait_for_load_state("load")


def axe_signed_in(tab, live_server, credentials, paths):
    """With axe-core installed, axe finds nothing serious or critical on `paths` for a signed-in
    officer on a phone; returns that tab (it bypasses the CSP, as axe is injected as a script),
    or None without axe."""
    if not AXE.exists():
        return None
    checker = tab(PHONE, bypass_csp=True)
    sign_in(checker, live_server, credentials)
    for path in paths:
        checker.goto(live_server + path)
        assert axe_violations(checker.page) == [], path
    return checker
