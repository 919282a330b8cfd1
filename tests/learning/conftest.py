"""Learning tests run the real code path on a tiny random encoder (CLASSIFIER_ENCODER), with a
sentiment champion trained for it (the shipped model expects all-MiniLM-L6-v2's vectors)."""
import pytest

from tests.factories import create_user

PASSWORD = "correct horse battery staple"


@pytest.fixture
def settings_overrides(settings_overrides):
    """New feedback is classified as in the running app (on the tiny encoder below)."""
    return dict(settings_overrides, intake_listeners=("classification",))

SENTIMENT_EXAMPLES = [
    ("Thank you, the staff were lovely and kind.", "positive"),
    ("Brilliant service, really helpful and friendly.", "positive"),
    ("Great job, thanks for the quick repair.", "positive"),
    ("Excellent, the crew were amazing.", "positive"),
    ("Awful service, rude staff and nobody called back.", "negative"),
    ("Terrible, I waited weeks and nothing happened.", "negative"),
    ("The pothole is still there and it is dangerous.", "negative"),
    ("Bad, slow and the website never works.", "negative"),
    ("I would like to know when the bins are collected.", "neutral"),
    ("Please send me the form for a parking permit.", "neutral"),
    ("The library opens at nine on Saturday.", "neutral"),
    ("Can you tell me about the council tax letter.", "neutral"),
]


@pytest.fixture(autouse=True)
def small_holdouts_may_promote(monkeypatch):
    """These tests label a few dozen items: let a challenger measured on a handful be promoted
    (tests/learning/test_loop.py checks the real minimum on its own)."""
    from app.learning import loop

    monkeypatch.setattr(loop, "MIN_HOLDOUT", 1)


@pytest.fixture(scope="session")
def tiny_encoder_path(tmp_path_factory):
    from classifiers.testing import build_tiny_encoder

    return build_tiny_encoder(tmp_path_factory.mktemp("encoder") / "tiny")


@pytest.fixture(scope="session")
def tiny_sentiment_bytes(tiny_encoder_path):
    from classifiers.encoder import load_encoder
    from classifiers.sentiment import SentimentModel

    encoder = load_encoder(str(tiny_encoder_path), verify=False)
    texts, labels = zip(*SENTIMENT_EXAMPLES)
    return SentimentModel.train(list(texts), list(labels), encoder).to_bytes()


def tiny_champion(monkeypatch, encoder_path, sentiment_bytes):
    """Point CLASSIFIER_ENCODER at the tiny encoder (for this process and any consumer it starts)
    and make a sentiment champion for it; returns the encoder."""
    from app.db import utcnow
    from app.learning import runtime
    from app.learning.models import ModelVersion

    monkeypatch.setenv("CLASSIFIER_ENCODER", str(encoder_path))
    runtime.reset()
    encoder = runtime.encoder()
    ModelVersion.create(task="sentiment", version="sentiment-1", blob=sentiment_bytes,
                        encoder_version=encoder.version, status="champion", promoted_at=utcnow(),
                        training_count=len(SENTIMENT_EXAMPLES), notes="Trained for the tiny test encoder")
    return encoder


@pytest.fixture(autouse=True)
def tiny_models(app, monkeypatch, tiny_encoder_path, tiny_sentiment_bytes):
    """CLASSIFIER_ENCODER points at the tiny encoder; a sentiment champion exists for it."""
    from app.learning import runtime

    yield tiny_champion(monkeypatch, tiny_encoder_path, tiny_sentiment_bytes)
    runtime.reset()


@pytest.fixture
def signed_in(app):
    """signed_in(role, services=()) -> (client, user)."""
    from tests.web import sign_in

    def make(role="complaints_officer", services=()):
        user = create_user(role=role, password=PASSWORD, services=services)
        client = app.test_client()
        assert sign_in(client, user.email, PASSWORD).status_code == 302
        return client, user

    return make
