"""A tiny random encoder (built once per run) so the real code paths run in seconds."""
import pytest


@pytest.fixture(scope="session")
def tiny_encoder_path(tmp_path_factory):
    from classifiers.testing import build_tiny_encoder

    return build_tiny_encoder(tmp_path_factory.mktemp("tiny-encoder"))


@pytest.fixture(scope="session")
def tiny_encoder(tiny_encoder_path):
    from classifiers.encoder import load_encoder

    return load_encoder(tiny_encoder_path, verify=False)


@pytest.fixture(scope="session")
def tiny_sentiment(tiny_encoder):
    from classifiers.testing import build_tiny_sentiment

    return build_tiny_sentiment(tiny_encoder)
