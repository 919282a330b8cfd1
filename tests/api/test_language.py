"""Feedback sent in through the API (or by a member of staff) says nothing about the language a
resident wants: a resident who chose Welsh on the web form keeps Welsh, and the acknowledgement
of what the council's CRM sent for them is in Welsh too."""
import pytest

from app.feedback.models import FeedbackItem
from app.mail.models import OutboxMessage
from app.people.models import Person
from tests.api.conftest import COMPLAINT, bearer
from tests.feedback.journey import reference_in, send


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, languages=("en", "cy"))


def test_an_api_submission_keeps_the_residents_welsh(client, key):
    client.get("/?lang=cy")
    first = FeedbackItem.get(FeedbackItem.reference == reference_in(send(client)))
    assert first.person.language == "cy"
    email = first.person.email
    body = dict(COMPLAINT, resident=dict(COMPLAINT["resident"], email=email))
    answer = client.post("/api/v1/feedback", json=body, headers=dict(bearer(key), **{"Accept-Language": "en"}))
    assert answer.status_code == 201, answer.get_json()
    item = FeedbackItem.get(FeedbackItem.reference == answer.get_json()["reference"])
    assert item.person_id == first.person_id and Person.get_by_id(item.person_id).language == "cy"
    message = OutboxMessage.get(OutboxMessage.idempotency_key == f"ack:feedback:{item.id}")
    assert message.subject.startswith("Rydym wedi cael eich") and "Thank you" not in message.text_body


def test_a_new_resident_from_the_api_is_english(client, key):
    answer = client.post("/api/v1/feedback", json=COMPLAINT, headers=bearer(key))
    item = FeedbackItem.get(FeedbackItem.reference == answer.get_json()["reference"])
    assert item.person.language == "en"
    message = OutboxMessage.get(OutboxMessage.idempotency_key == f"ack:feedback:{item.id}")
    assert message.subject.startswith("We have received your complaint")
