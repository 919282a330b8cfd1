"""axe-core on the published pages in Welsh (issue 16): the complaint escalation page (with its
error) and the page after it, "You said, we did" and the annual complaints report, at 320px and
1280px: one h1 that starts the title, lang="cy", nothing scrolling sideways at 320px, and no axe
violations (when axe-core is installed under node_modules)."""
import datetime

import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.browser

from tests.browser.helpers import AXE, PHONE, browser, press, tab  # noqa: E402,F401
from tests.browser.test_accessibility_browser import WIDE, go  # noqa: E402
from tests.browser.test_accessibility_welsh_browser import audit_welsh  # noqa: E402


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, languages=("en", "cy"))


def _published(app):
    """(escalation path, "You said, we did" slug, annual report slug)."""
    from app.cases import letters
    from reports.annual import services as annual
    from reports.annual.models import AnnualReport
    from tests.cases.test_escalation import responded_case
    from tests.factories import create_user
    from tests.reports.yswd.helpers import draft, publish, said, signed_in

    with app.app_context():
        escalate = f"/complaint/escalate/{letters.escalation_token(responded_case())}"
    if True:
        said("The gully repair took months and nobody called me back, it was poor.")
        client = signed_in(app)
        publication_id = draft(client)
        publish(client, publication_id)
        from reports.yswd.models import Publication

        slug = Publication.get_by_id(publication_id).slug
        officer, admin = create_user(role="complaints_officer"), create_user(role="administrator")
        report = annual.create(datetime.date(2025, 4, 1), actor=officer, today=datetime.date(2026, 6, 1))
        report = annual.publish(annual.approve(AnnualReport.get_by_id(report.id), actor=admin), actor=officer)
        return escalate, slug, report.slug


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["320px", "1280px"])
def test_published_welsh_pages_pass_axe(app, live_server, tab, viewport):
    escalate, slug, annual_slug = _published(app)
    t = tab(viewport, bypass_csp=AXE.exists())
    go(t, live_server + "/?lang=cy")
    go(t, live_server + escalate)
    audit_welsh(t, "gofyn am adolygiad", viewport)
    press(t.page, "Gofyn am adolygiad")
    audit_welsh(t, "gofyn am adolygiad, gyda gwall", viewport)
    t.page.get_by_label("Pam rydych chi’n anhapus â’n hymateb cam 1?").fill("Ni wnaethoch ateb fy mhwynt.")
    press(t.page, "Gofyn am adolygiad")
    audit_welsh(t, "adolygiad wedi’i ofyn amdano", viewport)
    for path, name in (("/you-said-we-did/", "dywedoch chi"), (f"/you-said-we-did/{slug}", "cyhoeddiad"),
                       ("/complaints/annual-reports/", "adroddiadau blynyddol"),
                       (f"/complaints/annual-reports/{annual_slug}", "adroddiad blynyddol")):
        go(t, live_server + path)
        audit_welsh(t, name, viewport)
