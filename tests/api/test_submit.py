"""POST /api/v1/feedback: feedback from another system, through the web form's intake, with
idempotent retries (also two at once)."""
import json
import threading
import urllib.request
import uuid

from app.api.models import ApiIdempotency
from app.cases.models import CaseItem
from app.feedback.models import FeedbackItem
from app.mail.models import OutboxMessage
from tests.api.conftest import COMPLAINT, bearer


def post(client, key, body, idem=None, **headers):
    headers = dict(bearer(key), **headers)
    if idem:
        headers["Idempotency-Key"] = idem
    return client.post("/api/v1/feedback", json=body, headers=headers)


def test_a_complaint_gets_a_reference_an_acknowledgement_and_a_case(client, key):
    response = post(client, key, COMPLAINT)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["reference"].startswith("HRD-") and body["kind"] == "complaint"
    assert body["channel"] == "phone" and body["service"] == "highways" and body["acknowledgement_queued"]
    assert "ada@example.org" not in response.get_data(as_text=True)
    item = FeedbackItem.get(FeedbackItem.reference == body["reference"])
    assert item.channel == "phone" and item.text == COMPLAINT["text"] and item.person.email == "ada@example.org"
    assert item.put_right == "Pay for the wheel" and str(item.happened_on) == "2026-01-05"
    assert CaseItem.select().where(CaseItem.item == item).exists()  # a complaint opens its case
    acks = OutboxMessage.select().where(OutboxMessage.to_address == "ada@example.org")
    assert acks.count() == 1 and body["reference"] in acks.get().subject + acks.get().text_body


def test_anonymous_feedback_with_no_service(client, key):
    response = post(client, key, {"kind": "compliment", "channel": "in_person", "text": "Lovely library staff"})
    assert response.status_code == 201
    item = FeedbackItem.get(FeedbackItem.reference == response.get_json()["reference"])
    assert item.person_id is None and item.service_id is None and item.service_unsure
    assert response.get_json()["acknowledgement_queued"] is False


def test_an_unknown_service_or_channel_is_a_clear_422(client, key):
    response = post(client, key, dict(COMPLAINT, service="no-such-service"))
    assert response.status_code == 422 and "no service" in response.get_json()["message"]
    response = post(client, key, dict(COMPLAINT, channel="pigeon"))
    assert response.status_code == 422 and "channel" in response.get_json()["errors"]["json"]
    assert FeedbackItem.select().count() == 0


def test_a_retry_with_the_same_key_and_body_gets_the_first_answer(client, key):
    idem = str(uuid.uuid4())
    first = post(client, key, COMPLAINT, idem)
    # the same JSON with its fields in another order is the same body
    again = client.post("/api/v1/feedback", data=json.dumps(dict(reversed(list(COMPLAINT.items())))),
                        content_type="application/json", headers=dict(bearer(key), **{"Idempotency-Key": idem}))
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json() and again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert FeedbackItem.select().count() == 1 and CaseItem.select().count() == 1
    assert OutboxMessage.select().where(OutboxMessage.to_address == "ada@example.org").count() == 1


def test_the_same_key_with_another_body_is_refused(client, key):
    idem = str(uuid.uuid4())
    assert post(client, key, COMPLAINT, idem).status_code == 201
    response = post(client, key, dict(COMPLAINT, text="Something else entirely"), idem)
    assert response.status_code == 422
    assert "different request body" in response.get_json()["message"]
    assert FeedbackItem.select().count() == 1


def test_keys_are_per_api_key(client, make_key):
    idem = "order-1234"
    assert post(client, make_key()[1], COMPLAINT, idem).status_code == 201
    assert post(client, make_key()[1], COMPLAINT, idem).get_json().get("reference")
    assert FeedbackItem.select().count() == 2  # another system's key of the same name is its own


def test_a_bad_idempotency_key_is_refused(client, key):
    response = post(client, key, COMPLAINT, "x" * 201)
    assert response.status_code == 400 and "Idempotency-Key" in response.get_json()["message"]
    assert FeedbackItem.select().count() == 0


def test_two_concurrent_requests_with_one_key_record_it_once(live_server, key):
    idem, answers, barrier = str(uuid.uuid4()), [], threading.Barrier(4)
    data = json.dumps(COMPLAINT).encode()

    def send():
        request = urllib.request.Request(f"{live_server}/api/v1/feedback", data=data, method="POST", headers=dict(
            bearer(key), **{"Content-Type": "application/json", "Idempotency-Key": idem}))
        barrier.wait()
        with urllib.request.urlopen(request, timeout=30) as response:
            answers.append((response.status, json.loads(response.read())))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    from app.db import db

    db.connect(reuse_if_open=True)
    assert len(answers) == 4 and {status for status, _ in answers} == {201}
    assert len({body["reference"] for _, body in answers}) == 1
    assert FeedbackItem.select().count() == 1 and ApiIdempotency.select().count() == 1


def test_idempotency_records_are_kept_a_week_then_forgotten(client, key):
    import datetime

    from app.api import tasks
    from app.api.models import ApiIdempotency
    from app.db import utcnow

    idem = str(uuid.uuid4())
    assert post(client, key, COMPLAINT, idem).status_code == 201
    assert tasks.prune(utcnow() + datetime.timedelta(days=6)) == 0
    assert post(client, key, COMPLAINT, idem).headers["Idempotent-Replayed"] == "true"
    assert tasks.prune(utcnow() + datetime.timedelta(days=8)) == 1 and not ApiIdempotency.select().exists()
    assert "Idempotent-Replayed" not in post(client, key, COMPLAINT, idem).headers  # a new request now
    assert FeedbackItem.select().count() == 2
