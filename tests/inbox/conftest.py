import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MAX_BYTES = 100_000  # oversized.eml is about 200 kB


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, inbound_max_bytes=MAX_BYTES, inbound_parse_seconds=10,
                base_url="https://feedback.testshire.example")


def fixture_bytes(name):
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def fixture_dir(tmp_path):
    """A copy of every fixture message in a folder of .eml files."""
    target = tmp_path / "mail"
    target.mkdir()
    for path in FIXTURES.glob("*.eml"):
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture
def item_123(app):
    """The feedback item HRD-2026-000123, from sam.patel@example.com."""
    from app.feedback.models import FeedbackItem
    from tests.factories import create_feedback, create_person

    person = create_person(email="sam.patel@example.com", name="Sam Patel")
    item = create_feedback(kind="complaint", channel="email", person=person, text="Bins not collected.")
    FeedbackItem.update(reference="HRD-2026-000123").where(FeedbackItem.id == item.id).execute()
    return FeedbackItem.get_by_id(item.id)
