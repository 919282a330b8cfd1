"""The officers' pages of issue 9 on a 320px phone: the stage 2 extension form (with an error),
the refusal a stage 1 handler sees at stage 2, the response form's errors naming their point
(the summary link moves focus to the field), an item page that links to its case, search
results that link to items, and the Outbox in words. Every page fits the screen, passes the
page basics, and axe finds nothing serious or critical."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.browser

from tests.browser.helpers import (PHONE, axe_signed_in, axe_violations, browser,  # noqa: E402,F401
                                   fits_phone, sign_in, tab)
from tests.factories import create_feedback, create_person, create_user  # noqa: E402

POINTS = [{"point": "The drain floods my garden", "decision": "not_upheld", "reasons": "The drain is private"}]


def _at_stage_2(handler, reviewer, text):
    from app.cases import services, stages
    from app.cases.models import Case

    case = services.open_case(create_feedback(person=create_person(name="Ann Example"), text=text))
    stages.acknowledge(case, actor=handler)
    stages.respond(Case.get_by_id(case.id), POINTS, actor=handler)
    stages.request_stage2(Case.get_by_id(case.id), "Nobody came to look")
    case = Case.get_by_id(case.id)
    stages.set_reviewer(case, reviewer, actor=handler)
    stages.acknowledge(case, actor=reviewer)
    return Case.get_by_id(case.id)


def _cases():
    from app.auth.models import User

    admin = User.get(User.email == "admin@test.invalid")
    colleague = create_user("complaints_officer", name="Rita Reviewer")
    mine = _at_stage_2(admin, colleague, "The drain outside 12 Brook Street floods every time it rains.")
    theirs = _at_stage_2(colleague, admin, "The gully on Station Road is blocked with leaves.")
    return mine, theirs


def test_officers_pages_fit_a_phone(app, live_server, staff_credentials, tab):
    mine, theirs = _cases()
    item_id = [link.item_id for link in mine.items][0]
    paths = {f"/staff/cases/{theirs.id}/extend": 200, f"/staff/cases/{mine.id}/respond": 403,
             f"/staff/cases/{mine.id}/extend": 403, f"/staff/feedback/{item_id}": 200,
             "/staff/cases/search?q=gully": 200, "/staff/outbox": 200, f"/staff/cases/{theirs.id}": 200}
    t = tab(PHONE)
    page = sign_in(t, live_server, staff_credentials)

    for path, status in paths.items():
        assert t.goto(live_server + path).status == status, path
        fits_phone(page, path)
    t.goto(live_server + f"/staff/feedback/{item_id}")
    with page.expect_navigation():
        page.locator("#item-case").get_by_role("link", name=mine.reference).click()
    assert page.locator("h1").inner_text() == mine.reference

    # The extension form refuses 25 days, keeps what was typed, and the summary link finds the field.
    t.goto(live_server + f"/staff/cases/{theirs.id}/extend")
    page.get_by_label("How many more working days?").fill("25")
    page.get_by_label("Why is more time needed?").fill("The drainage engineer is surveying the street")
    with page.expect_navigation():
        page.get_by_role("button", name="Extend and tell the resident").click()
    fits_phone(page, "extend with an error")
    page.locator(".govuk-error-summary a", has_text="between 1 and 20").click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'days'")
    assert page.get_by_label("Why is more time needed?").input_value() == "The drainage engineer is surveying the street"

    # The response form: each error names its point.
    t.goto(live_server + f"/staff/cases/{theirs.id}/respond")
    page.locator("textarea[name='points-1-point']").fill("Nobody called back")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the response").click()
    fits_phone(page, "respond with an error")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Point 2: choose whether it is upheld" in summary and "Point 2: say why" in summary
    page.locator(".govuk-error-summary a", has_text="Point 2: say why").click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'points-1-reasons'")
    # The console reports the refusal pages' 403 status, which is what they should answer.
    assert [p for p in t.problems() if "status of 403" not in p] == []

    checker = axe_signed_in(tab, live_server, staff_credentials, paths)
    if checker:
        checker.goto(live_server + f"/staff/cases/{theirs.id}/respond")
        checker.page.locator("textarea[name='points-1-point']").fill("Nobody called back")
        with checker.page.expect_navigation():
            checker.page.get_by_role("button", name="Send the response").click()
        assert axe_violations(checker.page) == [], "respond with errors"
