"""Encoder speed: our pass (length-sorted batches at the configured precision, int8 ONNX
Runtime by default) against a naive fp32 pass (input order, batch 32, torch, no autocast) of
the same encoder over the same texts, in one run, the naive pass before and after ours.

Three kinds of text: the demo council's feedback (mixed lengths: one-line survey answers to
letters), NHS comments, and short texts of nearly one length (where sorting cannot help).
Then the fine-tuned shipped sentiment encoder the same way, and the sentiment model's macro-F1
on its hold-out with fp32 embeddings and with ours.

Not collected by pytest (the file name does not start with test_). Run:

    .venv/bin/python tests/benchmarks/bench_encoder.py [--texts 1200] [--precision int8]
"""
import argparse
import csv
import datetime
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "classifiers" / "data"


def read(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return [(row["text"], row["label"]) for row in csv.DictReader(handle)]


def text_sets(size):
    from app.demo.generate import generate

    rng = random.Random(0)
    council = [item["text"] for seed in (1, 2, 3)
               for item in generate(today=datetime.date(2026, 12, 1), seed=seed)["items"] if item["text"]]
    comments = [t for t, _ in read("sentiment-holdout.csv") + read("sentiment-train.csv")]
    short = [t for t in comments if 6 <= len(t.split()) <= 9]
    sets = {}
    for name, texts in (("council feedback", council), ("NHS comments", comments), ("short, one length", short)):
        texts = list(texts)
        rng.shuffle(texts)
        sets[name] = texts[:size]
    return sets


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def compare(name, reference, ours, texts):
    """Naive fp32 on `reference`, our pass on `ours`, naive again; prints and returns the ratio."""
    naive_before = timed(lambda: reference.encode(texts, sort_by_length=False, precision="fp32"))
    fast = timed(lambda: ours.encode(texts))
    naive_after = timed(lambda: reference.encode(texts, sort_by_length=False, precision="fp32"))
    naive_s = (naive_before[1] + naive_after[1]) / 2
    cosine = (fast[0] * ours.encode(texts, precision="fp32")).sum(axis=1)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{name:<32} {len(texts):5d} texts, {words:5.1f} words | naive fp32 "
          f"{len(texts) / naive_before[1]:6.1f} / {len(texts) / naive_after[1]:6.1f} texts/s | ours "
          f"{len(texts) / fast[1]:6.1f} texts/s | {naive_s / fast[1]:5.2f}x | cosine to fp32 "
          f"mean {cosine.mean():.4f} min {cosine.min():.4f}")
    return naive_s / fast[1]


def sentiment_f1(model, encoder, rows, precision):
    from classifiers.metrics import score

    kept = encoder.precision
    encoder.precision = precision
    try:
        predicted = [r.label for r in model.predict([t for t, _ in rows], encoder)]
    finally:
        encoder.precision = kept
    return score([label for _, label in rows], predicted, labels=["negative", "neutral", "positive"]).macro_f1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=1200, help="texts per set")
    parser.add_argument("--precision", default=None, choices=["fp32", "bf16", "onnx", "int8"],
                        help="our pass's precision (default: CLASSIFIER_PRECISION, else int8)")
    args = parser.parse_args(argv)

    import torch

    import classifiers  # noqa: F401  (sets OMP_WAIT_POLICY before torch loads)
    from classifiers.encoder import load_encoder
    from classifiers.sentiment import load_shipped_sentiment

    sets = text_sets(args.texts)
    encoder = load_encoder(precision=args.precision)
    model = load_shipped_sentiment()
    tuned = model.encoder_for(encoder)
    print(f"{torch.get_num_threads()} threads; encoder {encoder.version}, our pass runs as "
          f"{encoder.runs_as}; fine-tuned sentiment encoder {tuned.version} runs as {tuned.runs_as}")
    for encoder_ in (encoder, tuned):
        encoder_.encode(sets["NHS comments"][:64])  # warm up both paths
        encoder_.encode(sets["NHS comments"][:64], precision="fp32")
    for name, texts in sets.items():
        compare(name, encoder, encoder, texts)
    compare("fine-tuned: council feedback", encoder, tuned, sets["council feedback"])
    holdout = read("sentiment-holdout.csv")
    fp32 = sentiment_f1(model, encoder, holdout, "fp32")
    ours = sentiment_f1(model, encoder, holdout, encoder.precision)
    print(f"sentiment macro-F1 on the hold-out ({len(holdout)} texts): fp32 {fp32:.4f}, "
          f"ours {ours:.4f} ({ours - fp32:+.4f})")


if __name__ == "__main__":
    main()
