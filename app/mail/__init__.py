"""Email out: an outbox row per message, rendered at queue time, sent by a named task.

    from app.mail.services import queue_email
    queue_email(to=..., template="acknowledgement", context={...}, idempotency_key="ack:feedback:1")

The row is created inside the caller's transaction and `mail.send` is enqueued after
commit; a retried task never mails anyone twice (see app.mail.sending).
"""
