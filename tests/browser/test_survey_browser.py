"""A resident answers a survey from a touchpoint's short address on a 320px phone, using
only the keyboard, and sees the thank-you page; axe finds nothing serious.

Launches Debian's chromium like tests/browser/test_pages_browser.py (skips when missing).
"""
import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.browser

from tests.browser.helpers import AXE, PHONE, RUN_AXE, browser, no_sideways_scroll  # noqa: E402,F401


@pytest.fixture
def phone(browser):
    # axe is injected as a script, which the CSP rightly blocks, so the tab bypasses it.
    context = browser.new_context(viewport=PHONE, bypass_csp=AXE.exists())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.errors = errors
    yield page
    context.close()


def axe_problems(page):
    if not AXE.exists():
        return []
    page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in ("serious", "critical")]


def test_a_resident_answers_with_the_keyboard_at_320px(live_server, phone):
    from surveys.models import Response
    from tests.surveys.helpers import create_survey, create_touchpoint

    survey = create_survey(questions=[
        dict(kind="csat", text="How satisfied were you with your visit?", required=True),
        dict(kind="nps", text="How likely are you to recommend the library?", required=False),
        dict(kind="yes_no", text="Did you get what you needed?", required=True),
        dict(kind="long_text", text="What could we do better?", required=False),
    ])
    touchpoint = create_touchpoint(survey)
    page = phone
    page.goto(f"{live_server}/s/{touchpoint.code}")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().strip() == survey.title
    assert page.locator("fieldset legend").count() == 4  # and "May we quote your words ...?"
    no_sideways_scroll(page, page.url)
    assert axe_problems(page) == [], "survey page"

    # Sending nothing shows the error summary, focused, linking to the questions.
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state("load")
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('govuk-error-summary')")
    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary a").count() == 2
    no_sideways_scroll(page, page.url)
    assert axe_problems(page) == [], "survey page with errors"

    # Keyboard only: arrow keys move along a radio group, Tab moves between groups.
    csat = page.locator("input[type=radio]").first
    csat.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # 1 -> 4
    assert page.locator("input[type=radio]:checked").first.get_attribute("value") == "4"
    page.keyboard.press("Tab")  # into the NPS group (nothing chosen yet: focus lands on its first radio)
    page.keyboard.press("Space")  # chooses 0
    page.keyboard.press("Tab")  # into yes/no
    page.keyboard.press("Space")  # Yes
    page.keyboard.press("Tab")
    page.keyboard.type("More opening hours on Saturdays, please.")
    page.keyboard.press("Tab")  # into "May we quote your words ...?" (optional)
    page.keyboard.press("Space")  # Yes
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().strip() == "Thank you"
    no_sideways_scroll(page, page.url)
    assert axe_problems(page) == [], "thank-you page"
    assert page.errors == []

    saved = Response.get()
    answers = {a.question.kind: a for a in saved.answers}
    assert answers["csat"].number == 4 and answers["nps"].number == 0 and answers["yes_no"].value == "yes"
    assert answers["long_text"].value == "More opening hours on Saturdays, please."
    assert saved.touchpoint_id == touchpoint.id
    assert saved.quote_consent is True and answers["long_text"].feedback_item.quote_consent is True
