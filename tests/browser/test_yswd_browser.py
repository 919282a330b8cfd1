"""An officer on a 320px phone drafts a "You said, we did" report (axe finds nothing serious on
the draft page), approves two quotes (leaving one undecided), sends it for review and publishes
it; then a resident reads it at 320px and at
desktop width: every page fits, and axe-core finds no violations at all."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from tests.browser.helpers import (AXE, DESKTOP, PHONE, RUN_AXE, axe_violations, browser,  # noqa: E402,F401
                                   check_page_basics, no_sideways_scroll, press, sign_in, tab)

pytestmark = pytest.mark.browser
QUOTES = ("The gully repair took months and nobody called me back.",
          "Months waiting for the gully repair, and no reply to my emails.",
          "Waited all winter for the gully outside my house to be cleared.")


def _world():
    from tests.factories import create_done_action
    from tests.reports.yswd.helpers import said

    for n, text in enumerate(QUOTES):
        said(text, vector=[1, 0.1 * n, 0])
    said("I said no: the gully repair is slow.", quote=False)
    said("The road crew were kind and quick.", themes=("staff-attitude",), sentiment="positive")
    create_done_action(title="Gullies cleared on a schedule",
                       public_summary="We now clear every gully in the town twice a year.")
    from reports import queries

    queries.refresh()  # as the worker does every minute


def _all_violations(page):
    if not AXE.exists():
        return []
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


def test_an_officer_publishes_and_a_resident_reads_it(live_server, tab, staff_credentials):
    _world()
    officer = tab(PHONE, bypass_csp=AXE.exists())
    page = sign_in(officer, live_server, staff_credentials)
    officer.goto(live_server + "/staff/")
    with page.expect_navigation():
        page.get_by_role("link", name="You said, we did: report back to residents").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Start a new draft").click()
    check_page_basics(page)
    page.get_by_label("Service", exact=True).select_option(label="Highways")
    page.get_by_label("Period", exact=True).select_option(index=1)  # this month
    press(page, "Draft it")
    check_page_basics(page)
    assert "Draft ready" in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator("table").first.locator("th[scope=row]").first.inner_text() == "Delay"
    assert "I said no" not in page.content()
    no_sideways_scroll(page, "draft page")
    assert axe_violations(page) == [], "the officer's draft page"
    page.reload()  # without axe's script

    for n in (1, 2):  # approve the first two; the third stays undecided
        press(page, f"Approve quote {n} for Delay")
        assert "Quote approved" in page.locator(".govuk-notification-banner").inner_text()
    press(page, "Send for review")
    press(page, "Publish")
    assert "Published" in page.locator(".govuk-notification-banner").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Read the public page").click()
    public_url = page.url

    for viewport in (PHONE, DESKTOP):
        resident = tab(viewport, bypass_csp=AXE.exists())
        resident.goto(live_server + "/you-said-we-did")
        check_page_basics(resident.page)
        assert resident.page.locator('head link[rel=alternate][type="application/atom+xml"]').count() == 1
        no_sideways_scroll(resident.page, "index", viewport["width"])
        assert _all_violations(resident.page) == [], ("index", viewport)
        with resident.page.expect_navigation():
            resident.page.get_by_role("link", name="You said, we did: Highways").click()
        assert resident.page.url == public_url
        check_page_basics(resident.page)
        no_sideways_scroll(resident.page, "report", viewport["width"])
        text = resident.page.locator("main").inner_text()
        approved = [quote for quote in QUOTES if quote in text]
        assert len(approved) == 2, text
        assert "We now clear every gully in the town twice a year." in text
        assert "I said no" not in text
        assert "(PDF)" in text
        assert _all_violations(resident.page) == [], ("report", viewport)
        assert resident.problems() == []
