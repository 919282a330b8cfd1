"""The inbox.process task is safe to run twice, and the sweep finds stored-but-unread mail."""
import datetime

from app.feedback.models import FeedbackItem
from app.inbox import services, tasks
from app.inbox.models import InboundMessage
from app.queue import SWEEPS, run_sweeps
from tests.inbox.conftest import fixture_bytes


def test_process_twice_creates_one_item(app):
    row, new = services.store(fixture_bytes("plain.eml"), "file:plain.eml")
    assert new and row.outcome == "received"
    with app.app_context():
        assert tasks.process.call_local(row.id) == "created"
        assert tasks.process.call_local(row.id) == "created"
    assert FeedbackItem.select().count() == 1


def test_the_sweep_reads_messages_left_unread(app):
    assert "inbox.process" in SWEEPS
    row, _ = services.store(fixture_bytes("complaint.eml"), "file:complaint.eml")
    fresh, _ = services.store(fixture_bytes("latin1.eml"), "file:latin1.eml")
    InboundMessage.update(received_at=datetime.datetime(2026, 1, 1)).where(
        InboundMessage.id == row.id).execute()
    with app.app_context():
        counts = run_sweeps()
    assert counts["inbox.process"] == 1
    assert InboundMessage.get_by_id(row.id).outcome == "created"
    assert InboundMessage.get_by_id(fresh.id).outcome == "received"  # too new: an importer has it


def test_an_unexpected_failure_quarantines_instead_of_stopping(app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "record_feedback", broken)
    with app.app_context():
        result = services.receive(fixture_bytes("complaint.eml"), "file:complaint.eml")
    assert result.outcome == "quarantined"
    assert "RuntimeError" in InboundMessage.get_by_id(result.inbound_id).reason
    assert FeedbackItem.select().count() == 0
