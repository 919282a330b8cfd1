"""The staff panel pages in a real browser at 320px and at desktop width, with axe-core:
the panels list, a panel's page, an application and its decision (with an error first), the
representativeness view and the population profile. Skips when chromium or playwright is
missing."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from tests.browser.helpers import AXE, DESKTOP, PHONE, browser, checked, sign_in, tab  # noqa: E402,F401

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_an_administrator_decides_an_application(app, live_server, staff_credentials, tab, viewport):
    from app.mail.models import OutboxMessage
    from panels.models import Application, PopulationShare
    from tests.factories import create_member, create_panel

    PopulationShare.create(dimension="sex", category="female", percent=51, source="Census 2021")
    PopulationShare.create(dimension="sex", category="male", percent=49, source="Census 2021")
    panel = create_panel("Accessibility Panel")
    create_member(panel, name="Priya Shah", demographics={"sex": "male"})
    application = Application.create(panel=panel, name="Sam Jones", email="sam@example.com",
                                     reason="I use a wheelchair.", demographics_consent=False)
    t = tab(viewport, bypass_csp=AXE.exists())
    page, width = sign_in(t, live_server, staff_credentials), viewport["width"]
    for path in ("/staff/panels", f"/staff/panels/{panel.id}", f"/staff/panels/{panel.id}/representativeness",
                 "/staff/panels/population", "/staff/panels/population/age_band", "/staff/panels/new"):
        assert t.goto(live_server + path).status == 200, path
        checked(t, path, width)
    t.goto(f"{live_server}/staff/panels/applications")
    with page.expect_navigation():
        page.get_by_role("link", name="Sam Jones").click()
    checked(t, "application", width)
    page.get_by_label("Approve").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save decision and email the applicant").click()
    assert page.title().startswith("Error: ")
    checked(t, "application with an error", width)
    page.get_by_label("Reason").fill("Welcome: you bring lived experience.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save decision and email the applicant").click()
    assert "We have emailed the applicant" in page.locator(".govuk-notification-banner").inner_text()
    checked(t, "queue after the decision", width)
    assert t.problems() == []
    assert Application.get_by_id(application.id).status == "approved"
    assert OutboxMessage.select().where(OutboxMessage.template == "panel_application_decision").count() == 1
