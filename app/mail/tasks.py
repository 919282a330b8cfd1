"""The named task that sends one outbox row, and the sweep that finds lost ones."""
from app.mail import sending
from app.queue import db_task, register_sweep, settings


@db_task("mail.send")
def send(message_id):
    """Safe to run twice: a sent row is skipped, a row another worker holds is skipped."""
    outcome, delay = sending.send_now(message_id, settings())
    if outcome == "retry":
        send.schedule(args=(message_id,), delay=delay)
    return outcome


register_sweep("mail.send", sending.sweep_ids, send, at_start=sending.sweep_ids_at_start)
