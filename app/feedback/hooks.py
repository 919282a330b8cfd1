"""Things other packages want done once new feedback is committed.

`record_feedback` calls every callable in `on_feedback_recorded` with the new item's id,
after the transaction commits (so a task it enqueues can see the row). Packages register
when imported (app.learning.tasks registers classification), so feedback never imports them.
"""
on_feedback_recorded = []


def register(callback):
    """Add `callback(item_id)` once (importing a module twice must not register it twice)."""
    if callback not in on_feedback_recorded:
        on_feedback_recorded.append(callback)
    return callback
