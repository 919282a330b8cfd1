"""Issue 9's accessibility audit, repeated on every change: residents' journeys (feedback,
tracking, a two-page survey, the accessibility statement) and the main staff pages at 320px and
1280px, with axe-core finding no violation of any impact; on every page one <h1>, the back link
inside a landmark and, at 320px, no table cell narrower than a few characters and nothing but a
table's own box scrolling sideways. Then the survey builder's row actions as 24px targets, the
timeout warning driven by the keyboard with the clock moved on, and a case note typed as the
session timed out coming back after signing in."""
import datetime

import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.browser

from tests.browser.helpers import (AXE, PHONE, browser, check_page_basics, press,  # noqa: E402,F401
                                   sign_in, squash, tab)
from tests.attachments.files import HTML, jpeg_with_location  # noqa: E402
from tests.factories import create_feedback, create_person  # noqa: E402

WIDE = {"width": 1280, "height": 900}
RUN_ALL_AXE = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}));
}
"""
BACK_LINKS_OUTSIDE_LANDMARKS = """
() => [...document.querySelectorAll('.govuk-back-link')].filter((el) => !el.closest(
  'main, nav, header, footer, aside, [role=main], [role=navigation], [role=banner], [role=contentinfo]')).length
"""
# Cells with text narrower than three characters' width (a word broken a letter a line).
NARROW_CELLS = """
() => [...document.querySelectorAll('td, th')].filter((cell) => {
  const head = cell.closest('thead');
  if (cell.offsetParent === null || !cell.textContent.trim()) return false;
  if (head && head.getBoundingClientRect().width <= 1) return false;  // visually hidden headers
  return cell.getBoundingClientRect().width < 3 * parseFloat(getComputedStyle(cell).fontSize);
}).map((cell) => cell.textContent.trim().slice(0, 30))
"""


def audit(t, name, viewport):
    page = t.page
    check_page_basics(page)
    assert page.evaluate(BACK_LINKS_OUTSIDE_LANDMARKS) == 0, f"{name}: a back link is outside every landmark"
    if viewport is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"{name} scrolls sideways"
        assert page.evaluate(NARROW_CELLS) == [], f"{name}: table cells break their words at 320px"
    if AXE.exists():
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(RUN_ALL_AXE) == [], f"{name} at {viewport['width']}px"


def go(t, url):
    response = t.goto(url)
    assert response.status == 200, f"{url}: {response.status}"


def walk_feedback_and_tracking(t, base, viewport):
    page = t.page
    go(t, base + "/feedback")
    audit(t, "what kind", viewport)
    press(page)
    audit(t, "what kind, with an error", viewport)
    page.get_by_label("A complaint").check()
    press(page)
    page.get_by_label("Highways").check()
    press(page)
    audit(t, "what happened", viewport)
    page.get_by_label("What happened?").fill("The pothole outside 4 Mill Lane burst my tyre.")
    press(page)
    press(page)  # put it right: optional
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2026")
    press(page)
    audit(t, "photos and documents", viewport)
    page.set_input_files("#files", files=[{"name": "cat.jpg", "mimeType": "image/jpeg", "buffer": HTML}])
    press(page, "Upload file")
    audit(t, "photos and documents, with an error", viewport)
    page.set_input_files("#files", files=[{"name": "a-photo-with-a-rather-long-name-from-a-phone-IMG_20261207.jpg",
                                           "mimeType": "image/jpeg", "buffer": jpeg_with_location()}])
    press(page, "Upload file")
    audit(t, "photos and documents, with a file", viewport)
    press(page)
    audit(t, "contact", viewport)
    page.get_by_label("Email address").fill("ann@example.com")
    page.get_by_label("Email", exact=True).check()
    press(page)
    press(page)  # support
    press(page)  # privacy
    audit(t, "check your answers", viewport)
    press(page, "Send")
    audit(t, "sent", viewport)
    reference = squash(page.locator(".govuk-panel__body").inner_text()).split()[-1]

    go(t, base + "/track")
    page.get_by_label("Reference number").fill(reference)
    page.get_by_label("Email address or phone number").fill("someone.else@example.com")
    press(page)
    audit(t, "track, not found", viewport)
    page.get_by_label("Email address or phone number").fill("ann@example.com")
    press(page)
    audit(t, "tracked status", viewport)


def walk_survey(t, base, code, viewport):
    page = t.page
    go(t, f"{base}/s/{code}")
    audit(t, "survey page 1", viewport)
    press(page)
    audit(t, "survey page 1, with errors", viewport)
    page.locator("input[type=radio]").first.check()  # How satisfied: the first answer
    page.get_by_label("Witney").check()
    page.get_by_label("Yes", exact=True).check()
    press(page)
    audit(t, "survey page 2", viewport)
    page.get_by_label("Anything else?").fill("Kind staff")
    page.get_by_role("button", name="Back").click()
    page.wait_for_load_state("load")
    assert page.get_by_label("Witney").is_checked() and "Page 1 of 2" in page.locator("main").inner_text()
    press(page)
    assert page.get_by_label("Anything else?").input_value() == "Kind staff"
    press(page, "Send your answers")
    audit(t, "survey thanks", viewport)


def staff_world():
    from app.auth.models import User
    from app.cases import services, stages
    from tests.surveys.helpers import create_survey, create_touchpoint

    admin = User.get(User.email == "admin@test.invalid")
    person = create_person(name="Ann Example", email="ann.example.with.a.long.address@example.com")
    case = services.open_case(create_feedback(person=person, text="The bins were not emptied for three weeks."))
    stages.acknowledge(case, actor=admin)
    services.add_note(case, "Rang waste: round missed twice.", actor=admin)
    survey = create_survey()
    touchpoint = create_touchpoint(survey)
    _done_action(case, admin)
    return case, survey, touchpoint


def _done_action(case, admin):
    """A done root-cause action from the case, with a theme, so its page shows the evidence."""
    import datetime

    from reports import queries
    from tests.factories import create_action

    today = datetime.date.today()
    create_action(title="Text residents the day a missed round will be collected", cases=[case], actor=admin,
                  status="done", owner=admin, public_summary="We now text you when a missed bin will be emptied.",
                  themes=[("delay", today.replace(day=1) - datetime.timedelta(days=90), today)])
    queries.refresh()


STAFF_PAGES = ("/staff/", "/staff/cases", "/staff/cases/{case}", "/staff/cases/{case}/note",
               "/staff/cases/{case}/audit", "/staff/cases/search?q=bins", "/staff/surveys/",
               "/staff/surveys/{survey}", "/staff/surveys/{survey}/questions/new", "/staff/learning/taxonomy",
               "/staff/admin/users", "/staff/admin/audit", "/staff/outbox", "/staff/feedback/review",
               "/staff/actions", "/staff/actions/overdue", "/staff/actions/1", "/staff/actions/new",
               "/staff/actions/1/status", "/staff/reports/drivers", "/staff/dashboard",
               "/staff/dashboard/complaints", "/staff/dashboard/topics", "/staff/you-said-we-did",
               "/staff/you-said-we-did/new", "/staff/reports/subscriptions", "/staff/admin/privacy",
               "/staff/admin/privacy/retention", "/staff/admin/privacy/retention/feedback",
               "/staff/admin/privacy/holds", "/staff/admin/privacy/holds/new",
               "/staff/admin/privacy/requests", "/staff/admin/privacy/requests/new",
               "/staff/admin/privacy/erasure")


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["320px", "1280px"])
def test_residents_and_staff_pages_pass_axe_with_nothing_broken(app, live_server, staff_credentials, tab, viewport):
    case, survey, touchpoint = staff_world()
    t = tab(viewport, bypass_csp=AXE.exists())  # axe is injected as a script, which the CSP blocks
    go(t, live_server + "/")
    audit(t, "home", viewport)
    go(t, live_server + "/accessibility")
    audit(t, "accessibility statement", viewport)
    go(t, live_server + "/you-said-we-did")
    audit(t, "you said, we did", viewport)
    walk_feedback_and_tracking(t, live_server, viewport)
    walk_survey(t, live_server, touchpoint.code, viewport)

    page = t.page
    go(t, live_server + "/staff/login")
    page.get_by_label("Email address").fill(staff_credentials[0])
    page.get_by_label("Password", exact=True).fill("not it")
    press(page, "Sign in")
    audit(t, "sign in, with an error", viewport)
    sign_in(t, live_server, staff_credentials)
    for path in STAFF_PAGES:
        go(t, live_server + path.format(case=case.id, survey=survey.id))
        audit(t, path, viewport)
    go(t, f"{live_server}/staff/cases/{case.id}/close")
    press(page, "Close the case")
    audit(t, "close the case, with an error", viewport)
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    page.locator(".govuk-error-summary a", has_text="outcome").click()
    assert page.evaluate("document.activeElement.type") == "radio"


def test_the_survey_builders_row_actions_are_24px_targets_on_a_phone(app, live_server, staff_credentials, tab):
    _, survey, _ = staff_world()
    t = tab(PHONE)
    sign_in(t, live_server, staff_credentials)
    go(t, f"{live_server}/staff/surveys/{survey.id}")
    targets = t.page.locator(".heard-row-actions a, .heard-row-actions button")
    assert targets.count() >= 9 * 4
    small = []
    for i in range(targets.count()):
        box = targets.nth(i).bounding_box()
        if box["width"] < 24 or box["height"] < 24:
            small.append((squash(targets.nth(i).inner_text()), round(box["width"]), round(box["height"])))
    assert small == [], small
    assert t.problems() == []


def test_a_wide_staff_table_is_reached_and_scrolled_with_the_keyboard_on_a_phone(app, live_server,
                                                                                  staff_credentials, tab):
    t = tab(PHONE)
    page = sign_in(t, live_server, staff_credentials)
    go(t, live_server + "/staff/admin/users")
    region = page.get_by_role("region", name="Staff accounts table")
    assert region.evaluate("box => box.scrollWidth > box.clientWidth"), "the table fits: nothing to scroll"
    for _ in range(80):  # Tab until the table's box has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Staff accounts table":
            break
    else:
        pytest.fail("Tab never reached the table's scroll box")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    for _ in range(40):  # scrolling may be smooth: give it a moment (no eval under the CSP)
        if region.evaluate("box => box.scrollLeft") > 0:
            break
        page.wait_for_timeout(50)
    assert region.evaluate("box => box.scrollLeft") > 0, "the arrow keys did not scroll the table"
    assert t.problems() == []


def _idle_for(minutes):
    from app.auth.models import StaffSession
    from app.db import utcnow

    StaffSession.update(last_seen_at=utcnow() - datetime.timedelta(minutes=minutes)).execute()


def _last_seen():
    from app.auth.models import StaffSession

    return StaffSession.select().order_by(StaffSession.id.desc()).get().last_seen_at


def test_the_timeout_warning_by_keyboard(app, live_server, staff_credentials, tab):
    from app.db import utcnow

    case, _, _ = staff_world()
    t = tab(PHONE)
    page = t.page
    page.clock.install()
    sign_in(t, live_server, staff_credentials)
    go(t, f"{live_server}/staff/cases/{case.id}/note")
    dialog = page.locator("#timeout-warning")
    assert not dialog.is_visible()
    page.get_by_label("Note").fill("Half a note")

    _idle_for(26)  # the server's clock and the page's both move on 26 minutes
    page.clock.fast_forward("26:00")
    dialog.wait_for(state="visible")
    assert dialog.get_attribute("aria-modal") == "true"
    assert page.evaluate("document.activeElement.textContent.trim()") == "Stay signed in"
    assert "You’re about to be signed out" in dialog.inner_text()
    assert "we will sign you out in 4 minutes" in squash(dialog.inner_text())
    page.keyboard.press("Escape")  # Escape: stay signed in
    dialog.wait_for(state="hidden")
    assert utcnow() - _last_seen() < datetime.timedelta(seconds=30)
    assert page.get_by_label("Note").input_value() == "Half a note"

    _idle_for(27)
    page.clock.fast_forward("27:00")
    dialog.wait_for(state="visible")
    _idle_for(28)
    page.clock.fast_forward("01:00")
    page.wait_for_timeout(200)  # the page asks the server again while it warns
    assert "we will sign you out in 2 minutes" in squash(dialog.inner_text())

    _idle_for(1)  # meanwhile, work in another tab kept the session alive: the warning goes
    page.clock.fast_forward("00:31")
    dialog.wait_for(state="hidden")
    _idle_for(27)
    page.clock.fast_forward("27:00")
    dialog.wait_for(state="visible")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Sign out"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # the Stay signed in button
    dialog.wait_for(state="hidden")

    _idle_for(31)  # nobody answered: the server has ended the session
    page.clock.fast_forward("31:00")
    dialog.wait_for(state="visible")
    assert "You have been signed out" in dialog.inner_text()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Close"
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.get_by_label("Note").input_value() == "Half a note"  # still on the page to send
    assert t.problems() == []


def test_the_timeout_warnings_sign_out(app, live_server, staff_credentials, tab):
    t = tab(WIDE)
    page = t.page
    page.clock.install()
    sign_in(t, live_server, staff_credentials)
    _idle_for(26)
    page.clock.fast_forward("26:00")
    page.locator("#timeout-warning").wait_for(state="visible")
    with page.expect_navigation():
        page.locator("#timeout-warning").get_by_role("button", name="Sign out").click()
    assert "You have signed out" in page.locator("main").inner_text()


def test_a_case_note_typed_as_the_session_timed_out_comes_back(app, live_server, staff_credentials, tab):
    from app.cases.models import CaseEvent

    case, _, _ = staff_world()
    t = tab(PHONE)
    page = sign_in(t, live_server, staff_credentials)
    go(t, f"{live_server}/staff/cases/{case.id}/note")
    note = "Spoke to the crew lead: the round will be done on Thursday.\nResident told."
    page.get_by_label("Note").fill(note)
    _idle_for(45)  # lunch
    press(page, "Add the note")
    assert page.url.startswith(live_server + "/staff/login")
    assert "We have kept what you typed" in page.locator("main").inner_text()
    saved = CaseEvent.select().where(CaseEvent.kind == "note", CaseEvent.body.contains("on Thursday"))
    assert not saved.exists()

    page.get_by_label("Email address").fill(staff_credentials[0])
    page.get_by_label("Password", exact=True).fill(staff_credentials[1])
    press(page, "Sign in")
    from tests.web import authenticator_code  # an administrator's second step (app.auth.signin)

    page.get_by_label("Enter the 6-digit code from your authenticator app").fill(
        authenticator_code(staff_credentials[0]))
    press(page, "Continue")
    assert page.url == f"{live_server}/staff/cases/{case.id}/note"
    assert "We kept what you typed: check it and send it again." in page.locator("main").inner_text()
    assert page.get_by_label("Note").input_value() == note
    press(page, "Add the note")
    assert saved.exists() and "Note added." in page.locator("main").inner_text()
    assert t.problems() == []
