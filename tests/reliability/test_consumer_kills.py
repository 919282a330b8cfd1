"""A consumer killed with SIGKILL mid-task, 25 times in a row, while 200 items arrive: nothing is
lost, nothing is done twice.

The test process plays the web process (residents' feedback by the web form's service, each
with an email address, a quarter of them complaints); real huey consumers do the work
(classification on the tiny encoder, acknowledgements over SMTP to aiosmtpd on loopback, cases
for complaints) and are killed while a task runs, then started again. In the end every item is
classified, every acknowledgement reached the SMTP server exactly once (counted by Message-ID)
and every complaint has its case. It prints the longest delay to recovery: from a restart to
the first piece of work completed after it.
"""
import os
import random
from collections import Counter
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.conftest import MAIL_FROM

ROOT = Path(__file__).resolve().parents[2]
ITEMS = 200
KILLS = 25
COMPLAINT_EVERY = 4
RUN_ON_SECONDS = 2.5  # after its first finished work a consumer runs on for up to this long
SETTLE_SECONDS = 150
TEXTS = (
    "The bin crew missed our road again on {day}, the third time this month.",
    "Thank you to the library staff, they were lovely and helped me print my forms.",
    "The pothole outside number {n} is getting deeper and a cyclist nearly came off.",
    "Please can you tell me when the recycling centre opens on bank holidays.",
    "I waited forty minutes on the phone about my council tax and nobody answered.",
)


@pytest.fixture
def settings_overrides(settings_overrides, smtp_counter):
    """This process is the web process: real queue (not immediate), intake listeners on, mail
    by SMTP to the counting server."""
    return dict(settings_overrides, huey_immediate=False, intake_listeners=("cases", "classification"),
                mail_backend="smtp", smtp_host="127.0.0.1", smtp_port=smtp_counter.port, smtp_timeout=5,
                mail_from=MAIL_FROM)


def consumer_env(settings, tiny_encoder_path):
    env = dict(os.environ, HEARD_INSTANCE_PATH=settings.instance_path, DATABASE_URL=settings.database_url,
               HUEY_URL=settings.huey_url, SECRET_KEY=settings.secret_key, MAIL_BACKEND="smtp",
               SMTP_HOST="127.0.0.1", SMTP_PORT=str(settings.smtp_port), SMTP_TIMEOUT="5",
               MAIL_FROM=MAIL_FROM, CLASSIFIER_ENCODER=str(tiny_encoder_path), OMP_WAIT_POLICY="PASSIVE")
    for name in ("HUEY_IMMEDIATE", "HUEY_REDIS_URL"):
        env.pop(name, None)
    return env


class Consumer:
    """One `huey_consumer app.worker.huey` process, logging to its own file."""

    def __init__(self, env, log):
        self.log = log
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "huey_consumer"), "app.worker.huey", "--workers", "2",
             "--worker-type", "thread", "--delay", "0.05", "--max-delay", "0.5", "--logfile", str(log)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def running_tasks(self):
        """{task id: task name} of the tasks the log says have started and not finished."""
        lines = self.log.read_text(errors="replace").splitlines() if self.log.exists() else []
        running = {}
        for line in lines:
            if ":Executing " in line:
                name, _, task_id = line.split(":Executing ", 1)[1].partition(": ")
                running[task_id.split()[0]] = name.rsplit(".", 2)[-2] + "." + name.rsplit(".", 2)[-1]
            elif " executed in " in line or "Unhandled exception in task" in line:
                for task_id in list(running):
                    if task_id in line:
                        running.pop(task_id)
        return running

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)  # reaped: its PID is gone

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def progress(smtp_counter):
    """Counts that only ever grow as work is done: classified items, sent rows, messages the
    SMTP server took, items in a case."""
    from app.cases.models import CaseItem
    from app.feedback.models import FeedbackItem
    from app.mail.models import OutboxMessage

    return (FeedbackItem.select().where(FeedbackItem.classification_status == "done").count(),
            OutboxMessage.select().where(OutboxMessage.status == "sent").count(),
            smtp_counter.total(), CaseItem.select().count())


def outstanding():
    """Work still to do: unclassified items, unsent acknowledgements, complaints with no case."""
    from peewee import JOIN

    from app.cases.models import CaseItem
    from app.feedback.models import FeedbackItem
    from app.mail.models import OutboxMessage

    unclassified = FeedbackItem.select().where(FeedbackItem.classification_status != "done").count()
    unsent = OutboxMessage.select().where(OutboxMessage.status != "sent").count()
    caseless = (FeedbackItem.select().join(CaseItem, JOIN.LEFT_OUTER, on=(CaseItem.item == FeedbackItem.id))
                .where(FeedbackItem.kind == "complaint", CaseItem.id.is_null()).count())
    return unclassified + unsent + caseless


def send_feedback(app, numbers):
    """Residents send these pieces of feedback by the web form, each with an email address."""
    from app.feedback.services import submit_web_feedback
    from tests.factories import service

    with app.app_context():
        for n in numbers:
            complaint = n % COMPLAINT_EVERY == 0
            submit_web_feedback(
                kind="complaint" if complaint else "comment",
                text=TEXTS[n % len(TEXTS)].format(day="Tuesday", n=n + 1),
                service=service("highways") if complaint else None,
                contact={"name": f"Resident {n}", "email": f"resident{n}@example.org", "phone": "",
                         "postal_address": "", "preferred_contact": "email"},
                answers={})


def wait_for(condition, seconds, step=0.05):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


@pytest.mark.slow
def test_nothing_is_lost_or_done_twice_when_the_consumer_is_killed_25_times(
        app, champion, smtp_counter, tiny_encoder_path, tmp_path, capsys):
    """Each round: items arrive while the consumer is down and while it starts; once it has
    done some work it runs on for a random while, and is killed while a task runs."""
    from app.queue import configure_queue

    settings = app.config["HEARD"]
    env = consumer_env(settings, tiny_encoder_path)
    per_round = ITEMS // KILLS
    random.seed(15)
    delays, mid_task, interrupted, consumer, started = [], 0, Counter(), None, time.monotonic()
    try:
        for kill in range(KILLS):
            first = kill * per_round
            send_feedback(app, range(first, first + per_round // 2))
            before = progress(smtp_counter)
            consumer = Consumer(env, tmp_path / f"consumer-{kill}.log")
            restarted = time.monotonic()
            send_feedback(app, range(first + per_round // 2, first + per_round))
            moved = wait_for(lambda: progress(smtp_counter) != before, 60)
            assert moved, f"no work was done within a minute of restart {kill + 1}"
            delays.append(time.monotonic() - restarted)
            time.sleep(random.uniform(0, RUN_ON_SECONDS))
            wait_for(lambda: consumer.running_tasks(), 3, step=0.01)
            running = consumer.running_tasks()
            consumer.kill()
            interrupted.update(running.values())
            mid_task += bool(running)
        consumer = Consumer(env, tmp_path / "consumer-final.log")
        settled = wait_for(lambda: outstanding() == 0, SETTLE_SECONDS, step=0.25)
        consumer.stop()
    finally:
        if consumer is not None:
            consumer.stop()
        configure_queue(settings.__class__.from_env(env, huey_immediate=True))

    from app.cases.models import CaseItem
    from app.feedback.models import FeedbackItem
    from app.mail.models import OutboxMessage
    from app.mail.sending import HANDED_NOTE

    items = list(FeedbackItem.select())
    assert settled, f"{outstanding()} pieces of work were still outstanding after {SETTLE_SECONDS} s"
    assert len(items) == ITEMS and all(item.classification_status == "done" for item in items)
    acks = {row.idempotency_key: row
            for row in OutboxMessage.select().where(OutboxMessage.purpose == "acknowledgement")}
    assert set(acks) == {f"ack:feedback:{item.id}" for item in items}, "every item has its acknowledgement"
    received = smtp_counter.counts()
    assert {row.message_id: received[row.message_id] for row in acks.values()} == {
        row.message_id: 1 for row in acks.values()}, "each acknowledgement reached the server exactly once"
    assert max(received.values()) == 1, "no message of any kind was sent twice"
    complaints = {item.id for item in items if item.kind == "complaint"}
    assert len(complaints) == ITEMS // COMPLAINT_EVERY
    assert complaints <= {row.item_id for row in CaseItem.select()}, "every complaint has a case"
    settled_handed = sum(row.last_error == HANDED_NOTE for row in acks.values())
    assert mid_task >= KILLS * 0.8, f"only {mid_task} of the kills came while a task ran"
    with capsys.disabled():
        print(f"\n[reliability] {KILLS} SIGKILLs ({mid_task} while a task ran: "
              f"{', '.join(f'{name} {n}' for name, n in interrupted.most_common())}), {ITEMS} items, "
              f"{len(received)} messages each received once ({settled_handed} settled after a "
              f"hand-over); longest delay to recovery {max(delays):.1f} s, median "
              f"{sorted(delays)[len(delays) // 2]:.1f} s; {time.monotonic() - started:.0f} s in all")
