"""Reliability tests: real huey consumers (killed with SIGKILL), a real SMTP server on loopback
that counts each message by its Message-ID, and the tiny encoder the learning tests use."""
import email.parser
import threading
from collections import Counter

import pytest

from tests.learning.conftest import tiny_champion, tiny_encoder_path, tiny_sentiment_bytes  # noqa: F401
from tests.smtp import serving

MAIL_FROM = "feedback@testshire.gov.uk"


class MessageCounter:
    """An aiosmtpd handler counting every message the server accepted, by Message-ID."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ids = Counter()

    async def handle_DATA(self, server, session, envelope):
        headers = email.parser.BytesHeaderParser().parsebytes(envelope.original_content or b"")
        with self.lock:
            self.ids[(headers.get("Message-ID") or "").strip()] += 1
        return "250 Message accepted for delivery"

    def total(self):
        with self.lock:
            return sum(self.ids.values())

    def counts(self):
        with self.lock:
            return Counter(self.ids)


@pytest.fixture
def smtp_counter():
    with serving(MessageCounter()) as handler:
        yield handler


@pytest.fixture
def champion(app, monkeypatch, tiny_encoder_path, tiny_sentiment_bytes):  # noqa: F811
    """CLASSIFIER_ENCODER is the tiny encoder (for this process and the consumers it starts),
    with a sentiment champion trained for it; yields the encoder."""
    from app.learning import runtime

    yield tiny_champion(monkeypatch, tiny_encoder_path, tiny_sentiment_bytes)
    runtime.reset()
