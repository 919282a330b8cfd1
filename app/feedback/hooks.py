"""Intake signals: what other packages hear once feedback is committed.

Each is a blinker signal sent after the transaction commits (so a task a receiver enqueues
can see the rows), with the id as its sender:

- `feedback_recorded(item_id, kind=...)`: a new item, from any channel, with its kind;
- `update_received(update_id)`: more information was added to an item (a FeedbackUpdate:
  an email reply found by its reference, or /track "add more information");
- `safeguarding_flagged(item_id)`: an item was given a safeguarding flag;
- `service_routed(item_id)`: the service-area model set the service of an item whose resident
  chose none (app.learning.routing).

Nothing connects to them when a module is imported: the shell connects the listeners the
settings name (`app.wiring`) when it builds the app, so the web process, the worker and each
test hear the same things on purpose. `send_after_commit(tx, signal, id)` is how senders send.
"""
import functools

from blinker import ANY, Namespace

_intake = Namespace()
feedback_recorded = _intake.signal("feedback-recorded")
update_received = _intake.signal("update-received")
safeguarding_flagged = _intake.signal("safeguarding-flagged")
service_routed = _intake.signal("service-routed")
SIGNALS = (feedback_recorded, update_received, safeguarding_flagged, service_routed)


def send_after_commit(tx, signal, ident, **facts):
    """Send `signal` with `ident` once the transaction `tx` (app.queue.transaction) commits;
    `facts` (such as an item's kind) let a receiver skip what is not for it without a query."""
    if facts:
        tx.on_commit(functools.partial(signal.send, ident, **facts))
    else:
        tx.on_commit(signal.send, ident)


def disconnect_all():
    """Forget every listener (the shell does this before connecting the app's own)."""
    for signal in SIGNALS:
        for receiver in list(signal.receivers_for(ANY)):
            signal.disconnect(receiver)


def listeners(signal):
    """The receivers connected to `signal`, for the start-up check and tests."""
    return list(signal.receivers_for(ANY))
