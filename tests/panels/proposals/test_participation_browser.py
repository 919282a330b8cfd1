"""A panel member's proposal page in a real browser (Debian chromium) at 320px and at desktop
width: one <h1>, nothing runs off the side, a refused view shows its error and keeps the
reason typed, a reply is posted from its thread, and axe-core finds no violations at all —
while open, with an error, and once closed (read-only). Skips without chromium or playwright."""
import datetime

import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from tests.browser.helpers import (AXE, DESKTOP, PHONE, RUN_AXE, browser, check_page_basics,  # noqa: E402,F401
                                   no_sideways_scroll, press, tab)

pytestmark = pytest.mark.browser


def _world():
    from panels.proposals import comments, documents
    from tests.factories import a_pdf, create_member, create_panel, create_proposal, create_user, service

    panel = create_panel(facilitators=[create_user("panel_facilitator")])
    reader, other = create_member(panel, name="Ann Reader"), create_member(panel, name="Bob Other")
    proposal = create_proposal(panel, service=service("libraries"),
                               questions=("Which Sunday hours would suit you?", "What else should we know?"))
    first = comments.post(proposal, other, "Sunday mornings would suit families better.\nPlease think about it.")
    comments.post(proposal, reader, "Afternoons are fine for me.", parent_id=first.id)
    return reader, proposal, first, documents, a_pdf


def _signed_in_tab(tab, app, live_server, member, viewport):
    from tests.panels.members import sign_in_member

    client = app.test_client()
    sign_in_member(client, member)
    cookie = client.get_cookie("heard_session")
    t = tab(viewport, bypass_csp=AXE.exists())
    t.context.add_cookies([{"name": "heard_session", "value": cookie.value, "url": live_server}])
    return t


def _no_violations(page, name):
    if AXE.exists():
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(RUN_AXE) == [], name


def _check(t, name, width):
    check_page_basics(t.page)
    no_sideways_scroll(t.page, name, width)
    _no_violations(t.page, name)


def test_a_member_reads_replies_and_gives_a_view_at_320px_and_desktop(app, live_server, tab):
    reader, proposal, first, documents, a_pdf = _world()
    with app.app_context():
        documents.store(proposal, documents.check("Sunday opening costs.pdf", a_pdf()))
    url = f"{live_server}/panel/proposals/{proposal.id}"
    for viewport in (PHONE, DESKTOP):
        t = _signed_in_tab(tab, app, live_server, reader, viewport)
        page = t.page
        assert t.goto(url).status == 200
        _check(t, f"proposal at {viewport['width']}px", viewport["width"])
        page.get_by_label("Oppose").check()
        page.get_by_label("Why do you think that?").fill("")
        press(page, "Save your view")
        assert "Enter the reason for your view" in page.locator(".govuk-error-summary").inner_text()
        assert page.get_by_label("Oppose").is_checked()
        _check(t, f"refused view at {viewport['width']}px", viewport["width"])
        page.get_by_label("Why do you think that?").fill("Staff would lose their weekend.")
        press(page, "Save your view")
        assert "Your view has been saved" in page.locator(".govuk-notification-banner").inner_text()
        if viewport is PHONE:
            page.locator(f"#comment-{first.id} > details summary").first.click()
            page.locator(f"#reply-{first.id}").fill("Or both, on alternate weeks.")
            press(page, "Post reply")
            assert "Or both, on alternate weeks." in page.locator(f"#comment-{first.id}").inner_text()
        assert t.problems() == []
    proposal.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    proposal.save()
    for viewport in (PHONE, DESKTOP):
        t = _signed_in_tab(tab, app, live_server, reader, viewport)
        t.goto(url)
        assert "you can no longer comment" in t.page.locator("#read-only").inner_text()
        assert t.page.locator("textarea").count() == 0
        _check(t, f"closed proposal at {viewport['width']}px", viewport["width"])
