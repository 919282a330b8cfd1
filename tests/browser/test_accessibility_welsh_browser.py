"""axe-core on the Welsh pages (issue 16): the residents' pages of
tests/browser/test_accessibility_browser.py — home, the accessibility statement, the whole 3Cs
journey with its errors, tracking and a survey — in Welsh, at 320px and 1280px: one h1 that
starts the title, lang="cy", nothing scrolling sideways at 320px, and no axe violations (when
axe-core is installed under node_modules)."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.browser

from tests.browser.helpers import AXE, PHONE, browser, press, squash, tab  # noqa: E402,F401
from tests.browser.test_accessibility_browser import RUN_ALL_AXE, WIDE, go  # noqa: E402


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, languages=("en", "cy"))


def audit_welsh(t, name, viewport):
    page = t.page
    headings = page.locator("h1")
    assert headings.count() == 1, f"{name}: {headings.count()} h1 elements"
    h1, title = squash(headings.inner_text()), squash(page.title())
    assert title.removeprefix("Gwall: ").startswith(h1), f"{name}: title {title!r}, h1 {h1!r}"
    assert page.get_attribute("html", "lang") == "cy", name
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    if viewport is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"{name} scrolls sideways"
    if AXE.exists():
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(RUN_ALL_AXE) == [], f"{name} at {viewport['width']}px"


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["320px", "1280px"])
def test_welsh_pages_pass_axe(app, live_server, tab, viewport):
    from tests.surveys.helpers import create_touchpoint

    touchpoint = create_touchpoint()
    t = tab(viewport, bypass_csp=AXE.exists())
    page = t.page
    go(t, live_server + "/?lang=cy")
    audit_welsh(t, "hafan", viewport)
    go(t, live_server + "/accessibility")
    audit_welsh(t, "datganiad hygyrchedd", viewport)

    go(t, live_server + "/feedback")
    audit_welsh(t, "math", viewport)
    press(page, "Parhau")
    audit_welsh(t, "math, gyda gwall", viewport)
    page.get_by_label("Cwyn", exact=True).check()
    press(page, "Parhau")
    page.get_by_label("Highways").check()
    press(page, "Parhau")
    audit_welsh(t, "beth ddigwyddodd", viewport)
    page.get_by_label("Beth ddigwyddodd?").fill("Mae twll yn y ffordd ger 4 Lôn y Felin.")
    press(page, "Parhau")
    press(page, "Parhau")  # put it right: optional
    page.get_by_label("Diwrnod").fill("31")
    page.get_by_label("Mis").fill("2")
    page.get_by_label("Blwyddyn").fill("2026")
    press(page, "Parhau")
    audit_welsh(t, "pryd, gyda gwall", viewport)
    page.get_by_label("Diwrnod").fill("3")
    press(page, "Parhau")
    audit_welsh(t, "ffeiliau", viewport)
    press(page, "Parhau")
    audit_welsh(t, "cyswllt", viewport)
    page.get_by_label("Cyfeiriad e-bost").fill("ann@example.com")
    page.get_by_label("E-bost", exact=True).check()
    press(page, "Parhau")
    audit_welsh(t, "cymorth", viewport)
    press(page, "Parhau")
    audit_welsh(t, "preifatrwydd", viewport)
    press(page, "Parhau")
    audit_welsh(t, "gwirio eich atebion", viewport)
    press(page, "Anfon")
    audit_welsh(t, "wedi anfon", viewport)
    reference = squash(page.locator(".govuk-panel__body").inner_text()).split()[-1]

    go(t, live_server + "/track")
    page.get_by_label("Cyfeirnod").fill(reference)
    page.get_by_label("Cyfeiriad e-bost neu rif ffôn").fill("someone.else@example.com")
    press(page, "Parhau")
    audit_welsh(t, "dilyn, heb ddod o hyd", viewport)
    page.get_by_label("Cyfeiriad e-bost neu rif ffôn").fill("ann@example.com")
    press(page, "Parhau")
    audit_welsh(t, "statws", viewport)

    go(t, f"{live_server}/s/{touchpoint.code}")
    audit_welsh(t, "arolwg", viewport)
    press(page, "Parhau")
    audit_welsh(t, "arolwg, gyda gwallau", viewport)
