"""Reliability tests: real huey consumers (killed with SIGKILL), a real SMTP server on loopback
that counts each message by its Message-ID, and the tiny encoder the learning tests use."""
import email.parser
import socket
import threading
from collections import Counter

import pytest

from tests.learning.conftest import tiny_encoder_path, tiny_sentiment_bytes  # noqa: F401 (fixtures)

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


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_counter():
    from aiosmtpd.controller import Controller

    handler = MessageCounter()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def champion(app, monkeypatch, tiny_encoder_path, tiny_sentiment_bytes):  # noqa: F811
    """CLASSIFIER_ENCODER is the tiny encoder (for this process and the consumers it starts),
    with a sentiment champion trained for it; yields the encoder."""
    from app.db import utcnow
    from app.learning import runtime
    from app.learning.models import ModelVersion
    from tests.learning.conftest import SENTIMENT_EXAMPLES

    monkeypatch.setenv("CLASSIFIER_ENCODER", str(tiny_encoder_path))
    runtime.reset()
    encoder = runtime.encoder()
    ModelVersion.create(task="sentiment", version="sentiment-1", blob=tiny_sentiment_bytes,
                        encoder_version=encoder.version, status="champion", promoted_at=utcnow(),
                        training_count=len(SENTIMENT_EXAMPLES), notes="Trained for the tiny test encoder")
    yield encoder
    runtime.reset()
