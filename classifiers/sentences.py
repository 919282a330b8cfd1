"""Sentence splitting and stopwords from NLTK, using only the data committed in classifiers/data.

Nothing is downloaded: the committed nltk_data folder is put first on NLTK's search path.
Feedback is often written as lines or bullet points, so line breaks also end a sentence.
"""
import re
from functools import lru_cache
from pathlib import Path

NLTK_DATA = Path(__file__).resolve().parent / "data" / "nltk_data"
_LINE_BREAKS = re.compile(r"\s*(?:\r?\n)+\s*")
_BULLET = re.compile(r"^\s*(?:[-*•·]+|\d+[.)])\s+")
MAX_SENTENCES = 40


def _use_committed_data():
    import nltk

    if str(NLTK_DATA) not in nltk.data.path:
        nltk.data.path.insert(0, str(NLTK_DATA))


@lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktTokenizer

    _use_committed_data()
    return PunktTokenizer("english")


def split_sentences(text, limit=MAX_SENTENCES):
    """The sentences of `text` (stripped, non-empty), at most `limit` (the rest joins the last)."""
    text = (text or "").strip()
    if not text:
        return []
    sentences = []
    for line in _LINE_BREAKS.split(text):
        line = _BULLET.sub("", line).strip()
        if line:
            sentences.extend(s.strip() for s in _punkt().tokenize(line) if s.strip())
    if len(sentences) > limit:
        sentences = sentences[:limit - 1] + [" ".join(sentences[limit - 1:])]
    return sentences


@lru_cache(maxsize=1)
def stopwords():
    """NLTK's English stopword list (a frozenset of lower-case words)."""
    path = NLTK_DATA / "corpora" / "stopwords" / "english"
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip())
