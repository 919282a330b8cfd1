"""Issue 14's attachments check, in a real browser on a phone: an HTML file renamed .jpg, a
20MB file and a photo with its GPS position, each refused or cleaned with a clear message,
with nothing the resident typed lost, and the cleaned photo sent with the complaint."""
import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.browser

from tests.attachments.files import HTML, has_location, jpeg_with_location  # noqa: E402
from tests.browser.helpers import AXE, PHONE, browser, checked, press, squash, tab  # noqa: E402,F401

WORDS = "The drain outside 9 Orchard Row floods the pavement every time it rains."


def choose(page, name, content, mime="image/jpeg"):
    page.set_input_files("#files", files=[{"name": name, "mimeType": mime, "buffer": content}])
    press(page, "Upload file")
    return squash(page.locator("main").inner_text())


def test_three_awkward_files_on_a_phone(live_server, tab):
    from app.attachments import store
    from app.attachments.models import Attachment

    t = tab(PHONE, bypass_csp=AXE.exists())
    page = t.page
    t.goto(live_server + "/feedback")
    page.get_by_label("A complaint").check()
    press(page)
    page.get_by_label("Highways").check()
    press(page)
    page.get_by_label("What happened?").fill(WORDS)
    press(page)
    press(page)  # put it right
    press(page)  # when
    checked(t, "photos and documents")

    main = choose(page, "drain.jpg", HTML)
    assert "drain.jpg: The selected file must be a JPG, PNG, GIF, WEBP, PDF or Word document" in main
    assert page.title().startswith("Error: ")
    page.wait_for_function("document.activeElement.classList.contains('govuk-error-summary')")
    checked(t, "photos and documents, wrong type")

    main = choose(page, "video.jpg", b"\xff\xd8\xff" + b"\0" * (20 * 1024 * 1024), "image/jpeg")
    assert "video.jpg: The selected file must be smaller than 10MB" in main

    main = choose(page, "flood.jpg", jpeg_with_location())
    assert "flood.jpg was added. We removed the location details from it." in main
    assert not page.title().startswith("Error: ")
    checked(t, "photos and documents, one added")

    page.get_by_role("link", name="Back").click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Back").click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Back").click()
    page.wait_for_load_state("load")
    assert page.get_by_label("What happened?").input_value() == WORDS  # nothing typed is lost

    t.goto(live_server + "/feedback/files")
    press(page)
    page.get_by_label("Email address").fill("pat@example.com")
    page.get_by_label("Email", exact=True).check()
    press(page)
    press(page)  # support
    press(page)  # privacy
    main = squash(page.locator("main").inner_text())
    assert WORDS in main and "flood.jpg" in main
    press(page, "Send")
    (row,) = list(Attachment.select())
    assert row.item_id is not None and row.filename == "flood.jpg"
    assert not has_location(store.path_of(row.storage_name).read_bytes())
