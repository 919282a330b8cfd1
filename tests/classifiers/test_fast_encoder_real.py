"""The real encoder's int8 path (the default) against fp32: what officers see must not change
beyond a few borderline texts (slow: loads ~90 MB and builds two ONNX graphs once per run).

Measured (MODEL_CARD.md, "Speed"): sentiment macro-F1 0.7239 fp32 / 0.7133 int8 on the NHS
hold-out, 0.7584 / 0.7607 and 0.7793 / 0.7935 on two demo-council sets; topics equal or better;
safeguarding flags identical on 2,091 texts (the fp32 re-check near the line)."""
from pathlib import Path

import numpy as np
import pytest

from classifiers.encoder import load_encoder
from classifiers.evaluation import read_labelled_csv
from classifiers.metrics import score
from classifiers.safeguarding import assess_batch
from classifiers.safeguarding_head import load_shipped
from classifiers.sentiment import load_shipped_sentiment

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
LABELS = ["negative", "neutral", "positive"]


@pytest.fixture(scope="module")
def encoder():
    return load_encoder()


def labels_at(model, encoder, texts, precision):
    kept, encoder.precision = encoder.precision, precision
    try:
        return [r.label for r in model.predict(texts, encoder)]
    finally:
        encoder.precision = kept


def test_the_default_runs_int8_for_the_base_and_the_fine_tuned_encoder(encoder):
    tuned = load_shipped_sentiment().encoder_for(encoder)
    assert encoder.runs_as == "int8" and tuned.runs_as == "int8"
    texts = ["The bins were missed again.", "Thank you, the library staff were lovely."]
    for one in (encoder, tuned):
        cosine = (one.encode(texts) * one.encode(texts, precision="fp32")).sum(axis=1)
        assert cosine.min() > 0.95


def test_sentiment_at_int8_agrees_with_fp32(encoder):
    model = load_shipped_sentiment()
    test = read_labelled_csv(ROOT / "classifiers" / "data" / "sentiment-holdout.csv", "sentiment")
    fp32 = labels_at(model, encoder, test.texts, "fp32")
    int8 = labels_at(model, encoder, test.texts, "int8")
    agreement = np.mean([a == b for a, b in zip(fp32, int8)])
    difference = score(test.labels, int8, labels=LABELS).macro_f1 - score(test.labels, fp32, labels=LABELS).macro_f1
    print(f"sentiment hold-out: {agreement:.3f} of labels agree; macro-F1 int8 - fp32 {difference:+.4f}")
    assert agreement >= 0.95 and abs(difference) <= 0.02


def test_safeguarding_flags_at_int8_are_the_fp32_flags(encoder):
    head = load_shipped()
    test = read_labelled_csv(ROOT / "tests" / "classifiers" / "data" / "safeguarding-holdout3.csv", "safeguarding")
    at_int8 = [r.flagged for r in assess_batch(test.texts, encoder=encoder, head=head)]
    kept, encoder.precision = encoder.precision, "fp32"
    try:
        at_fp32 = [r.flagged for r in assess_batch(test.texts, encoder=encoder, head=head)]
    finally:
        encoder.precision = kept
    assert at_int8 == at_fp32
