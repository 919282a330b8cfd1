"""Officers' learning pages on a 320px phone: the item page with sentence polarity and
one-click correction, the review and urgent queues, models, taxonomy and emerging issues.
Every page fits the screen, passes the page basics, and axe finds nothing serious."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.browser

from tests.browser.helpers import PHONE, axe_signed_in, browser, fits_phone, sign_in, tab  # noqa: E402,F401
from tests.factories import create_feedback  # noqa: E402

PAGES = ("/staff/feedback/review", "/staff/feedback/urgent", "/staff/learning/models",
         "/staff/learning/taxonomy", "/staff/learning/emerging")


def test_learning_pages_fit_a_phone(app, live_server, staff_credentials, tab, monkeypatch):
    from app.learning import review
    from app.learning.models import SafeguardingFlag

    monkeypatch.setattr(review, "REVIEW_SENTIMENT_BELOW", 1.01)  # the review queue lists every item

    mixed = create_feedback(kind="comment", text="Lovely staff at the library. But the wait for "
                            "a computer was awful and the wifi never works.", service_slug="libraries")
    risky = create_feedback(text="My dad was sent home from hospital with no carers and he cannot "
                            "get out of bed. He has had no food since Friday.",
                            service_slug="adult-social-care")
    assert SafeguardingFlag.select().where(SafeguardingFlag.item == risky).exists()
    paths = (f"/staff/feedback/{mixed.id}", f"/staff/feedback/{risky.id}") + PAGES
    t = tab(PHONE)
    page = sign_in(t, live_server, staff_credentials)
    for path in paths:
        assert t.goto(live_server + path).status == 200, path
        fits_phone(page, path)
    t.goto(live_server + f"/staff/feedback/{mixed.id}")
    assert "Lovely staff at the library" in page.locator("main").inner_text()
    # "No theme applies" unticks the themes, and a theme unticks it (GOV.UK's exclusive checkbox)
    page.get_by_label("Delay").check()
    page.get_by_label("No theme applies").check()
    assert not page.get_by_label("Delay").is_checked()
    page.get_by_label("Delay").check()
    assert not page.get_by_label("No theme applies").is_checked()
    t.goto(live_server + "/staff/feedback/review")
    assert "2 items to review" in page.locator("main").inner_text()
    page.get_by_role("button", name=f"Confirm", exact=False).first.click()
    assert "1 item to review" in page.locator("main").inner_text() or "saved" in page.locator("main").inner_text()
    assert t.problems() == []
    axe_signed_in(tab, live_server, staff_credentials, paths)
