"""Attachments follow retention, subject access and erasure like everything else: found with
their feedback, exported with it, and gone (row and file) when it goes."""
import datetime
import io
import json
import os
import zipfile

import pytest

from app.attachments import store
from app.attachments.models import Attachment
from app.db import utcnow
from app.privacy import retention
from app.privacy.erasure import erase
from app.privacy.export import build
from app.privacy.find import find
from tests.attachments.files import jpeg_with_location, pdf
from tests.factories import create_feedback, create_person

OLD = utcnow() - datetime.timedelta(days=3 * 365)
CANARY = "Ottoline Brackenbury"


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, intake_listeners=("cases",))


def attach(app, item, name, data, **fields):
    with app.app_context():
        storage = store.save(data)
    return Attachment.create(item=item, filename=name, content_type="application/pdf", kind="pdf", size=len(data),
                             storage_name=storage, **fields)


def files_on_disk(app):
    return sorted(p.name for p in _root(app).glob("*/*"))


def _root(app):
    with app.app_context():
        return store.root()


def test_retention_takes_files_with_their_feedback_and_leaves_the_rest(app):
    from app.feedback.models import FeedbackItem
    from app.privacy.models import LegalHold

    canary = create_person(name=CANARY, email="ob.canary@example.org")
    old = create_feedback(kind="compliment", person=canary, text="Lovely staff.")
    FeedbackItem.update(received_at=OLD).where(FeedbackItem.id == old.id).execute()
    gone = attach(app, old, "thanks.pdf", pdf(f"Thank you from {CANARY}"))
    held_person = create_person(name="Held Person", email="held@example.org")
    held = create_feedback(kind="compliment", person=held_person, text="Held.")
    FeedbackItem.update(received_at=OLD).where(FeedbackItem.id == held.id).execute()
    kept_by_hold = attach(app, held, "held.pdf", pdf())
    LegalHold.create(person=held_person, reason="A claim", created_at=utcnow())
    recent = attach(app, create_feedback(kind="comment", text="Recent."), "recent.pdf", pdf())
    unsent = attach(app, None, "unsent.jpg", jpeg_with_location(), draft_key="f" * 64)
    Attachment.update(created_at=OLD).where(Attachment.id == unsent.id).execute()
    with app.app_context():
        orphan = store.path_of(store.save(b"left behind by a crash"))
    os.utime(orphan, (OLD.timestamp(), OLD.timestamp()))

    done = retention.run()
    assert done["files_of_unsent_drafts"] == 1 and done["attachment_files_left_behind"] == 1
    remaining = {row.filename for row in Attachment.select()}
    assert remaining == {"held.pdf", "recent.pdf"}
    on_disk = set(files_on_disk(app))
    assert {kept_by_hold.storage_name, recent.storage_name} == on_disk
    assert gone.storage_name not in on_disk and unsent.storage_name not in on_disk
    for path in _root(app).rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes()
    assert retention.run() == {}


def test_subject_access_finds_and_exports_the_files_then_erasure_removes_them(app, client):
    from app.cases.models import Case
    from tests.attachments.test_upload import finish, start, upload
    from tests.feedback.journey import COMPLAINT

    start(client)
    upload(client, ("damp.jpg", jpeg_with_location()), ("letter.pdf", pdf(f"Letter from {CANARY}")))
    upload(client, action="continue")
    item = finish(client, dict(COMPLAINT["contact"], name=CANARY, email="ob.canary@example.org"))
    rows = list(item.attachments)
    assert len(rows) == 2

    search = find("ob.canary@example.org")
    assert set(search.ids("attachment")) == {row.id for row in rows}
    archive, counts = build(search)
    names = zipfile.ZipFile(io.BytesIO(archive)).namelist()
    assert any(n.startswith("files/attachment-") and n.endswith("letter.pdf") for n in names)
    letter = next(n for n in names if n.endswith("letter.pdf"))
    assert CANARY.encode() in zipfile.ZipFile(io.BytesIO(archive)).read(letter)

    open_case = erase("ob.canary@example.org", "Request by email")  # the complaint is still open
    assert ("feedback_item", "open complaint") in {(k["table"], k["exception"].split(":")[0]) for k in open_case.kept}
    assert Attachment.select().count() == 2

    Case.update(closed_at=utcnow(), status="closed").execute()
    result = erase("ob.canary@example.org", "Request by email")
    assert result.erased["attachment"] == 2 and result.anonymised["case_record"] == 1
    assert not Attachment.select().exists() and not files_on_disk(app)
    assert "damp" not in json.dumps(result.as_dict())
