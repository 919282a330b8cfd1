"""Build `sentiment-mixed.csv`: mixed comments ("X was great, but Y was not") composed from the
positive and negative comments of `sentiment-train.csv`, labelled neutral (mixed counts as neutral).

Real feedback has few mixed comments labelled as such: the Friends and Family Test's neutral rows
are mostly non-answers ("None", "Not sure"). A resident's mixed comment joins praise and a
complaint, so each row here joins one short positive comment (or its first sentence) with one short
negative one, in either order, with the joins residents use ("but", "however", "although", a plain
full stop). Only `sentiment-train.csv` is read: the hold-out never feeds a composed row.

    python -m classifiers.data.make_mixed [--rows 1500] [--seed 13]
"""
import argparse
import csv
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE, TARGET = HERE / "sentiment-train.csv", HERE / "sentiment-mixed.csv"
MIN_WORDS, MAX_WORDS = 3, 28
# {p}/{n}: the positive/negative part as a sentence; {pl}/{nl}: the same starting lower-case.
JOINS = (
    "{p_bare}, but {nl}", "{p_bare} but {nl}", "{p} However, {nl}", "{p} However {nl}",
    "{p} {n}", "{n} {p}", "{n_bare}, although {pl}", "Although {pl_bare}, {nl}",
    "{p} The only thing is {nl}", "{p} Sadly {nl}", "{n} On the other hand, {pl}",
    "{p_bare}, however {nl}", "{n} Having said that, {pl}", "{p_bare} - {nl}", "{p} But {nl}",
    "{n} But {pl}", "{p_bare} though {nl}", "{n_bare}, otherwise {pl}",
)
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(\s|$)")


def _part(text):
    """A comment's first sentence when short enough, tidied; None when unusable."""
    text = " ".join(text.split())
    found = _FIRST_SENTENCE.match(text)
    sentence = found.group(1) if found else text
    words = sentence.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or not any(c.isalpha() for c in sentence):
        return None
    if sentence[-1] not in ".!?":
        sentence += "."
    return sentence[0].upper() + sentence[1:]


def _forms(sentence, key):
    bare = sentence.rstrip(".!? ")
    lower = sentence[0].lower() + sentence[1:] if not sentence[:2].isupper() else sentence
    return {key: sentence, f"{key}_bare": bare, f"{key}l": lower,
            f"{key}l_bare": lower.rstrip(".!? ")}


def compose(positives, negatives, rows, seed):
    rng = random.Random(seed)
    seen, out = set(), []
    while len(out) < rows:
        p, n, join = rng.choice(positives), rng.choice(negatives), rng.choice(JOINS)
        text = join.format(**_forms(p, "p"), **_forms(n, "n"))
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    with open(SOURCE, encoding="utf-8", newline="") as handle:
        labelled = [(row["text"], row["label"]) for row in csv.DictReader(handle)]
    parts = {"positive": [], "negative": []}
    for text, label in labelled:
        part = _part(text) if label in parts else None
        if part:
            parts[label].append(part)
    positives, negatives = (sorted(set(parts[k])) for k in ("positive", "negative"))
    texts = compose(positives, negatives, args.rows, args.seed)
    with open(TARGET, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows((text, "neutral") for text in texts)
    print(f"wrote {len(texts)} mixed comments from {len(positives)} positive and "
          f"{len(negatives)} negative parts to {TARGET.name}")


if __name__ == "__main__":
    main()
