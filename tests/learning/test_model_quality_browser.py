"""The models page with measured versions on a 320px phone: each version's measurements open
from a GOV.UK details component, their tables scroll inside their own boxes, the page never
scrolls sideways, and axe finds nothing serious with every version open."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.browser

from app.learning.tasks import train_challenger  # noqa: E402
from tests.browser.helpers import AXE, PHONE, axe_violations, fits_phone, sign_in  # noqa: E402
from tests.browser.helpers import browser, tab  # noqa: E402,F401 (fixtures)
from tests.factories import create_user  # noqa: E402
from tests.learning.test_model_quality import _label_sentiment  # noqa: E402

OPEN_ALL = "document.querySelectorAll('details').forEach((d) => { d.open = true; })"


def test_measured_versions_fit_a_phone_and_axe_finds_nothing_serious(live_server, staff_credentials, tab):
    _label_sentiment(create_user())
    train_challenger("sentiment").get()
    t = tab(PHONE)
    page = sign_in(t, live_server, staff_credentials)
    t.goto(live_server + "/staff/learning/models")
    confusion = page.get_by_role("region", name="sentiment-2 confusion matrix")
    assert not confusion.is_visible()  # closed until asked for
    page.locator("summary", has_text="How sentiment-2 was measured").click()
    assert confusion.is_visible() and "Officers said" in confusion.inner_text()
    page.evaluate(OPEN_ALL)
    fits_phone(page, "the models page with every version open")
    assert t.problems() == []
    if AXE.exists():
        checker = tab(PHONE, bypass_csp=True)
        sign_in(checker, live_server, staff_credentials)
        checker.goto(live_server + "/staff/learning/models")
        checker.page.evaluate(OPEN_ALL)
        assert axe_violations(checker.page) == []
