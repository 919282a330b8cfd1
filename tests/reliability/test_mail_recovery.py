"""Emails a dead worker was sending: resumed at once, never sent twice (a real SMTP server on
loopback counts what it took, by Message-ID)."""
import datetime
import subprocess
import sys

import pytest

from app.claims import leases
from app.db import utcnow
from app.mail import sending
from app.mail.models import OutboxMessage
from app.queue import run_sweeps
from tests.reliability.conftest import MAIL_FROM


@pytest.fixture
def settings_overrides(settings_overrides, smtp_counter):
    return dict(settings_overrides, mail_backend="smtp", smtp_host="127.0.0.1", smtp_port=smtp_counter.port,
                smtp_timeout=5, mail_from=MAIL_FROM)


@pytest.fixture
def lost(app, monkeypatch):
    """queue(key): an acknowledgement queued whose send task was lost with its worker."""
    from app.mail.services import queue_email

    def make(key="ack:feedback:1"):
        monkeypatch.setattr("app.mail.services.send", lambda message_id: None)
        with app.app_context():
            row = queue_email("resident@example.org", "acknowledgement",
                              {"reference": "HRD-2026-000001", "kind": "comment", "name": "Sam"},
                              idempotency_key=key, purpose="acknowledgement")
        monkeypatch.undo()
        return OutboxMessage.get_by_id(row.id)

    return make


def dead_token():
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    return f"{leases.machine()}-{int(done.stdout)}-abcdef-00000000"


def left_by_a_dead_worker(row, status):
    """As a worker leaves a row when it is killed mid-send: its lease still has most of a minute."""
    OutboxMessage.update(status=status, lease_token=dead_token(), attempts=1,
                         lease_until=utcnow() + datetime.timedelta(seconds=55)).where(
        OutboxMessage.id == row.id).execute()


def test_a_message_a_dead_worker_was_sending_is_sent_again_at_once_with_its_message_id(lost, smtp_counter):
    row = lost()
    left_by_a_dead_worker(row, "sending")
    assert run_sweeps()["mail.send"] == 1, "not after the lease runs out: its worker is gone"
    assert OutboxMessage.get_by_id(row.id).status == "sent"
    assert smtp_counter.counts() == {row.message_id: 1}


def test_a_message_a_dead_worker_had_handed_to_the_server_is_never_sent_again(lost, smtp_counter):
    """Killed after the hand-over: the server took (or was taking) it, so it is recorded as
    sent, with a note for staff, and not sent a second time."""
    row = lost()
    left_by_a_dead_worker(row, "handed")
    assert run_sweeps(at_start=True)["mail.send"] == 1
    row = OutboxMessage.get_by_id(row.id)
    assert row.status == "sent" and row.last_error == sending.HANDED_NOTE and row.lease_token == ""
    assert smtp_counter.total() == 0
    assert run_sweeps(at_start=True)["mail.send"] == 0


def test_a_handed_message_of_a_live_worker_is_left_alone(lost, smtp_counter):
    row = lost()
    OutboxMessage.update(status="handed", lease_token=leases.new_token(),
                         lease_until=utcnow() + leases.LEASE).where(OutboxMessage.id == row.id).execute()
    assert run_sweeps(at_start=True)["mail.send"] == 0
    assert OutboxMessage.get_by_id(row.id).status == "handed"


def test_the_row_is_handed_over_only_just_before_the_server_takes_the_message(
        lost, smtp_counter, monkeypatch):
    row = lost()
    seen = []
    original = sending._hand_over

    def hand_over(outbox_row, token):
        seen.append((OutboxMessage.get_by_id(outbox_row.id).status, smtp_counter.total()))
        original(outbox_row, token)
        seen.append((OutboxMessage.get_by_id(outbox_row.id).status, smtp_counter.total()))

    monkeypatch.setattr(sending, "_hand_over", hand_over)
    assert run_sweeps(at_start=True)["mail.send"] == 1
    assert seen == [("sending", 0), ("handed", 0)], "marked before the server had it"
    assert OutboxMessage.get_by_id(row.id).status == "sent" and smtp_counter.total() == 1


def test_a_worker_that_lost_its_lease_stops_before_the_end_and_the_server_keeps_nothing(
        lost, smtp_counter, monkeypatch):
    """A slow worker whose lease another worker took over (it missed its heartbeats) finds out
    at the hand-over: it drops the connection before the final "." and sends nothing."""
    row = lost()
    original = sending._hand_over

    def overtaken(outbox_row, token):
        OutboxMessage.update(lease_token="someone-else").where(OutboxMessage.id == outbox_row.id).execute()
        original(outbox_row, token)

    monkeypatch.setattr(sending, "_hand_over", overtaken)
    assert sending.send_now(row.id, _settings()) == ("skipped", None)
    assert smtp_counter.total() == 0
    row = OutboxMessage.get_by_id(row.id)
    assert row.status == "sending" and row.lease_token == "someone-else"


def test_a_message_whose_task_was_lost_is_sent_when_a_consumer_starts(lost, smtp_counter):
    """The minute's sweep leaves a row queued seconds ago to its own task; at start-up nothing
    is waiting, so the sweep sends it (a second copy would be skipped)."""
    row = lost()
    assert run_sweeps()["mail.send"] == 0
    assert run_sweeps(at_start=True)["mail.send"] == 1
    assert smtp_counter.counts() == {row.message_id: 1}


def test_the_send_keeps_its_lease_alive_while_it_runs(lost, smtp_counter, monkeypatch):
    row = lost()
    original, renewed = sending._hand_over, []

    def slow_hand_over(outbox_row, token):
        # most of the lease has gone by
        OutboxMessage.update(lease_until=utcnow()).where(OutboxMessage.id == outbox_row.id).execute()
        leases.heartbeat.beat(list(leases.heartbeat.renewals.values()))
        renewed.append(OutboxMessage.get_by_id(outbox_row.id).lease_until)
        original(outbox_row, token)

    monkeypatch.setattr(sending, "_hand_over", slow_hand_over)
    assert sending.send_now(row.id, _settings())[0] == "sent"
    assert renewed[0] > utcnow() + leases.LEASE - datetime.timedelta(seconds=5)
    assert smtp_counter.counts() == {row.message_id: 1}


def _settings():
    from app.queue import settings

    return settings()
