"""Encoder speed: our pass (length-sorted batches + bf16 autocast) against a naive fp32 pass
(input order, fixed batches, no autocast) of the same encoder over the same texts, in one run,
with the shipped sentiment model's macro-F1 on the hold-out set from each pass's embeddings.

Not collected by pytest (the file name does not start with test_). Run:

    .venv/bin/python tests/benchmarks/bench_encoder.py [--texts 1200] [--precision bf16]
"""
import argparse
import csv
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


def timed_pass(encoder, texts, precision, sort_by_length, batch_size=32):
    started = time.perf_counter()
    embeddings = encoder.encode(texts, batch_size=batch_size, sort_by_length=sort_by_length,
                                precision=precision)
    return embeddings, time.perf_counter() - started


def macro_f1(encoder, model, holdout, embeddings, precision):
    from classifiers.metrics import score

    encoder.precision = precision  # the sentence-level pass uses the same precision
    predicted = [r.label for r in model.predict([t for t, _ in holdout], encoder,
                                                embeddings=embeddings)]
    return score([label for _, label in holdout], predicted,
                 labels=["negative", "neutral", "positive"]).macro_f1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=1200, help="texts per pass (hold-out included)")
    parser.add_argument("--precision", default="bf16", choices=["fp32", "bf16"])
    args = parser.parse_args(argv)

    import torch

    from classifiers.encoder import load_encoder
    from classifiers.sentiment import load_shipped_sentiment

    holdout = read("sentiment-holdout.csv")
    extra = read("sentiment-train.csv")
    random.Random(0).shuffle(extra)
    texts = [t for t, _ in holdout] + [t for t, _ in extra[:max(0, args.texts - len(holdout))]]
    encoder, model = load_encoder(), load_shipped_sentiment()
    encoder.encode(texts[:16])  # warm up
    print(f"{len(texts)} texts, {torch.get_num_threads()} threads, encoder {encoder.version}")
    naive, naive_s = timed_pass(encoder, texts, "fp32", sort_by_length=False)
    ours, ours_s = timed_pass(encoder, texts, args.precision, sort_by_length=True)
    naive_f1 = macro_f1(encoder, model, holdout, naive[:len(holdout)], "fp32")
    ours_f1 = macro_f1(encoder, model, holdout, ours[:len(holdout)], args.precision)
    print(f"naive fp32 (input order, batch 32): {len(texts) / naive_s:7.1f} texts/s  "
          f"macro-F1 {naive_f1:.4f}")
    print(f"ours (sorted, {args.precision}):          {len(texts) / ours_s:7.1f} texts/s  "
          f"macro-F1 {ours_f1:.4f}")
    print(f"speed-up {naive_s / ours_s:.2f}x; macro-F1 difference {ours_f1 - naive_f1:+.4f}")


if __name__ == "__main__":
    main()
