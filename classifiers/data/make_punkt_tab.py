"""Rebuild nltk_data/tokenizers/punkt_tab/english (run once; the output is committed).

The abbreviations, collocations and sentence starters are NLTK's English Punkt parameters
(punkt_seed/, Apache-2.0, from nltk_data); the orthographic context (which words are usually
capitalised, which usually lower-case) is learned by NLTK's PunktTrainer from the feedback texts
in this folder, so it fits the language residents use and stays small. Also adds the few
abbreviations UK feedback uses that the news-trained list lacks.

    .venv/bin/python -m classifiers.data.make_punkt_tab
"""
import csv
from pathlib import Path

from nltk.tokenize.punkt import PunktTrainer

HERE = Path(__file__).resolve().parent
OUT = HERE / "nltk_data" / "tokenizers" / "punkt_tab" / "english"
EXTRA_ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "st", "etc", "e.g", "i.e", "approx", "no", "tel", "nhs.uk"}


def _texts():
    for name, column in (("fft-v6.csv", "text"), ("fft-phase1.csv", "text")):
        with open(HERE / name, encoding="utf-8", newline="") as handle:
            yield from (row[column] for row in csv.DictReader(handle) if row[column].strip())


def _lines(path):
    return [line.rstrip("\n") for line in open(path, encoding="utf-8") if line.strip()]


def build():
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = False
    trainer.train("\n\n".join(_texts()), finalize=True)
    learned = trainer.get_params()
    abbreviations = set(_lines(HERE / "punkt_seed" / "abbrev_types.txt")) | EXTRA_ABBREVIATIONS
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "abbrev_types.txt").write_text("\n".join(sorted(abbreviations)) + "\n", encoding="utf-8")
    starters = set(_lines(HERE / "punkt_seed" / "sent_starters.txt"))
    (OUT / "sent_starters.txt").write_text("\n".join(sorted(starters)) + "\n", encoding="utf-8")
    collocations = _lines(HERE / "punkt_seed" / "collocations.tab")
    (OUT / "collocations.tab").write_text("\n".join(sorted(collocations)) + "\n", encoding="utf-8")
    ortho = sorted(learned.ortho_context.items())
    (OUT / "ortho_context.tab").write_text("".join(f"{w}\t{f}\n" for w, f in ortho), encoding="utf-8")
    return OUT


if __name__ == "__main__":
    print(build())
