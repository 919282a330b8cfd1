"""Email out: an outbox row per message, rendered at queue time, sent by a named task.

    from app.mail.services import queue_email
    queue_email(to=..., template="acknowledgement", context={...}, idempotency_key="ack:feedback:1")

The row is created inside the caller's transaction and `mail.send` is enqueued after
commit; a retried task never mails anyone twice (see app.mail.sending).
"""

_registered = {}


def remember(app):
    """Called when the mail blueprint is registered, so tasks outside an app context
    (the huey consumer) can read the settings of the app the worker built."""
    _registered["app"] = app


def app_in_use():
    from flask import current_app, has_app_context

    if has_app_context():
        return current_app._get_current_object()
    return _registered.get("app")


def settings_in_use():
    app = app_in_use()
    if app is not None:
        return app.config["HEARD"]
    from app.config import Settings

    return Settings.from_env()
