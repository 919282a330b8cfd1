"""Events reach a real receiver on loopback, signed; failures are retried with back-off; the
payload never carries what residents told us or who they are."""
import datetime
import json

from app.db import utcnow
from app.queue import SWEEPS
from app.webhooks import services
from app.webhooks.events import EVENTS
from app.webhooks.models import WebhookDelivery
from tests.factories import classify, create_action, create_feedback, create_person, create_user
from tests.webhooks.receiver import signature_is_valid

POINTS = [{"point": "The bin was missed", "decision": "upheld", "reasons": "The crew skipped the road"}]
SECRET_WORDS = ("Rita Resident", "rita@example.com", "07700 900123", "The pothole on Mill Lane")


def sweep():
    """What the consumer does every minute: the webhooks sweep, its due deliveries sent."""
    found = SWEEPS["webhooks"]
    for delivery_id in found.pending():
        found.task(delivery_id)


def subscribe(receiver, events=tuple(EVENTS)):
    return services.create(receiver.url, list(events), actor=create_user("administrator"))


def make_due(delivery_id):
    WebhookDelivery.update(next_attempt_at=utcnow() - datetime.timedelta(seconds=1)).where(
        WebhookDelivery.id == delivery_id).execute()


def test_every_event_reaches_the_receiver_signed_and_without_personal_data(app, receiver):
    from app.cases import closing, services as cases, stages
    from app.cases.models import Case

    subscription = subscribe(receiver)
    officer, reviewer = create_user("complaints_officer"), create_user("complaints_officer")
    person = create_person(name="Rita Resident", email="rita@example.com", phone="07700 900123")
    item = create_feedback(person=person, text="The pothole on Mill Lane broke my wheel.")
    classify(item, sentiment="negative")
    case = cases.open_case(item, actor=officer)
    stages.acknowledge(case, actor=officer)
    stages.respond(case, POINTS, actor=officer)
    stages.request_stage2(Case.get_by_id(case.id), "Nobody listened")
    case = Case.get_by_id(case.id)
    stages.set_reviewer(case, reviewer, actor=officer)
    stages.acknowledge(case, actor=reviewer)
    stages.respond(case, POINTS, actor=reviewer)
    closing.close(Case.get_by_id(case.id), "upheld", root_cause="process", actor=reviewer)
    create_action(status="done")

    sweep()

    got = {r.event: r for r in receiver.received()}
    assert set(got) == set(EVENTS), sorted(got)
    for received in got.values():
        assert signature_is_valid(subscription.secret, received), received.event
        assert not signature_is_valid("another secret", received)
        body = received.json
        assert body["event"] == received.event and str(body["id"]) == received.delivery_id
        assert body["occurred_at"].endswith("Z")
        assert not any(words in received.body.decode() for words in SECRET_WORDS), received.body
    assert got["feedback.received"].json["data"] == {
        "feedback_id": item.id, "reference": item.reference, "kind": "complaint", "channel": "web",
        "service": "highways", "status": "received"}
    assert got["feedback.classified"].json["data"]["sentiment"] == "negative"
    assert got["case.opened"].json["data"]["reference"] == case.reference
    assert (got["case.opened"].json["data"]["status"], got["case.opened"].json["data"]["stage"]) == ("open", 1)
    assert got["case.stage_changed"].json["data"]["stage"] == 2
    closed = got["case.closed"].json["data"]
    assert (closed["status"], closed["stage"], closed["outcome"]) == ("closed", 2, "upheld")
    assert got["action.done"].json["data"]["status"] == "done"
    assert all(d.status == "delivered" and d.attempts == 1 and d.last_status_code == 200
               for d in WebhookDelivery.select())

    sweep()  # running again sends nothing twice
    assert len(receiver.received()) == len(EVENTS)


def test_only_chosen_events_and_only_events_after_subscribing_are_sent(app, receiver):
    create_feedback()  # before anyone subscribed
    subscribe(receiver, ["case.closed", "feedback.received"])
    sweep()
    assert receiver.received() == []
    item = create_feedback(kind="comment")
    create_action(status="done")
    sweep()
    assert [(r.event, r.json["data"]["reference"]) for r in receiver.received()] == [
        ("feedback.received", item.reference)]


def test_a_paused_subscription_gets_nothing_until_it_is_resumed(app, receiver):
    subscription = subscribe(receiver, ["feedback.received"])
    services.set_active(subscription, False)
    create_feedback()
    sweep()
    assert receiver.received() == [] and WebhookDelivery.select().count() == 0
    services.set_active(subscription, True)
    later = create_feedback()
    sweep()
    assert [r.json["data"]["reference"] for r in receiver.received()] == [later.reference]


def test_a_500_is_retried_with_back_off_then_delivered(app, receiver):
    subscribe(receiver, ["feedback.received"])
    receiver.statuses = [500, 503]
    create_feedback()
    before = utcnow()
    sweep()
    [delivery] = WebhookDelivery.select()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    assert json.loads(delivery.last_response) == {"status": 500}
    assert delivery.last_duration_ms is not None
    wait = delivery.next_attempt_at - before
    assert datetime.timedelta(seconds=55) < wait < datetime.timedelta(seconds=65), wait
    sweep()  # not due yet: nothing is sent
    assert len(receiver.received()) == 1

    make_due(delivery.id)
    sweep()
    delivery = WebhookDelivery.get_by_id(delivery.id)
    assert (delivery.attempts, delivery.last_status_code) == (2, 503)
    assert datetime.timedelta(minutes=4) < delivery.next_attempt_at - utcnow() <= datetime.timedelta(minutes=5)

    make_due(delivery.id)
    sweep()
    delivery = WebhookDelivery.get_by_id(delivery.id)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 3, 200)
    ids = {r.delivery_id for r in receiver.received()}
    assert ids == {str(delivery.id)}, "every retry carries the same Heard-Delivery id"


def test_after_the_last_try_a_delivery_fails_and_can_be_retried_by_hand(app, receiver):
    subscribe(receiver, ["feedback.received"])
    receiver.statuses = [500] * 6
    create_feedback()
    sweep()
    [delivery] = WebhookDelivery.select()
    for _ in range(5):
        make_due(delivery.id)
        sweep()
    delivery = WebhookDelivery.get_by_id(delivery.id)
    assert (delivery.status, delivery.attempts) == ("failed", 6)
    make_due(delivery.id)
    sweep()
    assert len(receiver.received()) == 6, "a failed delivery is not sent again by itself"
    services.retry(delivery)
    delivery = WebhookDelivery.get_by_id(delivery.id)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 7, 200)


def test_an_unreachable_receiver_is_recorded_and_retried(app, receiver):
    subscription = subscribe(receiver, ["feedback.received"])
    subscription.url = "http://127.0.0.1:9/nobody-listens"
    subscription.save()
    create_feedback()
    sweep()
    [delivery] = WebhookDelivery.select()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert delivery.last_status_code is None and delivery.last_error


def test_a_redirect_is_not_followed(app, receiver):
    subscribe(receiver, ["feedback.received"])
    receiver.statuses = [302]
    create_feedback()
    sweep()
    [delivery] = WebhookDelivery.select()
    assert (delivery.status, delivery.last_status_code) == ("pending", 302)
    assert len(receiver.received()) == 1
