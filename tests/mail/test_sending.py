"""Retries, leases and the sweep: nothing lost, nothing sent twice."""
import datetime

from app.db import utcnow
from app.mail import sending
from app.mail.models import MAX_ATTEMPTS, OutboxMessage
from app.mail.sending import sweep_ids
from app.mail.tasks import send
from app.queue import huey, run_sweeps


def due_now(row_id):
    """Skip the backoff wait."""
    OutboxMessage.update(next_attempt_at=utcnow() - datetime.timedelta(minutes=2)).where(
        OutboxMessage.id == row_id).execute()


def test_smtp_down_retries_with_backoff_then_fails(dead_smtp_port, queue):
    row = queue()
    row = OutboxMessage.get_by_id(row.id)
    assert row.status == "pending" and row.attempts == 1
    assert "Connection refused" in row.last_error
    assert row.next_attempt_at > utcnow() + datetime.timedelta(seconds=50)
    assert huey.scheduled_count() == 1, "the retry is scheduled in the queue"
    assert send.call_local(row.id) == "skipped", "not due yet"
    waits = [row.next_attempt_at - utcnow()]
    for attempt in range(2, MAX_ATTEMPTS + 1):
        due_now(row.id)
        send.call_local(row.id)
        row = OutboxMessage.get_by_id(row.id)
        assert row.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            waits.append(row.next_attempt_at - utcnow())
    assert row.status == "failed" and row.lease_token == ""
    assert waits == sorted(waits), "each wait is longer than the last"
    due_now(row.id)
    assert send.call_local(row.id) == "skipped", "a failed row waits for a person"
    assert row.id not in sweep_ids()


def test_two_workers_cannot_both_claim_a_row(app, queue, monkeypatch):
    monkeypatch.setattr("app.mail.services.send", lambda message_id: None)  # lose the task
    row = queue()
    now = utcnow()
    assert sending.claim(row.id, now) is not None
    assert sending.claim(row.id, now) is None
    assert OutboxMessage.get_by_id(row.id).status == "sending"


def test_a_stale_lease_is_retried_by_the_sweep(app, queue, monkeypatch):
    monkeypatch.setattr("app.mail.services.send", lambda message_id: None)
    row = queue()
    assert sending.claim(row.id, utcnow()) is not None  # a worker took it and died
    assert sweep_ids() == [], "a live lease is left alone"
    later = utcnow() + sending.LEASE + datetime.timedelta(seconds=1)
    assert sweep_ids(now=later) == [row.id]
    OutboxMessage.update(lease_until=utcnow() - datetime.timedelta(seconds=1)).execute()
    monkeypatch.undo()
    assert run_sweeps()["mail.send"] == 1
    row = OutboxMessage.get_by_id(row.id)
    assert row.status == "sent" and row.attempts == 2


def test_the_dead_workers_late_result_is_ignored(app, queue, monkeypatch):
    monkeypatch.setattr("app.mail.services.send", lambda message_id: None)
    row = queue()
    old_token = sending.claim(row.id, utcnow())
    OutboxMessage.update(lease_until=utcnow() - datetime.timedelta(seconds=1)).execute()
    new_token = sending.claim(row.id, utcnow())
    assert old_token and new_token and old_token != new_token
    assert sending._finish(row, old_token, status="failed", last_error="late") == 0
    assert OutboxMessage.get_by_id(row.id).status == "sending"


def test_the_sweep_sends_a_pending_row_whose_task_was_lost(app, queue, monkeypatch, smtp_server):
    monkeypatch.setattr("app.mail.services.send", lambda message_id: None)
    row = queue()
    monkeypatch.undo()
    assert OutboxMessage.get_by_id(row.id).status == "pending"
    assert sweep_ids() == [], "a row queued seconds ago still has its own task"
    due_now(row.id)
    assert sweep_ids() == [row.id]
    assert run_sweeps()["mail.send"] == 1
    assert OutboxMessage.get_by_id(row.id).status == "sent"
    assert len(smtp_server.envelopes) == 1
    assert run_sweeps()["mail.send"] == 0
    assert len(smtp_server.envelopes) == 1


def test_the_task_works_outside_an_app_context(app, smtp_server, monkeypatch):
    """The huey consumer has no app context: the task uses the app the worker built."""
    from flask import has_app_context

    from app.mail.services import queue_email
    from tests.mail.conftest import ACK

    monkeypatch.setattr("app.mail.services.send", lambda message_id: None)
    with app.app_context():
        row = queue_email("resident@example.com", "acknowledgement", dict(ACK), idempotency_key="x")
    monkeypatch.undo()
    assert not has_app_context()
    assert send.call_local(row.id) == "sent"
    assert len(smtp_server.envelopes) == 1


def test_an_unexpected_error_fails_the_row_without_losing_it(app, queue, monkeypatch):
    def broken(*args):
        raise RuntimeError("bug")

    monkeypatch.setattr("app.mail.message.build", broken)
    row = OutboxMessage.get_by_id(queue().id)
    assert row.status == "failed" and "RuntimeError" in row.last_error and row.text_body
