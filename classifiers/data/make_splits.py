"""Rebuild the committed train / hold-out files from the FFT copies (deterministic; run once).

sentiment-holdout.csv  60 rows per sentiment from fft-v6.csv, never trained on
sentiment-train.csv    the other labelled fft-v6.csv rows, minus any text of 4+ words also in the
                       hold-out (short stock answers such as "Nothing." stay: they are common
                       and their usual label is knowledge about the population, not a leak)
topics-train.csv       fft-phase1.csv themes (one per comment) for the topic-learning check,
topics-test.csv        with 40 test rows per theme held out

    .venv/bin/python -m classifiers.data.make_splits
"""
import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SENTIMENTS = ("negative", "neutral", "positive")
HOLDOUT_PER_CLASS = 60
TOPIC_TEST_PER_THEME = 40
SEED = 0


def _read(name):
    with open(HERE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(name, rows):
    with open(HERE / name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["text", "label"])
        writer.writerows(rows)


def _key(text):
    return " ".join(text.lower().split())


def _split(rows, label_of, per_label):
    rng = random.Random(SEED)
    held = []
    for label in sorted({label_of(r) for r in rows}):
        members = [r for r in rows if label_of(r) == label]
        rng.shuffle(members)
        held += members[:per_label]
    held_keys = {_key(r["text"]) for r in held if len(r["text"].split()) >= 4}
    held_ids = {id(r) for r in held}
    rest = [r for r in rows if id(r) not in held_ids and _key(r["text"]) not in held_keys]
    return rest, held


def build():
    labelled = [r for r in _read("fft-v6.csv") if r["sentiment"] in SENTIMENTS and r["text"].strip()]
    train, holdout = _split(labelled, lambda r: r["sentiment"], HOLDOUT_PER_CLASS)
    _write("sentiment-train.csv", [(r["text"], r["sentiment"]) for r in train])
    _write("sentiment-holdout.csv", [(r["text"], r["sentiment"]) for r in holdout])
    themed = [r for r in _read("fft-phase1.csv") if r["text"].strip() and r["theme"].strip()]
    train, test = _split(themed, lambda r: r["theme"], TOPIC_TEST_PER_THEME)
    _write("topics-train.csv", [(r["text"], r["theme"]) for r in train])
    _write("topics-test.csv", [(r["text"], r["theme"]) for r in test])


if __name__ == "__main__":
    build()
