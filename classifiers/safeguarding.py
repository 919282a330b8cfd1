"""Safeguarding / vulnerability flag: errs on the side of flagging.

    assess(text) -> SafeguardingResult(flagged, reasons, evidence, score)

Curated patterns (classifiers.safeguarding_terms) run on normalised text: lower
case, straight apostrophes, hard-wrapped lines joined. A negated phrase ("I'm not
suicidal") still flags, with a lower score: an officer reads it either way.
Optionally, when an embedding of the text and prototype embeddings are given,
a text close in meaning to a reason's prototypes is flagged too, so phrasing the
patterns miss can still be caught once the encoder runs (assess_batch).

Pure: no database, no logging of the text.
"""
import functools
import re
from dataclasses import dataclass, field

import numpy as np

from classifiers import safeguarding_terms as terms

REASONS = terms.REASONS
STRONG_WEIGHT = 0.6
NEAR_WEIGHT = 0.45
ANYWHERE_WEIGHT = 0.35
# Cosine similarity of a whole text to a reason's prototype phrases. Measured with all-MiniLM-L6-v2
# on texts the patterns were not tuned on: 0.4 caught 22/40 risky texts and 3/103 ordinary complaints.
EMBEDDING_THRESHOLD = 0.4
SENTENCE_GAP = r"[^.!?\n]{0,120}?"
NEGATION = re.compile(r"\b(?:not|never|no|isn'?t|wasn'?t|aren'?t|don'?t|doesn'?t|didn'?t|nor)\s+(?:\w+\s+)?$")
MAX_EVIDENCE = 240


@dataclass(frozen=True)
class SafeguardingResult:
    flagged: bool
    reasons: list = field(default_factory=list)
    evidence: list = field(default_factory=list)
    score: float = 0.0

    def to_dict(self):
        return {"flagged": self.flagged, "reasons": list(self.reasons),
                "evidence": list(self.evidence), "score": self.score}


def normalise(text):
    """Lower-cased text with whitespace runs folded, plus a map back to `text`.

    A run holding two or more newlines (a paragraph break) becomes "\\n", which
    ends a sentence; any other run becomes one space. Returns (normalised,
    positions) where positions[i] is the index in `text` of normalised[i].
    """
    out, positions = [], []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            j = i
            while j < n and text[j].isspace():
                j += 1
            out.append("\n" if text.count("\n", i, j) >= 2 else " ")
            positions.append(i)
            i = j
            continue
        lowered = ch.lower()
        lowered = {"\u2019": "'", "\u2018": "'", "`": "'", "\u201c": '"', "\u201d": '"'}.get(lowered, lowered)
        for piece in lowered:  # lower() can lengthen a few characters
            out.append(piece)
            positions.append(i)
        i += 1
    return "".join(out), positions


@functools.cache
def _compiled():
    """[(reason, weight, compiled regex)]: strong patterns, then same-sentence pairs."""
    compiled = []
    for reason, patterns in terms.STRONG.items():
        compiled.extend((reason, STRONG_WEIGHT, re.compile(p)) for p in patterns)
    for reason, pairs in terms.NEAR.items():
        for who, what in pairs:
            a, b = rf"\b{who}\b", rf"\b{what}\b"
            near = rf"(?:{a}{SENTENCE_GAP}{b}|{b}{SENTENCE_GAP}{a})"
            compiled.append((reason, NEAR_WEIGHT, re.compile(near)))
    return compiled


@functools.cache
def _compiled_pairs():
    """[(reason, weight, who regex, what regex)]: both anywhere in the text."""
    return [(reason, ANYWHERE_WEIGHT, re.compile(rf"\b{who}\b"), re.compile(rf"\b{what}\b"))
            for reason, pairs in terms.ANYWHERE.items() for who, what in pairs]


def _sentence_around(text, norm, positions, start, end):
    """The original sentence holding norm[start:end], whitespace folded, trimmed."""
    left = max(norm.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (norm.find(c, end) for c in ".!?\n") if i != -1]
    right = min(rights) + 1 if rights else len(norm)
    lo = positions[left] if left < len(positions) else len(text)
    hi = positions[right - 1] + 1 if right - 1 < len(positions) else len(text)
    sentence = " ".join(text[lo:hi].split())
    if len(sentence) > MAX_EVIDENCE:
        centre = positions[start] - lo if start < len(positions) else 0
        begin = max(0, min(centre - MAX_EVIDENCE // 3, len(sentence) - MAX_EVIDENCE))
        sentence = ("…" if begin else "") + sentence[begin:begin + MAX_EVIDENCE].strip() + "…"
    return sentence


def _pattern_hits(text):
    """{reason: [(weight, evidence sentence)]} from the curated patterns."""
    norm, positions = normalise(text)
    hits = {}
    for reason, weight, regex in _compiled():
        for match in regex.finditer(norm):
            if NEGATION.search(norm[max(0, match.start() - 30):match.start()]):
                weight = weight / 2  # "not suicidal" still flags, just less strongly
            evidence = _sentence_around(text, norm, positions, match.start(), match.end())
            hits.setdefault(reason, []).append((weight, evidence))
            break  # one hit per pattern is enough
    for reason, weight, who, what in _compiled_pairs():
        if reason not in hits and who.search(norm) and (match := what.search(norm)):
            evidence = _sentence_around(text, norm, positions, match.start(), match.end())
            hits.setdefault(reason, []).append((weight, evidence))
    return hits


def _embedding_hits(embedding, prototypes, threshold):
    """{reason: similarity} for reasons whose prototypes are close to `embedding`."""
    if embedding is None or not prototypes:
        return {}
    vector = np.asarray(embedding, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(vector))
    if norm == 0.0 or not np.isfinite(norm):
        return {}
    vector = vector / norm
    close = {}
    for reason, matrix in prototypes.items():
        matrix = np.asarray(matrix, dtype=np.float32)
        if matrix.ndim != 2 or matrix.shape[1] != vector.shape[0] or not len(matrix):
            continue
        similarity = float(np.max(matrix @ vector))
        if similarity >= threshold:
            close[reason] = similarity
    return close


def assess(text, embedding=None, prototypes=None, threshold=EMBEDDING_THRESHOLD):
    """Assess one text. `embedding` (L2-normalised) and `prototypes` (from
    build_prototypes) are optional; without them only the patterns run."""
    text = text or ""
    hits = _pattern_hits(text)
    for reason, similarity in _embedding_hits(embedding, prototypes, threshold).items():
        snippet = " ".join(text.split())[:MAX_EVIDENCE]
        hits.setdefault(reason, []).append((0.5 * similarity, snippet))
    if not hits:
        return SafeguardingResult(flagged=False, reasons=[], evidence=[], score=0.0)
    reasons = [r for r in REASONS if r in hits]
    evidence, keep_going = [], 1.0
    for reason in reasons:
        for weight, snippet in hits[reason]:
            keep_going *= 1.0 - weight
            if snippet and snippet not in evidence:
                evidence.append(snippet)
    return SafeguardingResult(flagged=True, reasons=reasons, evidence=evidence,
                              score=round(1.0 - keep_going, 4))


def build_prototypes(encoder):
    """{reason: (k, d) array} of encoded prototype phrases, for assess()."""
    prototypes = {}
    for reason, phrases in terms.PROTOTYPES.items():
        prototypes[reason] = np.asarray(encoder.encode(list(phrases)), dtype=np.float32)
    return prototypes


def assess_batch(texts, encoder=None, prototypes=None, threshold=EMBEDDING_THRESHOLD):
    """Assess many texts; with an encoder, the embedding check runs as well."""
    texts = [t or "" for t in texts]
    if encoder is None or not texts:
        return [assess(t, prototypes=None) for t in texts]
    if prototypes is None:
        prototypes = build_prototypes(encoder)
    embeddings = np.asarray(encoder.encode(texts), dtype=np.float32)
    return [assess(t, e, prototypes, threshold) for t, e in zip(texts, embeddings)]
