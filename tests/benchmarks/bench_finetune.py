"""Fine-tuning on this CPU: how long LoRA fine-tuning takes, and how fast the fine-tuned encoder
classifies against a naive fp32 pass of the base encoder over the same texts (input order,
batch 32, no autocast), measured in the same run, naive before and after ours.

Not collected by pytest. Run:

    .venv/bin/python tests/benchmarks/bench_finetune.py [--rows 1200] [--epochs 3] [--task topic]
        [--precision int8]

--task topic fine-tunes on the NHS comments' 12 commonest topics (classifiers/data/topics-v6-*),
--task sentiment on the shipped sentiment corpus (sentiment-train.csv + sentiment-mixed.csv).
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


def read(*names):
    rows = []
    for name in names:
        with open(DATA / name, encoding="utf-8", newline="") as handle:
            rows += [(row["text"], row["label"]) for row in csv.DictReader(handle)]
    return rows


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1200)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--task", choices=["topic", "sentiment"], default="topic")
    parser.add_argument("--precision", default=None, help="our pass's precision (default: setting)")
    args = parser.parse_args(argv)

    import torch

    import classifiers  # noqa: F401  (sets OMP_WAIT_POLICY before torch loads)
    from classifiers.encoder import load_encoder
    from classifiers.evaluation import topic_taxonomy
    from classifiers.tuned import TunedModel

    rng = random.Random(0)
    if args.task == "topic":
        rows = read("topics-v6-trainhalf.csv", "topics-v6-train20.csv", "topics-v6-test.csv")
    else:
        rows = read("sentiment-train.csv", "sentiment-mixed.csv")
    rng.shuffle(rows)
    rows = rows[:args.rows]
    texts, labels = [t for t, _ in rows], [label for _, label in rows]
    encoder = load_encoder()
    print(f"{len(rows)} rows, {args.epochs} epochs, {torch.get_num_threads()} threads, {encoder.version}")
    kind = "service" if args.task == "topic" else "sentiment"
    taxonomy = topic_taxonomy(labels) if kind == "service" else None
    model, seconds = timed(lambda: TunedModel.train(kind, texts, labels, encoder, taxonomy=taxonomy,
                                                    tuning={"epochs": args.epochs}))
    tuning = model.meta["fine_tuning"]
    print(f"fine-tuning {tuning['seconds']:.0f} s ({tuning['steps']} steps, "
          f"{tuning['rows'] * args.epochs / tuning['seconds']:.1f} rows/s); adapter and head "
          f"{len(model.to_bytes()) / 1e6:.2f} MB; all training {seconds:.0f} s")
    tuned = model.encoder_for(encoder)
    if args.precision:
        tuned.precision = args.precision
    sample = texts[:1200]
    tuned.encode(sample[:32])
    naive = []
    for _ in range(2):
        _, took = timed(lambda: encoder.encode(sample, batch_size=32, sort_by_length=False, precision="fp32"))
        naive.append(took)
        if len(naive) == 1:
            _, ours = timed(lambda: tuned.encode(sample))
    reference = sum(naive) / len(naive)
    print(f"naive fp32 pass of the base encoder: {len(sample) / reference:7.1f} texts/s "
          f"(runs {', '.join(f'{len(sample) / t:.1f}' for t in naive)})")
    print(f"fine-tuned encoder, our pass ({tuned.precision}): {len(sample) / ours:7.1f} texts/s")
    print(f"speed-up {reference / ours:.2f}x")


if __name__ == "__main__":
    main()
