"""Residents attach photos and documents on the web form: checked by content, cleaned of
location, at most 5 of at most 10MB, and nothing typed is ever lost on the way."""
import io

import pytest

from app.attachments import store
from app.attachments.models import Attachment
from app.feedback.models import FeedbackItem
from tests.attachments.files import HTML, has_location, jpeg_with_location, pdf
from tests.feedback.journey import COMPLAINT, answer, reference_in
from tests.web import csrf_token, submit

WORDS = COMPLAINT["what-happened"]["text"]


def start(client):
    for slug in ("kind", "service", "what-happened", "put-right", "when"):
        assert answer(client, slug, COMPLAINT[slug]).status_code == 302


def upload(client, *files, action="upload"):
    data = {"files": [(io.BytesIO(content), name) for name, content in files], "action": action,
            "csrf_token": csrf_token(client, "/feedback/files")}
    return client.post("/feedback/files", data=data, content_type="multipart/form-data")


def finish(client, contact=None):
    for slug in ("contact", "support", "privacy"):
        data = contact if slug == "contact" and contact else COMPLAINT[slug]
        assert answer(client, slug, data).status_code == 302
    assert submit(client, "/feedback/check", {}).status_code == 302
    return FeedbackItem.get(FeedbackItem.reference == reference_in(client.get("/feedback/sent").get_data(as_text=True)))


def typed_words_kept(client):
    return ("The pothole on Mill Lane is still there." in client.get("/feedback/what-happened").get_data(as_text=True)
            and "Fix the road and pay for my tyre." in client.get("/feedback/put-right").get_data(as_text=True))


def test_a_photo_loses_its_location_and_says_so_then_goes_with_the_complaint(client):
    start(client)
    response = upload(client, ("holiday.jpg", jpeg_with_location()))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "holiday.jpg was added. We removed the location details from it." in html
    assert "Remove<span class=\"govuk-visually-hidden\"> holiday.jpg</span>" in html
    row = Attachment.get()
    assert row.item_id is None and row.location_removed and not has_location(store.read(row.storage_name))
    assert upload(client, action="continue").headers["Location"].endswith("/feedback/contact")
    for slug in ("contact", "support", "privacy"):
        answer(client, slug, COMPLAINT[slug])
    check = client.get("/feedback/check").get_data(as_text=True)
    assert "Photos and documents" in check and "holiday.jpg" in check
    item = finish(client)
    assert [a.filename for a in item.attachments] == ["holiday.jpg"]
    assert not store.path_of(row.storage_name).is_relative_to(store.root().parent / "static")


@pytest.mark.parametrize("name, content, message", [
    ("cat.jpg", HTML, "cat.jpg: The selected file must be a JPG, PNG, GIF, WEBP, PDF or Word document"),
    ("huge.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), "huge.pdf: The selected file must be smaller than 10MB"),
    ("empty.pdf", b"", "empty.pdf: The selected file is empty"),
])
def test_a_refused_file_gets_a_clear_message_and_nothing_typed_is_lost(client, name, content, message):
    start(client)
    response = upload(client, (name, content), action="continue")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in html and message in html
    assert "<title>Error: " in html and 'href="#files"' in html
    assert not Attachment.select().exists()
    assert typed_words_kept(client)
    assert upload(client, action="continue").status_code == 302  # and the journey carries on
    item = finish(client)
    assert item.text == WORDS.replace("\r\n", "\n") or item.text == WORDS
    assert not list(item.attachments)


def test_good_files_in_the_same_upload_are_kept_beside_a_refused_one(client):
    start(client)
    html = upload(client, ("letter.pdf", pdf()), ("page.jpg", HTML)).get_data(as_text=True)
    assert "letter.pdf was added." in html and "page.jpg: The selected file must be" in html
    assert [a.filename for a in Attachment.select()] == ["letter.pdf"]


def test_at_most_five_files_and_one_can_be_removed(client):
    start(client)
    upload(client, *[(f"scan{n}.pdf", pdf(f"page {n}")) for n in range(5)])
    html = upload(client, ("sixth.pdf", pdf())).get_data(as_text=True)
    assert "sixth.pdf was not added: you can add up to 5 files. Remove a file to add another" in html
    assert Attachment.select().count() == 5
    first = Attachment.select().order_by(Attachment.id).first()
    response = client.post("/feedback/files", data={"remove": str(first.id),
                                                    "csrf_token": csrf_token(client, "/feedback/files")})
    assert "scan0.pdf was removed." in response.get_data(as_text=True)
    assert Attachment.select().count() == 4 and not store.path_of(first.storage_name).exists()


def test_a_file_with_a_wrong_name_gets_the_name_of_what_it_is(client):
    start(client)
    upload(client, ("photo.html", jpeg_with_location()), ("../../etc/letter", pdf()))
    assert sorted(a.filename for a in Attachment.select()) == ["letter.pdf", "photo.jpg"]


def test_another_browser_cannot_remove_or_see_my_files(app, client):
    start(client)
    upload(client, ("letter.pdf", pdf()))
    row = Attachment.get()
    stranger = app.test_client()
    answer(stranger, "kind", {"kind": "comment"})
    stranger.post("/feedback/files", data={"remove": str(row.id), "csrf_token": csrf_token(stranger, "/feedback/files")})
    assert Attachment.get_or_none(Attachment.id == row.id) is not None
    assert "letter.pdf" not in stranger.get("/feedback/files").get_data(as_text=True)


def test_more_than_a_page_of_files_at_once_is_explained_on_the_page_not_refused(client):
    start(client)
    response = upload(client, ("video.pdf", b"%PDF-1.4\n" + b"0" * (52 * 1024 * 1024)))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in html
    assert "must be smaller than 51MB in total. Add them one at a time" in html
    assert typed_words_kept(client) and not Attachment.select().exists()
