"""Build `sentiment-mixed.csv`: comments composed from two short comments of `sentiment-train.csv`:
mixed ones ("X was great, but Y was not"), labelled neutral (mixed counts as neutral), and as many
two-part positive (praise + praise) and negative (complaint + complaint) ones, so that length
and a second sentence never tell the model "mixed" by themselves.

Real feedback has few mixed comments labelled as such: the Friends and Family Test's neutral rows
are mostly non-answers ("None", "Not sure"). A resident's mixed comment joins praise and a
complaint, so each row here joins one short positive comment (or its first sentence) with one short
negative one, in either order, with the joins residents use ("but", "however", "although", a plain
full stop). Only `sentiment-train.csv` is read: the hold-out never feeds a composed row.

    python -m classifiers.data.make_mixed [--rows 1000] [--same 500] [--seed 13]
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
    # No contrast word at all: "The crew were fab. The call handler was rude."
    "{p_bare}, {nl}", "{n_bare}, {pl}", "{p} {n}", "{n} {p}", "{p_bare}; {nl}", "{p_bare} and {nl}",
    "{n_bare} and {pl}", "{p} {n}", "{p_bare}, {nl}",
)
# Two parts of the same polarity, joined without a contrast.
SAME_JOINS = ("{a} {b}", "{a_bare}, and {bl}", "{a} Also {bl}", "{a} Also, {bl}", "{a_bare} and {bl}",
              "{a} And {bl}", "{a} On top of that, {bl}", "{a_bare} - {bl}", "{a} As well as that, {bl}")
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


def compose(first, second, joins, rows, seed, keys=("p", "n")):
    rng = random.Random(seed)
    seen, out = set(), []
    while len(out) < rows:
        a, b, join = rng.choice(first), rng.choice(second), rng.choice(joins)
        if a == b:
            continue
        text = join.format(**_forms(a, keys[0]), **_forms(b, keys[1]))
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000, help="mixed comments")
    parser.add_argument("--same", type=int, default=500, help="two-part comments of each polarity")
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
    rows = [(text, "neutral") for text in compose(positives, negatives, JOINS, args.rows, args.seed)]
    for offset, (label, parts) in enumerate((("positive", positives), ("negative", negatives)), start=1):
        rows += [(text, label) for text in compose(parts, parts, SAME_JOINS, args.same, args.seed + offset,
                                                  keys=("a", "b"))]
    with open(TARGET, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(rows)
    print(f"wrote {args.rows} mixed and {2 * args.same} two-part single-polarity comments from {len(positives)} positive and "
          f"{len(negatives)} negative parts to {TARGET.name}")


if __name__ == "__main__":
    main()
