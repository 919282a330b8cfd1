"""Assisted capture in a browser (issue 16): a contact centre adviser on a 320px phone records a
phone complaint for a resident who already has an open case. As the adviser types, the page
(contacts.js fetching a fragment, under the strict CSP) shows the resident; choosing them shows
their open case and earlier contact, and choosing the service "2nd contact about this in 14 days".
The complaint then joins the resident's single view (the person page) and the dashboard counts
the repeat. Every page has one <h1> and fits the screen; axe finds nothing serious or critical."""
import datetime

import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from tests.browser.helpers import (DESKTOP, PHONE, axe_signed_in, browser, fits_phone,  # noqa: E402,F401
                                   press, sign_in, squash, tab)

from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

PASSWORD = "a long adviser password"


@pytest.fixture
def settings_overrides(settings_overrides):
    """As the running app does: a complaint opens its case (classification stays off)."""
    return dict(settings_overrides, intake_listeners=("cases",))


def _resident():
    from app.cases.services import case_of
    from app.db import utcnow
    from tests.factories import create_feedback, create_person, create_user

    adviser = create_user(role="contact_adviser", password=PASSWORD, email="adviser@test.invalid")
    person = create_person(name="Hana Repeat", email="hana@example.com", phone="07700 900777")
    earlier = create_feedback(person=person, text="The pothole outside 3 Mill Lane is back.",
                              received_at=utcnow() - datetime.timedelta(days=3))
    return adviser, person, earlier, case_of(earlier)


def test_an_adviser_records_a_repeat_phone_complaint_seeing_the_open_case(app, live_server, staff_credentials, tab):
    from app.feedback.models import FeedbackItem

    adviser, person, earlier, case = _resident()
    t = tab(PHONE)
    page = sign_in(t, live_server, (adviser.email, PASSWORD))
    t.goto(live_server + "/staff/contacts/new")
    fits_phone(page, "record a contact")

    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Find the resident").press_sequentially("Hana Rep", delay=20)
    choice = page.locator(f"#person-{person.id}")
    choice.wait_for()
    assert "hana@example.com" in squash(page.locator("#contact-matches").inner_text())
    choice.check()
    history = page.locator("#contact-history")
    expect(history).to_contain_text("Open cases (1)")  # (wait_for_function would need eval: the CSP forbids it)
    shown = squash(history.inner_text())
    assert case.reference in shown and "The pothole outside 3 Mill Lane is back." in shown
    assert history.locator("a[href*='/staff/cases/']").count() == 0  # advisers open no case pages
    assert page.locator(f"#person-{person.id}").is_checked()

    page.get_by_label("Which service is it about?").select_option(label="Highways")
    expect(history).to_contain_text("contact about this")
    assert "2nd contact about this in 14 days" in squash(history.inner_text())
    fits_phone(page, "record a contact with the single view")

    page.get_by_label("Complaint", exact=True).check()
    page.get_by_label("What they said").fill("Rang again: the pothole on Mill Lane is still not filled.")
    page.get_by_label("No", exact=True).check()
    press(page, "Record the contact")
    item = FeedbackItem.select().where(FeedbackItem.channel == "phone").get()
    assert f"{item.reference} recorded: complaint by phone." in squash(page.locator("main").inner_text())
    assert item.repeat_of_id == earlier.id and item.captured_by_id == adviser.id
    assert item.first_contact_resolved is False
    fits_phone(page, "after recording")
    assert t.problems() == []

    # The complaint joins the single view of the customer, and the dashboard counts the repeat.
    officer = tab(DESKTOP)
    officer_page = sign_in(officer, live_server, staff_credentials)
    officer.goto(live_server + f"/staff/people/{person.id}")
    single_view = squash(officer_page.locator("main").inner_text())
    assert item.reference in single_view and earlier.reference in single_view
    assert "Complaint by phone" in single_view
    # Casework joins a complaint from the same resident about the same service to the open case.
    assert "Cases (1)" in single_view and single_view.count(f"Part of case {case.reference}") == 2
    officer.goto(live_server + "/staff/dashboard")
    row = officer_page.locator("#key-figures-table tr", has_text="Repeat contacts")
    assert squash(row.locator("td").first.inner_text()) == "1"
    assert officer.problems() == []

    axe_signed_in(tab, live_server, staff_credentials, ("/staff/contacts/new",))


def test_without_javascript_find_shows_the_same(app, live_server, staff_credentials, browser):
    from tests.browser.helpers import Tab

    adviser, person, earlier, case = _resident()
    t = Tab(browser, PHONE)
    t.context.close()
    t.context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    t.page = t.context.new_page()
    page = sign_in(t, live_server, (adviser.email, PASSWORD))
    t.goto(live_server + "/staff/contacts/new")
    page.get_by_label("Find the resident").fill("hana@example.com")
    press(page, "Find")
    page.locator(f"#person-{person.id}").check()
    page.get_by_label("Which service is it about?").select_option(label="Highways")
    press(page, "Find")
    shown = squash(page.locator("#contact-history").inner_text())
    assert case.reference in shown and "2nd contact about this in 14 days" in shown
    t.context.close()
