"""Done when (issue 16): the huey consumer is killed (SIGKILL) while it is POSTing an event to
the receiver; once a consumer runs again the event is delivered, with a valid signature.

The test process plays the web process (a real queue, not immediate); a real `huey_consumer`
does the work. The receiver holds the first request open, so the consumer is certainly mid-POST
when it dies."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.feedback.models import FeedbackItem
from app.webhooks import services
from app.webhooks.models import WebhookDelivery
from tests.factories import create_feedback
from tests.webhooks.receiver import signature_is_valid

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, huey_immediate=False)


def start_consumer(settings, log):
    env = dict(os.environ, HEARD_INSTANCE_PATH=settings.instance_path, DATABASE_URL=settings.database_url,
               HUEY_URL=settings.huey_url, SECRET_KEY=settings.secret_key, OMP_WAIT_POLICY="PASSIVE")
    for name in ("HUEY_IMMEDIATE", "HUEY_REDIS_URL"):
        env.pop(name, None)
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "huey_consumer"), "app.worker.huey", "--workers", "2",
         "--worker-type", "thread", "--delay", "0.05", "--max-delay", "0.5", "--logfile", str(log)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(process):
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def wait_for(condition, seconds, step=0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def delivery():
    return WebhookDelivery.get_or_none()


@pytest.mark.slow
def test_an_event_lost_with_a_killed_worker_is_delivered_once_the_worker_is_back(app, receiver, tmp_path):
    from app.queue import configure_queue

    settings = app.config["HEARD"]
    subscription = services.create(receiver.url, ["feedback.received"])
    item = create_feedback(kind="comment")
    # Only the webhook is pending work here (no classification for the consumer to load models for).
    FeedbackItem.update(classification_status="done").execute()
    receiver.hold_next = True
    consumer = None
    try:
        consumer = start_consumer(settings, tmp_path / "consumer-1.log")
        assert receiver.arrived.wait(60), "the consumer never POSTed the event"
        assert delivery().status == "pending" and delivery().attempts == 1
        consumer.send_signal(signal.SIGKILL)
        consumer.wait(timeout=30)
        receiver.release.set()  # the held request's answer goes nowhere: its sender is dead
        time.sleep(0.5)
        assert delivery().status == "pending", "nothing recorded the killed POST as delivered"

        restarted = time.monotonic()
        consumer = start_consumer(settings, tmp_path / "consumer-2.log")
        assert wait_for(lambda: delivery().status == "delivered", 60), \
            f"not delivered within a minute of the restart: {delivery().__data__}"
        took = time.monotonic() - restarted
    finally:
        stop(consumer)
        configure_queue(settings.with_overrides(huey_immediate=True))

    first, second = receiver.received()
    assert first.delivery_id == second.delivery_id == str(delivery().id)
    assert signature_is_valid(subscription.secret, second)
    assert second.json["event"] == "feedback.received"
    assert second.json["data"]["reference"] == item.reference
    assert (delivery().attempts, delivery().last_status_code) == (2, 200)
    print(f"delivered {took:.1f} s after the consumer was started again")
