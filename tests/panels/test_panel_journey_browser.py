"""The whole panel journey in a real browser (Debian chromium), emails over real SMTP (aiosmtpd):
a facilitator approves two applicants and posts a proposal with a question; both members sign in
from their emailed links, comment, answer and give their views; the facilitator hides a comment
and publishes the decision; both members receive the decision email and read the outcome. Every
member page is checked at 320px and at desktop width: one <h1>, nothing off the side, and
axe-core finds no violations of any impact. Skips when chromium or playwright is missing."""
import datetime
import re

import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from tests.browser.helpers import (AXE, DESKTOP, PHONE, RUN_AXE, browser, check_page_basics,  # noqa: E402,F401
                                   no_sideways_scroll, press, sign_in, tab)
from tests.factories import create_panel, create_user, service  # noqa: E402
from tests.mail.conftest import smtp_server  # noqa: E402,F401
from tests.panels.workspace_support import emailed_token  # noqa: E402

pytestmark = pytest.mark.browser
PASSWORD = "a long test password"


@pytest.fixture
def settings_overrides(settings_overrides, smtp_server):
    return dict(settings_overrides, mail_backend="smtp", smtp_host="127.0.0.1", smtp_port=smtp_server.port,
                smtp_timeout=5)


def member_page_checked(t, name):
    """The member page `name` at 320px and at desktop width, with no axe-core violations."""
    for viewport in (PHONE, DESKTOP):
        t.page.set_viewport_size({"width": viewport["width"], "height": viewport["height"]})
        check_page_basics(t.page)
        no_sideways_scroll(t.page, name, viewport["width"])
        if AXE.exists():
            t.page.add_script_tag(path=str(AXE))
            assert t.page.evaluate(RUN_AXE) == [], f"{name} at {viewport['width']}px"
    t.page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})


def emails_to(smtp_server, address):
    return [m for m in smtp_server.messages() if address in m["To"]]


def apply(name, email, panel):
    from panels.models import Application

    return Application.create(panel=panel, name=name, email=email, demographics_consent=False,
                              reason="I want to help make council services easier to use.")


def approve(page, live_server, application):
    page.goto(f"{live_server}/staff/panels/applications/{application.id}")
    page.get_by_label("Approve").check()
    page.get_by_label("Reason").fill("Welcome: your experience of the library service will help.")
    press(page, "Save decision and email the applicant")
    assert "Approved" in page.locator("main").inner_text()


def post_proposal(page, live_server, panel):
    closes = datetime.date.today() + datetime.timedelta(days=21)
    page.goto(f"{live_server}/staff/panels/{panel.id}/proposals/new")
    page.locator("input[name=title]").fill("Open the libraries on Sunday afternoons")
    page.locator("textarea[name=what_would_change]").fill("Every library would open from 1pm to 4pm on Sundays.")
    page.locator("textarea[name=why]").fill("Residents who work in the week told us they cannot visit.")
    page.locator("select[name=service]").select_option(str(service("libraries").id))
    page.locator("textarea[name=question_1]").fill("Which Sunday hours would suit you?")
    page.locator("input[name=closes_on_day]").fill(str(closes.day))
    page.locator("input[name=closes_on_month]").fill(str(closes.month))
    page.locator("input[name=closes_on_year]").fill(str(closes.year))
    press(page, "Save as a draft")
    press(page, "Open for views")
    return int(re.search(r"/staff/panels/proposals/(\d+)", page.url).group(1))


def member_takes_part(t, live_server, smtp_server, email, proposal_id, comment, view):
    page = t.page
    t.goto(live_server + "/panel/sign-in")
    member_page_checked(t, "sign-in")
    page.get_by_label("Email address").fill(email)
    press(page, "Email me a sign-in link")
    member_page_checked(t, "check your email")
    link = [m for m in emails_to(smtp_server, email) if "sign-in" in m.get_body(("plain",)).get_content()][-1]
    t.goto(f"{live_server}/panel/sign-in/{emailed_token(link.get_body(('plain',)).get_content())}")
    member_page_checked(t, "the emailed link")
    press(page, "Sign in")
    assert page.locator("h1").inner_text() == "Your panels"
    member_page_checked(t, "workspace home")
    page.get_by_role("link", name="Open the libraries on Sunday afternoons").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/panel/proposals/{proposal_id}")
    member_page_checked(t, "the proposal")
    page.get_by_label("Add a comment").fill(comment)
    press(page, "Post comment")
    member_page_checked(t, "the proposal after commenting")
    page.get_by_label("1. Which Sunday hours would suit you?").fill("1pm to 4pm is right for me.")
    press(page, "Save your answers")
    page.get_by_label(view[0]).check()
    page.get_by_label("Why do you think that?").fill(view[1])
    press(page, "Save your view")
    member_page_checked(t, "the proposal with a view")


def test_a_panel_reviews_a_proposal_from_applications_to_the_decision(app, smtp_server, live_server, tab):
    from panels.proposals.models import Answer, Comment, View

    facilitator = create_user("panel_facilitator", email="facilitator@test.invalid", password=PASSWORD)
    panel = create_panel("Customer Experience Panel", facilitators=[facilitator])
    ann = apply("Ann Example", "ann@resident.invalid", panel)
    bob = apply("Bob Example", "bob@resident.invalid", panel)

    staff = tab(DESKTOP)
    page = sign_in(staff, live_server, (facilitator.email, PASSWORD))
    approve(page, live_server, ann)
    approve(page, live_server, bob)
    assert len(emails_to(smtp_server, "ann@resident.invalid")) == 1  # the decision, with how to sign in
    proposal_id = post_proposal(page, live_server, panel)

    ann_tab, bob_tab = tab(PHONE, bypass_csp=True), tab(PHONE, bypass_csp=True)
    member_takes_part(ann_tab, live_server, smtp_server, "ann@resident.invalid", proposal_id,
                      "Sunday afternoons would let me bring my children.", ("Support", "I work every weekday."))
    member_takes_part(bob_tab, live_server, smtp_server, "bob@resident.invalid", proposal_id,
                      "The council wastes money and the staff are useless idiots.",
                      ("Oppose", "Weekday evenings would help more people."))
    assert Comment.select().count() == 2 and Answer.select().count() == 2 and View.select().count() == 2

    page.goto(f"{live_server}/staff/panels/proposals/{proposal_id}")
    page.get_by_role("link", name=re.compile(r"^Hide the comment by Bob Example")).click()
    page.wait_for_load_state("load")
    page.get_by_label("Why are you hiding this comment?").fill("It insults staff; please keep to the proposal.")
    press(page, "Hide the comment")

    bob_tab.goto(f"{live_server}/panel/proposals/{proposal_id}")
    assert "It insults staff; please keep to the proposal." in bob_tab.page.locator("main").inner_text()
    member_page_checked(bob_tab, "the proposal with the author's hidden comment")
    ann_tab.goto(f"{live_server}/panel/proposals/{proposal_id}")
    assert "useless idiots" not in ann_tab.page.locator("main").inner_text()
    assert "Sunday afternoons would let me bring my children." in ann_tab.page.locator("main").inner_text()

    page.goto(f"{live_server}/staff/panels/proposals/{proposal_id}/decision")
    page.get_by_label("What we decided and why").fill(
        "We will open four libraries from 1pm to 4pm on Sundays from April, and try weekday evenings too.")
    press(page, "Publish the decision")

    for address, t in (("ann@resident.invalid", ann_tab), ("bob@resident.invalid", bob_tab)):
        decisions = [m for m in emails_to(smtp_server, address)
                     if "four libraries" in m.get_body(("plain",)).get_content()]
        assert len(decisions) == 1, address
        t.goto(f"{live_server}/panel/proposals/{proposal_id}")
        t.page.get_by_role("link", name="Read what the council decided and why").click()
        t.page.wait_for_load_state("load")
        assert "four libraries" in t.page.locator("main").inner_text()
        member_page_checked(t, "the outcome")
    for t in (ann_tab, bob_tab, staff):
        assert t.problems() == []
