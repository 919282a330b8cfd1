"""The huey consumer's entry point.

    huey_consumer app.worker.huey -w 2

Builds the app, which configures the database and the queue from the environment, hands
the queue the app every task runs in (app.queue.app_context), imports every tasks module
and connects the intake listeners (app.wiring): the same wiring as the web process.

When the consumer starts, its first worker thread sweeps (app.queue.sweep_on_start): work a
crashed consumer left unfinished is re-enqueued ahead of the queue, and its claims and
outbox leases count as lapsed at once (app.claims.leases: their process is gone), so work
resumes within seconds of a restart rather than after the next periodic sweep.
"""
from app import create_app
from app.queue import huey  # noqa: F401  (the consumer looks for app.worker.huey)

application = create_app()
