"""Sign-in and the workspace in a real browser (Debian chromium) at 320px and desktop width,
with axe-core on every page: asking for a link, the emailed link's page, the workspace, a
panel, settings, leaving, and the pages for a used or expired link. Skips when chromium or
playwright is missing."""
import datetime

import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from app.db import utcnow  # noqa: E402
from panels import signin  # noqa: E402
from panels.models import SignInLink  # noqa: E402
from tests.browser.helpers import DESKTOP, PHONE, browser, checked, press, tab  # noqa: E402,F401
from tests.factories import create_member, create_panel, create_proposal  # noqa: E402
from tests.mail.conftest import smtp_server  # noqa: E402,F401
from tests.panels.workspace_support import emailed_token  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture
def settings_overrides(settings_overrides, smtp_server):
    return dict(settings_overrides, mail_backend="smtp", smtp_host="127.0.0.1", smtp_port=smtp_server.port,
                smtp_timeout=5)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_a_member_signs_in_from_the_emailed_link_and_uses_the_workspace(app, smtp_server, live_server, tab, viewport):
    width = viewport["width"]
    panel = create_panel("Customer Experience Panel with a rather long name for a small screen")
    member = create_member(panel, name="Rosa Park", email="rosa.park.with.a.long.address@resident.invalid")
    create_proposal(panel, title="Offer a call-back instead of keeping residents waiting on the phone",
                    opened_at=utcnow())
    create_proposal(panel, title="Longer Saturday opening", status="decided", decided_at=utcnow())
    t = tab(viewport, bypass_csp=True)
    page = t.page

    t.goto(live_server + "/panel/sign-in")
    checked(t, "sign-in", width)
    press(page, "Email me a sign-in link")
    assert page.title().startswith("Error: ")
    checked(t, "sign-in with an error", width)
    page.get_by_label("Email address").fill(member.email)
    press(page, "Email me a sign-in link")
    assert page.locator("h1").inner_text() == "Check your email"
    checked(t, "check your email", width)

    [message] = smtp_server.messages()
    token = emailed_token(message.get_body(preferencelist=("plain",)).get_content())
    link = f"{live_server}/panel/sign-in/{token}"
    t.goto(link)
    checked(t, "the emailed link's page", width)
    press(page, "Sign in")
    assert page.locator("h1").inner_text() == "Your panels"
    checked(t, "workspace home", width)

    page.get_by_role("link", name=panel.name).first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == panel.name
    checked(t, "panel page", width)

    t.goto(live_server + "/panel/settings")
    checked(t, "settings", width)
    page.get_by_label("No, do not email me a digest").check()
    press(page, "Save")
    assert "Daily digest switched off" in page.locator("main").inner_text()
    checked(t, "settings saved", width)

    other = tab(viewport, bypass_csp=True)  # the same link in another browser: already used
    assert other.goto(link).status == 410
    checked(other, "used link", width)
    expired = "expired-" + token[8:]
    SignInLink.create(member=member, token_hash=signin.token_hash(expired), created_at=utcnow() - datetime.timedelta(hours=1),
                      expires_at=utcnow() - datetime.timedelta(minutes=45))
    assert other.goto(f"{live_server}/panel/sign-in/{expired}").status == 410
    assert other.page.locator("h1").inner_text() == "This sign-in link has expired"
    checked(other, "expired link", width)

    t.goto(f"{live_server}/panel/panels/{panel.id}/leave")
    checked(t, "leave", width)
    page.get_by_label("Replace my name with").check()
    press(page, "Leave the panel")
    assert page.locator("h1").inner_text() == "You have left the panel"
    checked(t, "left", width)
    assert t.problems() == []
    # The refused links answer 410 Gone, which the console reports; nothing else may.
    assert [p for p in other.problems() if "status of 410" not in p] == []
