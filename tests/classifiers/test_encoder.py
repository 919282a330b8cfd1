import numpy as np
import pytest

from classifiers.encoder import (EncoderIntegrityError, EncoderNotFound, file_sha256, load_encoder)
from classifiers.settings import SettingsError, encoder_setting, precision_setting


def test_embeddings_are_normalised_float32_in_input_order(tiny_encoder):
    texts = ["a much longer text about the potholes on the road by the school and the park",
             "short", "", "medium text about bins"]
    for precision, tolerance in (("fp32", 1e-5), ("int8", 1e-3)):  # int8 scales per batch
        sorted_batches = tiny_encoder.encode(texts, batch_size=2, precision=precision)
        one_by_one = np.vstack([tiny_encoder.encode([t], precision=precision) for t in texts])
        assert sorted_batches.dtype == np.float32 and sorted_batches.shape == (4, tiny_encoder.dim)
        assert np.allclose(np.linalg.norm(sorted_batches, axis=1), 1.0, atol=1e-5)
        assert np.allclose(sorted_batches, one_by_one, atol=tolerance)
    assert tiny_encoder.encode([]).shape == (0, tiny_encoder.dim)


def test_long_texts_are_truncated_and_bf16_is_close(tiny_encoder):
    long_text = "waiting " * 2000
    assert len(tiny_encoder.tokenize([long_text])[0]) == 256
    fp32 = tiny_encoder.encode([long_text, "thank you"])
    bf16 = tiny_encoder.encode([long_text, "thank you"], precision="bf16")
    assert np.all(np.sum(fp32 * bf16, axis=1) > 0.98)


def test_version_names_the_model_and_its_weights(tiny_encoder, tiny_encoder_path):
    digest = file_sha256(tiny_encoder_path / "model.safetensors")
    assert tiny_encoder.version == f"{tiny_encoder_path.name}@{digest[:8]}"


def test_an_expected_hash_is_checked_before_loading(tiny_encoder_path):
    with pytest.raises(EncoderIntegrityError):
        load_encoder(tiny_encoder_path, expected_sha256="0" * 64)
    digest = file_sha256(tiny_encoder_path / "model.safetensors")
    assert load_encoder(tiny_encoder_path, expected_sha256=digest).dim == 32


def test_missing_directories_are_reported(tmp_path):
    with pytest.raises(EncoderNotFound):
        load_encoder(str(tmp_path / "nowhere"))
    with pytest.raises(EncoderNotFound):
        load_encoder(str(tmp_path))  # a directory without weights


def test_settings_come_from_the_environment(tiny_encoder_path, monkeypatch):
    assert encoder_setting({}) is None and precision_setting({}) == "int8"
    assert precision_setting({"CLASSIFIER_PRECISION": " ONNX "}) == "onnx"
    assert precision_setting({"CLASSIFIER_PRECISION": "BF16"}) == "bf16"
    with pytest.raises(SettingsError):
        precision_setting({"CLASSIFIER_PRECISION": "int4"})
    monkeypatch.setenv("CLASSIFIER_ENCODER", str(tiny_encoder_path))
    monkeypatch.setenv("CLASSIFIER_PRECISION", "bf16")
    encoder = load_encoder(verify=False)
    assert encoder.dim == 32 and encoder.precision == "bf16"
