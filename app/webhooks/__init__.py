"""Webhooks: administrators subscribe a URL to events (feedback received and classified, case
opened, stage changed and closed, action done), and Heard POSTs each event there, signed.

The database is the source of truth, as an outbox:

- Events are read from rows committed with the change they report (app.webhooks.events): the
  audit log (feedback.received, case.opened, case.stage2_requested, case.closed,
  action.status_changed to done) and the classifier's Prediction rows (feedback classified).
  A cursor per source (WebhookCursor) remembers the last row turned into deliveries.
- The dispatcher turns each new row into one WebhookDelivery per matching active
  subscription (unique per subscription and source row, so running it twice adds nothing).
- The task `webhooks.deliver` (app.webhooks.tasks) claims a delivery by id, POSTs it
  (app.webhooks.sending), and records the answer; a failure is tried again with back-off
  (1 min, 5 min, 30 min, 2 h, 12 h), then the delivery is "failed" (an administrator can
  retry it by hand).
- A sweep (app.queue.register_sweep: every minute, and when a consumer starts) runs the
  dispatcher and enqueues every delivery that is due, so a worker killed mid-delivery is made
  good as soon as a consumer runs again.

Payloads carry ids, references and state, never residents' names, contact details or words.
"""
