"""A resident on a 320px phone sends a complaint through the whole 3Cs journey, sees the
reference, tracks it and adds more information; every page fits the screen, has one <h1>,
and axe finds nothing serious or critical (errors included)."""
import re

import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from tests.browser.helpers import (AXE, PHONE, browser, check_page_basics, checked,  # noqa: E402,F401
                                   press, squash, tab)

pytestmark = pytest.mark.browser


def test_complaint_on_a_phone_then_tracking_it(live_server, tab):
    t = tab(PHONE, bypass_csp=AXE.exists())  # axe is injected as a script, which the CSP blocks
    page = t.page
    t.goto(live_server + "/")
    page.get_by_role("button", name="Give feedback").click()
    page.wait_for_load_state("load")
    checked(t, "what kind")

    press(page)  # nothing chosen: the error summary, focused, linking to the radios
    page.locator(".govuk-error-summary").wait_for()
    assert page.title().startswith("Error: ")
    page.wait_for_function("document.activeElement.classList.contains('govuk-error-summary')")
    checked(t, "what kind, with an error")
    page.locator(".govuk-error-summary a").click()
    assert page.evaluate("document.activeElement.name") == "kind"

    page.get_by_label("A complaint").check()
    press(page)
    checked(t, "which service")
    page.get_by_label("Highways").check()
    press(page)

    checked(t, "what happened")
    text = "The pothole outside 4 Mill Lane has been there for months.\nMy tyre burst on it."
    page.get_by_label("What happened?").fill(text)
    page.locator(".govuk-character-count__status").wait_for()
    assert "remaining" in page.locator(".govuk-character-count__status").inner_text()
    press(page)

    checked(t, "put it right")
    page.get_by_label("What would put it right? (optional)").fill("Fill the hole and pay for the tyre.")
    press(page)

    checked(t, "when")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2026")
    press(page)
    assert "Date must be a real date" in page.locator(".govuk-error-summary").inner_text()
    checked(t, "when, with an error")
    page.get_by_label("Day").fill("3")
    press(page)
    checked(t, "photos and documents")
    press(page)  # optional

    checked(t, "contact")
    page.get_by_label("Your name (optional)").fill("Ann Example")
    page.get_by_label("Email address").fill("ann@example.com")
    page.get_by_label("Email", exact=True).check()
    press(page)

    checked(t, "support")
    press(page)
    checked(t, "privacy")
    press(page)

    checked(t, "check your answers")
    assert "Fill the hole and pay for the tyre." in page.locator("main").inner_text()
    press(page, "Send")

    checked(t, "confirmation")
    panel = squash(page.locator(".govuk-panel").inner_text())
    reference = re.search(r"HRD-\d{4}-\d{6}", panel).group(0)
    assert panel.startswith("Complaint sent")

    page.get_by_role("link", name="see what is happening or add more information").click()
    page.wait_for_load_state("load")
    checked(t, "track")
    assert page.get_by_label("Reference number").input_value() == reference
    page.get_by_label("Email address or phone number").fill("  ANN@example.com ")
    press(page)

    checked(t, "status")
    main = page.locator("main").inner_text()
    assert reference in main and "Received" in main and "My tyre burst on it." in main
    page.get_by_label("Add more information").fill("It is getting bigger.")
    press(page, "Add information")
    assert "It is getting bigger." in page.locator("main").inner_text()
    checked(t, "status after adding information")
    assert t.problems() == []


def test_journey_pages_keep_the_csp(live_server, tab):
    """Without bypassing the CSP: GOV.UK Frontend's JavaScript runs and nothing is blocked."""
    t = tab(PHONE)
    t.goto(live_server + "/feedback")
    check_page_basics(t.page)
    t.goto(live_server + "/track")
    check_page_basics(t.page)
    assert t.problems() == []
