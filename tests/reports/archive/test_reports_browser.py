"""/staff/reports and a report's web version in a real browser (Debian chromium) at 320px, with
axe-core: nothing runs off the side, the month picker's error, and "Prepare this report".
Skips when chromium or playwright is missing."""
import datetime

import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from reports.archive import services as archive  # noqa: E402
from reports.archive.models import StoredReport  # noqa: E402
from tests.browser.helpers import PHONE, axe_signed_in, browser, fits_phone, sign_in, tab  # noqa: E402,F401
from tests.factories import service  # noqa: E402
from tests.reports.kpi_data import fresh_app, settings_overrides  # noqa: E402,F401
from tests.reports.lessons.helpers import parking_march  # noqa: E402

pytestmark = pytest.mark.browser


def test_reports_pages_fit_a_phone(app, live_server, staff_credentials, tab):
    parking_march()
    report = archive.request("lessons", service=service("parking"), period_start=datetime.date(2026, 3, 1),
                             period_end=datetime.date(2026, 3, 31))
    t = tab(PHONE)
    page = sign_in(t, live_server, staff_credentials)
    paths = ("/staff/reports?month=3&year=2026", "/staff/reports?month=13&year=2025", f"/staff/reports/{report.id}/read")
    for path in paths:
        assert t.goto(live_server + path).status == 200, path
        fits_phone(page, path)
    t.goto(live_server + "/staff/reports")
    first = page.get_by_role("button", name="Prepare this report").first
    with page.expect_navigation():
        first.click()
    assert "is being prepared" in page.locator(".govuk-notification-banner").inner_text()
    assert StoredReport.select().where(StoredReport.status == "ready").count() == 2
    assert t.problems() == []
    axe_signed_in(tab, live_server, staff_credentials, paths)
