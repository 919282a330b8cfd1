"""axe-core on the customer panels' Welsh pages (issue 16): the list of panels, a panel's page,
the application form with its errors, the questions page, the confirmation, and the members'
sign-in pages, in Welsh at 320px and 1280px (the checks of
tests/browser/test_accessibility_welsh_browser.py: one h1 starting the title, lang="cy",
nothing scrolling sideways at 320px, no axe violations when axe-core is installed)."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.browser

from tests.browser.helpers import PHONE, browser, press, tab  # noqa: E402,F401
from tests.browser.test_accessibility_browser import WIDE, go  # noqa: E402
from tests.browser.test_accessibility_welsh_browser import AXE, audit_welsh  # noqa: E402


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, languages=("en", "cy"))


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["320px", "1280px"])
def test_welsh_panel_pages_pass_axe(app, live_server, tab, viewport):
    from tests.factories import create_panel

    panel = create_panel("Panel Hygyrchedd", summary="Trigolion sy’n profi ein gwasanaethau.",
                         how_to_join="Unrhyw un sy’n byw yn y sir.")
    t = tab(viewport, bypass_csp=AXE.exists())
    page = t.page
    go(t, live_server + "/panels?lang=cy")
    audit_welsh(t, "paneli cwsmeriaid", viewport)
    go(t, live_server + f"/panels/{panel.slug}")
    audit_welsh(t, "panel", viewport)
    go(t, live_server + f"/panels/{panel.slug}/apply")
    audit_welsh(t, "gwneud cais", viewport)
    press(page, "Parhau")
    audit_welsh(t, "gwneud cais, gyda gwallau", viewport)
    page.get_by_label("Enw llawn").fill("Siân Jones")
    page.get_by_label("Cyfeiriad e-bost").fill("sian@example.com")
    page.get_by_label("Pam rydych am ymuno â’r panel hwn?").fill("Rwy’n defnyddio’r llyfrgell bob wythnos.")
    page.get_by_label("Ydw, rwy’n cytuno i ateb y cwestiynau hyn").check()
    press(page, "Parhau")
    audit_welsh(t, "cwestiynau amdanoch chi", viewport)
    press(page, "Anfon y cais")
    audit_welsh(t, "cais wedi’i anfon", viewport)
    go(t, live_server + "/panel/sign-in")
    audit_welsh(t, "mewngofnodi", viewport)
    press(page, "Anfon dolen mewngofnodi ataf")
    audit_welsh(t, "mewngofnodi, gyda gwall", viewport)
    go(t, live_server + "/panel/sign-in/check-your-email")
    audit_welsh(t, "gwiriwch eich e-bost", viewport)
