"""Email tests: a real SMTP server (aiosmtpd) on a random loopback port.

A test that asks for `smtp_server` gets an app whose MAIL_BACKEND is smtp and points at
it; a test that asks for `dead_smtp_port` gets an app pointing at a port nobody listens on.
"""
import pytest

from tests.smtp import free_port, serving


class Collector:
    """An aiosmtpd handler that keeps every envelope; `refuse` makes RCPT answer 550."""

    def __init__(self):
        self.envelopes = []
        self.refuse = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        import email
        from email.policy import default

        return [email.message_from_bytes(e.original_content, policy=default) for e in self.envelopes]


@pytest.fixture
def smtp_server():
    with serving(Collector()) as handler:
        yield handler


@pytest.fixture
def dead_smtp_port():
    return free_port()  # closed again: connecting is refused


@pytest.fixture
def settings_overrides(settings_overrides, request):
    overrides = dict(settings_overrides, mail_from="feedback@testshire.gov.uk",
                     base_url="https://feedback.testshire.gov.uk", council_colour="#005ea5")
    if "smtp_server" in request.fixturenames:
        port = request.getfixturevalue("smtp_server").port
        overrides.update(mail_backend="smtp", smtp_host="127.0.0.1", smtp_port=port, smtp_timeout=5)
    elif "dead_smtp_port" in request.fixturenames:
        port = request.getfixturevalue("dead_smtp_port")
        overrides.update(mail_backend="smtp", smtp_host="127.0.0.1", smtp_port=port, smtp_timeout=2)
    return overrides


ACK = {"reference": "HRD-2026-000123", "kind": "complaint", "name": "Sam", "service": "Highways"}


@pytest.fixture
def queue(app):
    """queue_email with sensible defaults for tests, each call in its own app context
    (one held open for the whole test would share `g`, and so a signed-in user, with requests)."""
    from app.mail.services import queue_email

    def make(to="resident@example.com", template="acknowledgement", context=None, key=None,
             **kwargs):
        with app.app_context():
            return queue_email(to, template, context or dict(ACK),
                               idempotency_key=key or f"test:{template}:{to}", **kwargs)

    return make
