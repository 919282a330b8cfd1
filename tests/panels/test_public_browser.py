"""The public panel pages and the application form in a real browser (Debian's chromium) at
320px and at desktop width, with axe-core: the consent question reveals the optional
questions, an error keeps what was typed, and the confirmation page follows. Skips when
chromium or playwright is missing."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from tests.browser.helpers import AXE, DESKTOP, PHONE, browser, checked, tab  # noqa: E402,F401

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_a_resident_applies_to_join_a_panel(app, live_server, tab, viewport):
    from app.mail.models import OutboxMessage
    from panels.models import Application, PopulationShare
    from tests.factories import create_panel

    PopulationShare.create(dimension="area", category="Banbury", percent=60, source="Census 2021")
    PopulationShare.create(dimension="area", category="Bicester", percent=40, source="Census 2021")
    panel = create_panel("Accessibility Panel", summary="Residents who test our services for access.")
    t = tab(viewport, bypass_csp=AXE.exists())  # axe is injected as a script, which the CSP blocks
    page, width = t.page, viewport["width"]
    t.goto(f"{live_server}/panels")
    checked(t, "/panels", width)
    with page.expect_navigation():
        page.get_by_role("link", name="Accessibility Panel", exact=True).click()
    checked(t, "panel page", width)
    with page.expect_navigation():
        page.get_by_role("button", name="Apply to join").click()
    checked(t, "application form", width)

    # An error on the first page keeps what was typed.
    page.get_by_label("Full name").fill("Asha Patel")
    page.get_by_label("Email address").fill("not an email")
    page.get_by_label("Why do you want to join this panel?").fill("I use a wheelchair and the library.")
    page.get_by_label("Yes, I agree to answer these questions").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    page.wait_for_function("document.activeElement && document.activeElement.closest('.govuk-error-summary')")
    assert page.title().startswith("Error: ")
    checked(t, "application form with an error", width)
    assert page.get_by_label("Why do you want to join this panel?").input_value() == "I use a wheelchair and the library."
    assert page.get_by_label("Yes, I agree to answer these questions").is_checked()
    page.get_by_label("Email address").fill("asha@example.com")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()

    # Only after a yes: the questions about them, each with "Prefer not to say".
    assert page.locator("h1").inner_text().strip() == "Questions about you"
    checked(t, "questions about you", width)
    page.get_by_role("group", name="What is your age?").get_by_label("25 to 34").check()
    page.get_by_role("group", name="Which area do you live in?").get_by_label("Prefer not to say").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send application").click()
    assert page.locator("h1").inner_text().strip() == "Application sent"
    checked(t, "confirmation", width)
    assert t.problems() == []
    application = Application.get()
    assert (application.age_band, application.area, application.panel_id) == ("25-34", "prefer_not_to_say", panel.id)
    assert OutboxMessage.select().where(OutboxMessage.template == "panel_application_received").count() == 1
