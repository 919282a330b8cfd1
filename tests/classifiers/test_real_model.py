"""The real encoder and the shipped sentiment model (slow: loads ~90 MB of weights)."""
import shutil

import pytest

from classifiers import encoder as encoder_module
from classifiers.encoder import DEFAULT_WEIGHTS_SHA256, EncoderIntegrityError, load_encoder

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_encoder():
    return load_encoder()


def test_shipped_sentiment_gets_obvious_texts_right(real_encoder):
    from classifiers.interface import predict_batch

    texts = ["The staff were wonderful and so kind, thank you.",
             "Nobody answered the phone for three days and the bins are still not collected. Disgraceful.",
             "The crew were fab. The call handler was rude and we waited four hours.",
             "Lovely staff, but the wait was awful."]
    predictions = predict_batch(texts, encoder=real_encoder)
    assert [p.sentiment for p in predictions] == ["positive", "negative", "neutral", "neutral"]
    assert [s.label for s in predictions[2].sentences] == ["positive", "negative"]
    assert [s.label for s in predictions[3].sentences] == ["positive", "negative"]
    assert predictions[0].model_version.startswith("all-MiniLM-L6-v2@53aa5117/sentiment-")


def test_tampered_weights_are_refused(tmp_path, monkeypatch):
    source = encoder_module.default_model_dir()
    copy = tmp_path / "model"
    shutil.copytree(source, copy)
    weights = copy / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0x01  # one flipped bit in the last weight
    weights.write_bytes(bytes(data))
    with pytest.raises(EncoderIntegrityError):
        load_encoder(copy, expected_sha256=DEFAULT_WEIGHTS_SHA256)
    monkeypatch.setattr(encoder_module, "default_model_dir", lambda: copy)
    with pytest.raises(EncoderIntegrityError):
        load_encoder()  # the pinned default, swapped on disk
