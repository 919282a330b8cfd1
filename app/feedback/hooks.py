"""Things other packages want done once new feedback is committed.

`record_feedback` calls every callable in `on_feedback_recorded` with the new item's id,
after the transaction commits (so a task it enqueues can see the row). Packages register
when imported (app.learning.tasks registers classification), so feedback never imports them.

Two more lists, called the same way after commit:
- `on_update_received(update_id)`: more information was added to an item (a FeedbackUpdate:
  an email reply found by its reference, or /track "add more information");
- `on_safeguarding_flagged(item_id)`: an item was given a safeguarding flag.
(app.cases.tasks registers on all three.)
"""
on_feedback_recorded = []
on_update_received = []
on_safeguarding_flagged = []


def register(callback):
    """Add `callback(item_id)` once (importing a module twice must not register it twice)."""
    if callback not in on_feedback_recorded:
        on_feedback_recorded.append(callback)
    return callback


def register_update(callback):
    """Add `callback(update_id)` to on_update_received once."""
    if callback not in on_update_received:
        on_update_received.append(callback)
    return callback


def register_flagged(callback):
    """Add `callback(item_id)` to on_safeguarding_flagged once."""
    if callback not in on_safeguarding_flagged:
        on_safeguarding_flagged.append(callback)
    return callback
