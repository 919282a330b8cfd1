"""Post as a way to reply, in a browser: a resident on a 320px phone sends a complaint with only a
name and a postal address (a bad postcode first), is told we will write by post; another who
gave an address but chose "Do not contact me" is asked if they are sure; an officer finds the
letter in "Letters to print" and marks it as posted. Every page fits the screen, has one <h1>,
and axe finds nothing serious or critical."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from tests.browser.helpers import (AXE, DESKTOP, PHONE, browser, checked, press, sign_in,  # noqa: E402,F401
                                   squash, tab)

pytestmark = pytest.mark.browser


@pytest.fixture
def settings_overrides(settings_overrides):
    """As the running app does: a complaint opens its case (classification stays off)."""
    return dict(settings_overrides, intake_listeners=("cases",))


def start_complaint(t, live_server):
    page = t.page
    t.goto(live_server + "/feedback")
    page.get_by_label("A complaint").check()
    press(page)
    page.get_by_label("Highways").check()
    press(page)
    page.get_by_label("What happened?").fill("The pothole outside 12 Mill Lane is still there.")
    press(page)
    press(page)  # what would put it right: optional
    press(page)  # when: optional
    press(page)  # photos and documents: optional
    checked(t, "contact")
    return page


def fill_address(page, postcode):
    page.get_by_label("Your name (optional)").fill("Pat Post")
    page.get_by_label("Address line 1").fill("12 Mill Lane")
    page.get_by_label("Town or city").fill("Banbury")
    page.get_by_label("Postcode").fill(postcode)


def test_a_complaint_by_post_on_a_phone_then_printed_by_an_officer(live_server, tab, staff_credentials):
    t = tab(PHONE, bypass_csp=AXE.exists())  # axe is injected as a script, which the CSP blocks
    page = start_complaint(t, live_server)
    fill_address(page, "OX16")
    page.get_by_label("Post", exact=True).check()
    press(page)
    page.locator(".govuk-error-summary").wait_for()
    assert "Enter a full UK postcode" in page.locator(".govuk-error-summary").inner_text()
    checked(t, "contact, with an error")
    page.locator(".govuk-error-summary a").click()
    assert page.evaluate("document.activeElement.id") == "address_postcode"
    assert page.get_by_label("Address line 1").input_value() == "12 Mill Lane"  # nothing lost
    page.get_by_label("Postcode").fill("ox16 5ab")
    press(page)
    press(page)  # support
    press(page)  # privacy
    checked(t, "check your answers")
    assert "12 Mill Lane\nBanbury\nOX16 5AB" in page.locator("main").inner_text()
    press(page, "Send")
    checked(t, "confirmation")
    main = squash(page.locator("main").inner_text())
    assert "We will write to you by post at the address you gave us" in main
    assert "email address" not in main

    officer = tab(DESKTOP, bypass_csp=AXE.exists())
    staff = sign_in(officer, live_server, staff_credentials)
    _acknowledge_the_complaint()
    officer.goto(live_server + "/staff/cases")
    staff.get_by_role("link", name="Letters to print (1)").click()
    staff.wait_for_load_state("load")
    checked(officer, "letters to print", DESKTOP["width"])
    row = squash(staff.locator("tbody tr").inner_text())
    assert "Acknowledgement" in row and "Pat Post" in row and "OX16 5AB" in row
    staff.locator("tbody input[type=checkbox]").check()
    press(staff, "Mark selected letters as posted")
    assert "1 letter marked as posted." in staff.locator("main").inner_text()
    assert "No letters are waiting to be printed" in staff.locator("main").inner_text()
    assert t.problems() == [] and officer.problems() == []


def _acknowledge_the_complaint():
    from app.auth.models import User
    from app.cases import services, stages
    from app.db import db
    from app.feedback.models import FeedbackItem

    db.connect(reuse_if_open=True)
    try:
        case = services.case_of(FeedbackItem.get())
        stages.acknowledge(case, understanding="The pothole on Mill Lane", actor=User.get())
    finally:
        db.close()


def test_do_not_contact_me_after_giving_an_address_asks_first(live_server, tab):
    t = tab(PHONE, bypass_csp=AXE.exists())
    page = start_complaint(t, live_server)
    fill_address(page, "OX16 5AB")
    page.get_by_label("Do not contact me").check()
    press(page)
    checked(t, "are you sure")
    main = squash(page.locator("main").inner_text())
    assert "You gave us your address but asked us not to contact you" in main
    press(page)  # nothing chosen
    page.locator(".govuk-error-summary").wait_for()
    checked(t, "are you sure, with an error")
    page.get_by_label("No, write to me by post").check()
    press(page)
    press(page)  # support
    press(page)  # privacy
    rows = squash(page.locator("main").inner_text())
    assert "How to contact you Post" in rows and "12 Mill Lane" in rows
    assert t.problems() == []
