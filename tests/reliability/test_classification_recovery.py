"""Classification is claimed while it runs (never two copies of the same item at once), reads a
bounded part of a huge text, and work a crashed consumer held resumes as the next one starts."""
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.claims import leases, take
from app.claims.models import WorkClaim
from app.db import utcnow
from app.feedback.models import FeedbackItem
from app.learning import predictions
from app.queue import run_sweeps
from tests.factories import create_feedback
from tests.reliability.conftest import MAIL_FROM

ROOT = Path(__file__).resolve().parents[2]


def test_an_item_another_worker_is_classifying_is_not_classified_again(app, champion):
    from app.learning.tasks import classify, classify_batch, run_classification

    item = create_feedback(kind="comment", text="The library staff were lovely.")
    other = create_feedback(kind="comment", text="The bins were missed again.")
    claim = take(predictions.CLAIM, [item.id])  # a live worker (this process) is on it
    assert run_classification([item.id]) == []
    assert classify.call_local(item.id) == []
    assert predictions.pending_batches() == [[other.id]], "the sweep leaves it to its worker"
    assert run_sweeps()["learning.classify"] == 1
    assert FeedbackItem.get_by_id(item.id).classification_status == "pending"
    assert FeedbackItem.get_by_id(other.id).classification_status == "done"
    from app.claims import release

    release(claim)
    assert classify_batch.call_local([item.id]) == [item.id]
    assert FeedbackItem.get_by_id(item.id).classification_status == "done"
    assert WorkClaim.select().count() == 0, "claims go when the work is done"


def test_a_huge_email_is_classified_on_its_first_ten_thousand_characters(app, champion):
    from app.learning.models import Prediction
    from app.learning.tasks import classify

    head = "The bin crew missed our road again on Tuesday. " * 220  # 10,340 characters
    tail = "Zanzibar quokkas juggle marmalade on the roundabout. " * 3800  # 201,400 more
    item = create_feedback(kind="complaint", channel="email", text=head + tail)
    assert classify.call_local(item.id) == [item.id]
    item = FeedbackItem.get_by_id(item.id)
    assert item.classification_status == "done" and item.text == head + tail, "the full text is kept"
    sentences = Prediction.get(Prediction.item == item.id).sentences
    assert "bin crew" in sentences and "quokkas" not in sentences, "the evidence comes from the first part"


def test_the_models_read_at_most_the_web_forms_limit():
    from app.feedback.forms import TEXT_LIMIT

    assert predictions.model_text("Short and sweet.") == "Short and sweet."
    exact = "x" * TEXT_LIMIT
    assert predictions.model_text(exact) == exact
    words = "pothole " * 5000
    cut = predictions.model_text(words)
    assert len(cut) <= TEXT_LIMIT and words.startswith(cut) and cut.endswith("pothole")
    assert len(predictions.model_text("y" * 300_000)) == TEXT_LIMIT
    assert predictions.model_text(None) == ""


@pytest.fixture
def settings_overrides(settings_overrides, request):
    if "smtp_counter" not in request.fixturenames:
        return settings_overrides
    port = request.getfixturevalue("smtp_counter").port
    return dict(settings_overrides, mail_backend="smtp", smtp_host="127.0.0.1", smtp_port=port,
                smtp_timeout=5, mail_from=MAIL_FROM, huey_immediate=False)


@pytest.mark.slow
def test_work_a_killed_consumer_held_resumes_as_soon_as_a_consumer_starts(
        app, champion, smtp_counter, tiny_encoder_path, tmp_path, monkeypatch):
    """A consumer was killed while classifying an item and sending an email: the item's claim
    and the email's lease still have most of a minute to run and their tasks are gone. A new
    consumer, with its periodic tasks off (so only the start-up sweep can find them), finishes
    both within seconds."""
    from app.mail.models import OutboxMessage
    from app.mail.services import queue_email
    from app.queue import configure_queue, huey

    settings = app.config["HEARD"]
    with app.app_context():
        row = queue_email("resident@example.org", "acknowledgement",
                          {"reference": "HRD-2026-000001", "kind": "comment", "name": "Sam"},
                          idempotency_key="ack:feedback:1", purpose="acknowledgement")
    item = create_feedback(kind="comment", text="The library staff were lovely.")
    huey.flush()  # their tasks were lost with the worker
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    token = f"{leases.machine()}-{int(dead.stdout)}-abcdef-00000000"
    lease_until = utcnow() + datetime.timedelta(seconds=55)
    OutboxMessage.update(status="sending", lease_token=token, lease_until=lease_until, attempts=1).execute()
    WorkClaim.create(work=predictions.CLAIM, object_id=item.id, token=token, expires_at=lease_until)

    env = dict(os.environ, HEARD_INSTANCE_PATH=settings.instance_path, DATABASE_URL=settings.database_url,
               HUEY_URL=settings.huey_url, SECRET_KEY=settings.secret_key, MAIL_BACKEND="smtp",
               SMTP_HOST="127.0.0.1", SMTP_PORT=str(smtp_counter.port), MAIL_FROM=MAIL_FROM,
               CLASSIFIER_ENCODER=str(tiny_encoder_path), OMP_WAIT_POLICY="PASSIVE")
    env.pop("HUEY_IMMEDIATE", None)
    started = time.monotonic()
    consumer = subprocess.Popen(
        [str(Path(sys.executable).parent / "huey_consumer"), "app.worker.huey", "--workers", "2",
         "--no-periodic", "--delay", "0.05", "--max-delay", "0.5",
         "--logfile", str(tmp_path / "consumer.log")],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline and not (
                smtp_counter.total() and FeedbackItem.get_by_id(item.id).classification_status == "done"):
            time.sleep(0.1)
        resumed = time.monotonic() - started
    finally:
        consumer.terminate()
        consumer.wait(timeout=30)
        configure_queue(settings.__class__.from_env(env, huey_immediate=True))
    assert smtp_counter.counts() == {row.message_id: 1}
    assert OutboxMessage.get_by_id(row.id).status == "sent"
    assert FeedbackItem.get_by_id(item.id).classification_status == "done"
    assert resumed < 45, f"resumed after {resumed:.0f} s, before the dead worker's leases ran out"
