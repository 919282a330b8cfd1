"""The Outbox pages in a real browser (Debian chromium): a failed message at 320px,
its details, and 'Send again'. Skips when chromium or playwright is missing."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from app.mail.models import OutboxMessage  # noqa: E402
from tests.browser.helpers import PHONE, axe_signed_in, browser, fits_phone, sign_in, tab  # noqa: E402,F401
from tests.mail.conftest import ACK  # noqa: E402

pytestmark = pytest.mark.browser


def test_outbox_pages_fit_a_phone_and_send_again_works(app, queue, live_server, staff_credentials, tab):
    long_name = "Bartholomew-Featherstonehaugh-Cholmondeley" * 3
    row = queue(to=f"{'x' * 60}@a-very-long-domain-name-for-testing.example.com",
                context=dict(ACK, name=long_name), key="k:" + "y" * 150, purpose="acknowledgement")
    OutboxMessage.update(status="failed", attempts=5, last_error="ConnectionRefusedError: "
                         "Connection refused").where(OutboxMessage.id == row.id).execute()
    t = tab(PHONE)
    page = sign_in(t, live_server, staff_credentials)
    paths = ("/staff/outbox", "/staff/outbox?status=failed", f"/staff/outbox/{row.id}")
    for path in paths:
        assert t.goto(live_server + path).status == 200, path
        fits_phone(page, path)
    page.locator("summary", has_text="Technical details").click()  # the 150-character key wraps
    page.locator("summary", has_text="HTML version").click()  # the source opens inside its own scrolling box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    with page.expect_navigation():
        page.get_by_role("button", name="Send again").click()
    assert "queued to send again" in page.locator(".govuk-notification-banner").inner_text()
    assert OutboxMessage.get_by_id(row.id).status == "sent"
    assert t.problems() == []
    axe_signed_in(tab, live_server, staff_credentials, paths)

