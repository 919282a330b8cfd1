import io
import zipfile

import numpy as np
import pytest

from classifiers.sentiment import LABELS, SentimentModel
from classifiers.testing import TINY_SENTIMENT


def test_train_predict_and_round_trip(tiny_encoder, tiny_sentiment):
    texts = ["Lovely staff. Awful wait.", "thank you", "", None]
    results = tiny_sentiment.predict(texts, tiny_encoder)
    assert len(results) == 4
    for result in results:
        assert result.label in LABELS and 0.0 <= result.score <= 1.0
        assert set(result.probabilities) == set(LABELS)
        assert abs(sum(result.probabilities.values()) - 1.0) < 1e-3
    assert [s.text for s in results[0].sentences] == ["Lovely staff.", "Awful wait."]
    assert all(s.label in LABELS for s in results[0].sentences)
    assert results[2].sentences == []
    copy = SentimentModel.from_bytes(tiny_sentiment.to_bytes())
    assert copy.version == tiny_sentiment.version
    again = copy.predict(texts, tiny_encoder)
    assert [r.probabilities for r in again] == [r.probabilities for r in results]


def test_training_is_reproducible(tiny_encoder, tiny_sentiment):
    texts, labels = zip(*TINY_SENTIMENT)
    assert SentimentModel.train(list(texts), list(labels), tiny_encoder).version == tiny_sentiment.version


def test_model_files_hold_arrays_and_json_only(tiny_sentiment):
    with zipfile.ZipFile(io.BytesIO(tiny_sentiment.to_bytes())) as archive:
        assert sorted(archive.namelist()) == ["coef.npy", "header.npy", "intercept.npy"]
    with pytest.raises(ValueError):
        SentimentModel.from_bytes(b"not a model")


def test_confident_praise_and_criticism_in_one_text_is_neutral(tiny_sentiment):
    doc = np.array([0.1, 0.2, 0.7])
    sentences = np.array([[0.05, 0.1, 0.85], [0.9, 0.05, 0.05]])
    mixed = tiny_sentiment._combine(doc, ["Lovely staff.", "Awful wait."], sentences)
    assert mixed.label == "neutral" and [s.label for s in mixed.sentences] == ["positive", "negative"]
    plain = tiny_sentiment._combine(doc, ["Lovely staff.", "Quick too."], sentences[[0, 0]])
    assert plain.label == "positive"


def test_bad_training_labels_are_refused(tiny_encoder):
    with pytest.raises(ValueError, match="unknown"):
        SentimentModel.train(["a", "b"], ["positive", "angry"], tiny_encoder)
    with pytest.raises(ValueError, match="two"):
        SentimentModel.train(["a", "b"], ["positive", "positive"], tiny_encoder)


def test_two_classes_are_enough(tiny_encoder):
    model = SentimentModel.train(["great", "awful", "kind", "rude"],
                                 ["positive", "negative", "positive", "negative"], tiny_encoder)
    assert {r.label for r in model.predict(["great", "awful"], tiny_encoder)} <= {"positive", "negative"}


def test_without_the_mixed_rule_the_text_keeps_its_own_label(tiny_sentiment):
    from classifiers.sentiment import SentimentModel as Model

    model = Model(tiny_sentiment.coef, tiny_sentiment.intercept,
                  config={**tiny_sentiment.config, "mixed_rule": False, "mixed_threshold": 0.0})
    probs = np.array([[0.1, 0.1, 0.8]])
    result = model._combine(probs[0], ["Lovely staff.", "Awful wait."], np.array([[0.05, 0.05, 0.9], [0.9, 0.05, 0.05]]))
    assert result.label == "positive"  # the rule would have made it neutral
    assert [s.label for s in result.sentences] == ["positive", "negative"]  # evidence is kept


def test_a_calibrated_head_stores_the_temperature_fitted_out_of_fold(tiny_encoder):
    texts, labels = zip(*(TINY_SENTIMENT * 8))
    calibrated = SentimentModel.train(list(texts), list(labels), tiny_encoder, config={"calibrate": True})
    plain = SentimentModel.train(list(texts), list(labels), tiny_encoder)
    assert "temperature" not in plain.config and 0.25 <= calibrated.config["temperature"] <= 4.0
    embeddings = tiny_encoder.encode(["Lovely kind staff"])
    sharp = calibrated.probabilities(embeddings, ["Lovely kind staff"])[0]
    assert np.isclose(sharp.sum(), 1.0) and sharp.argmax() == plain.probabilities(embeddings, ["Lovely kind staff"])[0].argmax()
