"""Fine-tuning the encoder with LoRA adapters (on the tiny random encoder, so it runs in
seconds): reproducible, stored small, merged for inference, and every head kind works."""
import numpy as np
import pytest

from classifiers.testing import TINY_SENTIMENT
from classifiers.topics import Topic
from classifiers.tuned import TunedModel, is_tuned
from classifiers.tuning import Adapter, fine_tune, tuned_encoder

FAST = {"epochs": 2, "lr": 5e-3}
TEXTS, LABELS = zip(*(TINY_SENTIMENT * 6))
TAXONOMY = [Topic("bins", "Bins"), Topic("roads", "Roads"), Topic("parks", "Parks")]
TOPIC_TEXTS = ["bins never collected", "pothole on the road", "park dirty", "rubbish bin waste",
               "road repair slow", "park clean and safe"] * 6
TOPIC_LABELS = ["bins", "roads", "parks"] * 12


def test_fine_tuning_is_reproducible_and_moves_the_encoder(tiny_encoder):
    first = fine_tune(tiny_encoder, list(TEXTS), [0, 1, 2] * 18, 3, config=FAST)
    again = fine_tune(tiny_encoder, list(TEXTS), [0, 1, 2] * 18, 3, config=FAST)
    assert first.digest == again.digest
    assert first.meta["rows"] == len(TEXTS) and first.meta["steps"] == first.meta["planned_steps"]
    tuned = tuned_encoder(tiny_encoder, first)
    assert tuned.version.startswith(tiny_encoder.version + "+lora-")
    base, moved = tiny_encoder.encode(["lovely staff"]), tuned.encode(["lovely staff"])
    assert not np.allclose(base, moved)
    assert np.allclose(np.linalg.norm(moved, axis=1), 1.0, atol=1e-5)
    # the base encoder is untouched by training and merging
    assert np.allclose(tiny_encoder.encode(["lovely staff"]), base)


def test_an_adapter_is_small_and_survives_its_file(tiny_encoder):
    adapter = fine_tune(tiny_encoder, list(TEXTS), [0, 1, 2] * 18, 3, config=FAST)
    data = adapter.to_bytes()
    back = Adapter.from_bytes(data)
    assert back.digest == adapter.digest
    weights = sum(p.numel() for p in tiny_encoder.model.parameters())
    assert sum(a.size + b.size for a, b in back.weights.values()) < weights
    assert np.allclose(tuned_encoder(tiny_encoder, back).encode(["awful wait"]),
                       tuned_encoder(tiny_encoder, adapter).encode(["awful wait"]))


def test_merged_weights_give_what_the_adapters_gave_in_training(tiny_encoder):
    import copy

    import torch

    from classifiers.tuning import _inject, _pool

    adapter = fine_tune(tiny_encoder, list(TEXTS), [0, 1, 2] * 18, 3, config=FAST)
    model = copy.deepcopy(tiny_encoder.model)
    layers = _inject(model, adapter.config, torch.Generator().manual_seed(0))
    for name, layer in layers.items():
        a, b = adapter.weights[name]
        layer.lora_a.data, layer.lora_b.data = torch.from_numpy(a), torch.from_numpy(b)
    model.eval()
    ids = tiny_encoder.tokenize(["the crew were fab"])
    with torch.no_grad():
        pooled = torch.nn.functional.normalize(_pool(model, ids, tiny_encoder.pad_id), dim=1).numpy()
    merged = tuned_encoder(tiny_encoder, adapter).encode(["the crew were fab"], precision="fp32")
    assert np.allclose(pooled, merged, atol=1e-5)


@pytest.mark.parametrize("kind", ["sentiment", "service", "theme"])
def test_each_head_fine_tunes_and_loads_from_its_bytes(tiny_encoder, kind):
    if kind == "sentiment":
        model = TunedModel.train("sentiment", list(TEXTS), list(LABELS), tiny_encoder, tuning=FAST)
    else:
        labels = TOPIC_LABELS if kind == "service" else [[label] for label in TOPIC_LABELS]
        model = TunedModel.train(kind, TOPIC_TEXTS, labels, tiny_encoder, taxonomy=TAXONOMY, tuning=FAST)
    assert model.meta["method"] == "fine-tuned" and "-ft-" in model.version
    data = model.to_bytes()
    assert is_tuned(data)
    back = TunedModel.from_bytes(data, None if kind == "sentiment" else TAXONOMY)
    assert back.version == model.version
    texts = ["bins never collected", "lovely staff"]
    if kind == "sentiment":
        assert [r.label for r in back.predict(texts, tiny_encoder)] == \
            [r.label for r in model.predict(texts, tiny_encoder)]
    else:
        assert back.predict(texts, tiny_encoder) == model.predict(texts, tiny_encoder)
        assert back.keys == ["bins", "roads", "parks"]


def test_plain_model_files_are_not_taken_for_fine_tuned_ones(tiny_sentiment):
    assert not is_tuned(tiny_sentiment.to_bytes())
    assert not is_tuned(b"not a model at all")


def test_labels_outside_the_taxonomy_are_refused(tiny_encoder):
    with pytest.raises(ValueError, match="outside the taxonomy"):
        TunedModel.train("service", ["a road"], ["libraries"], tiny_encoder, taxonomy=TAXONOMY)


def test_topic_heads_fine_tune_only_with_enough_labels_per_area(monkeypatch):
    from classifiers.recipes import fine_tunes

    monkeypatch.delenv("CLASSIFIER_FINE_TUNE", raising=False)
    assert not fine_tunes("service", 20 * 13, 13)  # 20 per area: the frozen head
    assert fine_tunes("service", 1200, 13) and fine_tunes("theme", 600, 12)
    assert not fine_tunes("sentiment", 100) and fine_tunes("sentiment", 150)
    monkeypatch.setenv("CLASSIFIER_FINE_TUNE", "off")
    assert not fine_tunes("service", 1200, 13)
