"""The members' outcome page in a real browser (Debian chromium) at 320px and desktop width:
page basics, nothing runs off the side, no console errors or CSP violations, and axe-core finds
no violation at all. Skips when chromium or playwright is missing."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from tests.browser.helpers import (AXE, DESKTOP, PHONE, RUN_AXE, browser, check_page_basics,  # noqa: E402,F401
                                   no_sideways_scroll, tab)
from tests.panels.members import sign_in_member  # noqa: E402
from tests.panels.proposals.test_results_outcome import decided, url  # noqa: E402,F401
from tests.factories import create_member  # noqa: E402

pytestmark = pytest.mark.browser


def member_tab(app, tab, live_server, member, viewport, bypass_csp=False):
    """A tab holding `member`'s session, as following their emailed link would give it."""
    client = app.test_client()
    sign_in_member(client, member)
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    t = tab(viewport, bypass_csp=bypass_csp)
    t.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server}])
    return t


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_the_outcome_page_fits_and_has_no_accessibility_problems(app, live_server, tab, decided, viewport):
    member = create_member(decided.panel)
    t = member_tab(app, tab, live_server, member, viewport)
    assert t.goto(live_server + url(decided)).status == 200
    check_page_basics(t.page)
    no_sideways_scroll(t.page, "outcome", viewport["width"])
    assert "What we decided and why" in t.page.locator("main").inner_text()
    assert t.problems() == []
    if AXE.exists():
        checker = member_tab(app, tab, live_server, member, viewport, bypass_csp=True)
        checker.goto(live_server + url(decided))
        checker.page.add_script_tag(path=str(AXE))
        assert checker.page.evaluate(RUN_AXE) == []


def test_the_staff_results_and_decision_pages_fit_a_phone(app, live_server, staff_credentials, tab, decided):
    from tests.browser.helpers import axe_signed_in, fits_phone, sign_in

    paths = (f"/staff/panels/proposals/{decided.id}/results", f"/staff/panels/proposals/{decided.id}/decision",
             f"/staff/panels/{decided.panel.id}/surveys")
    t = tab(PHONE)
    page = sign_in(t, live_server, staff_credentials)
    for path in paths:
        assert t.goto(live_server + path).status == 200, path
        fits_phone(page, path)
    assert t.problems() == []
    axe_signed_in(tab, live_server, staff_credentials, paths)
