"""Casework on a 320px phone: the case queue, a case page with a full history (words,
deadlines, summary, actions, decisions, timeline, corrections, similar cases), an action page
showing an error, the response form and the single view of the customer. Every page fits the
screen, passes the page basics, and axe finds nothing serious or critical."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.browser

from tests.browser.helpers import (PHONE, axe_signed_in, axe_violations, browser,  # noqa: E402,F401
                                   fits_phone, sign_in, tab)
from tests.factories import create_feedback, create_person  # noqa: E402


def _cases():
    from app.auth.models import User
    from app.cases import services, stages
    from app.cases.models import Case
    from app.feedback.models import FeedbackUpdate

    admin = User.get(User.email == "admin@test.invalid")
    person = create_person(name="Ann Example", email="ann@example.com")
    item = create_feedback(person=person, text="The pothole outside 4 Mill Lane has been there for months. "
                           "My tyre burst on it and nobody has answered my two reports: "
                           "https://example.com/a-very-long-link-to-a-photo-of-the-pothole-in-question")
    FeedbackUpdate.create(item=item, channel="email", text="Here is another photo of the hole.")
    case = services.open_case(item)  # the intake hook's work (tests/conftest.py turns hooks off here)
    services.link_item(case, create_feedback(kind="comment", person=person, text="And the drain is blocked"),
                       reason="Same street", actor=admin)
    stages.acknowledge(case, understanding="The pothole and the tyre", actor=admin)
    services.add_note(Case.get_by_id(case.id), "Rang highways: on the list for Friday.", actor=admin)
    stages.respond(Case.get_by_id(case.id), [
        {"point": "The pothole was not fixed", "decision": "upheld", "reasons": "Two reports were missed"},
        {"point": "The tyre", "decision": "partly_upheld", "reasons": "We pay half"}],
        remedy_apology=True, remedy_financial_pence=4550, actor=admin)
    open_case = services.open_case(create_feedback(person=person, text="The streetlight is out again."))
    stages.pause(open_case, "Waiting for the lamp post number", actor=admin)
    return case, open_case, person


def test_case_pages_fit_a_phone(app, live_server, staff_credentials, tab):
    case, open_case, person = _cases()
    paths = (f"/staff/cases/{case.id}", f"/staff/cases/{open_case.id}", f"/staff/cases/{open_case.id}/note",
             f"/staff/cases/{open_case.id}/close", f"/staff/cases/{case.id}/stage-2", f"/staff/people/{person.id}",
             "/staff/cases", "/staff/cases?queue=all")
    t = tab(PHONE)
    page = sign_in(t, live_server, staff_credentials)

    for path in paths:
        assert t.goto(live_server + path).status == 200, path
        fits_phone(page, path)
    t.goto(live_server + f"/staff/cases/{open_case.id}")
    main = page.locator("main").inner_text()
    assert "The streetlight is out again." in main and "paused since" in main

    # The respond form without JavaScript's help: "Add another point" posts and keeps the text.
    t.goto(live_server + f"/staff/cases/{open_case.id}/respond")
    fits_phone(page, "respond")
    page.get_by_label("The point the resident made").first.fill("The light is out")
    with page.expect_navigation():
        page.get_by_role("button", name="Add another point").click()
    assert page.locator("textarea[name='points-3-point']").count() == 1
    assert page.locator("textarea[name='points-0-point']").input_value() == "The light is out"
    with page.expect_navigation():
        page.get_by_role("button", name="Send the response").click()
    page.locator(".govuk-error-summary").wait_for()
    fits_phone(page, "respond with an error")
    page.wait_for_function("document.activeElement.classList.contains('govuk-error-summary')")
    assert t.problems() == []

    respond = f"/staff/cases/{open_case.id}/respond"
    checker = axe_signed_in(tab, live_server, staff_credentials, paths + (respond,))
    if checker:
        checker.goto(live_server + f"/staff/cases/{open_case.id}/note")
        with checker.page.expect_navigation():
            checker.page.get_by_role("button", name="Add the note").click()
        assert "Enter the note" in checker.page.locator(".govuk-error-summary").inner_text()
        assert axe_violations(checker.page) == [], "note with an error"
