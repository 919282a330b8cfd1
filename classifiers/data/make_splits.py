"""Rebuild the committed train / hold-out files from the FFT copies (deterministic; run once).

sentiment-holdout.csv  60 rows per sentiment from fft-v6.csv, never trained on
sentiment-train.csv    the other labelled fft-v6.csv rows, minus any text of 4+ words also in the
                       hold-out (short stock answers such as "Nothing." stay: they are common
                       and their usual label is knowledge about the population, not a leak)
topics-train.csv       fft-phase1.csv themes (one per comment) for the topic-learning check,
topics-test.csv        with 40 test rows per theme held out; topics-train20.csv: 20 of those
                       training rows per theme (the "20 labelled examples per topic" check)
topics-v6-*.csv        fft-v6 comments with exactly one topic, among its 12 commonest topics:
                       -test (up to 40 per topic, at most half of the topic's rows), -train20
                       (20 per topic) and -trainhalf (as many per topic as the test holds)

    .venv/bin/python -m classifiers.data.make_splits
"""
import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SENTIMENTS = ("negative", "neutral", "positive")
HOLDOUT_PER_CLASS = 60
TOPIC_TEST_PER_THEME = 40
TOPIC_EXAMPLES = 20
V6_TOPICS = 12
V6_NOT_TOPICS = {"Labelling not possible", "Not assigned"}
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
    _write("topics-train20.csv", _first_per_label(train, lambda r: r["theme"], TOPIC_EXAMPLES))
    _v6_topics()


def _first_per_label(rows, label_of, limit):
    rng, taken, out = random.Random(SEED), {}, []
    rows = list(rows)
    rng.shuffle(rows)
    for row in rows:
        label = label_of(row)
        limit_for = limit(label) if callable(limit) else limit
        if taken.get(label, 0) < limit_for:
            taken[label] = taken.get(label, 0) + 1
            out.append((row["text"], label))
    return out


def _v6_topics():
    single = [r for r in _read("fft-v6.csv") if len(r["text"].strip()) > 3 and r["topics"].strip()
              and ";" not in r["topics"] and r["topics"].strip() not in V6_NOT_TOPICS]
    counts = {}
    for r in single:
        counts[r["topics"].strip()] = counts.get(r["topics"].strip(), 0) + 1
    top = sorted(counts, key=lambda t: (-counts[t], t))[:V6_TOPICS]
    rows = {}
    for r in single:  # one row per distinct text
        if r["topics"].strip() in top:
            rows.setdefault(_key(r["text"]), {"text": r["text"].strip(), "label": r["topics"].strip()})
    rows = list(rows.values())
    rng, test, rest = random.Random(SEED), [], []
    for label in top:
        members = [r for r in rows if r["label"] == label]
        rng.shuffle(members)
        k = min(TOPIC_TEST_PER_THEME, len(members) // 2)
        test += members[:k]
        rest += members[k:]
    held = {}
    for r in test:
        held[r["label"]] = held.get(r["label"], 0) + 1
    _write("topics-v6-test.csv", [(r["text"], r["label"]) for r in test])
    _write("topics-v6-train20.csv", _first_per_label(rest, lambda r: r["label"], TOPIC_EXAMPLES))
    _write("topics-v6-trainhalf.csv", _first_per_label(rest, lambda r: r["label"], held.get))


if __name__ == "__main__":
    build()
