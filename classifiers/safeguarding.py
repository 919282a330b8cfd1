"""Safeguarding flag: does a resident's text suggest someone is at risk?

    assess(text, embedding, head) -> SafeguardingResult(flagged, reasons, evidence, score, severity)

Two layers:
- curated patterns (classifiers.safeguarding_terms, classifiers.safeguarding_pairs) run on
  normalised text (lower case, straight apostrophes, hard-wrapped lines joined) and give
  evidence for each reason, with the sentence that matched;
- a trained head (classifiers.safeguarding_head: logistic regression on the text's embedding,
  the pattern evidence and its closeness to each reason's prototype phrases) gives a
  probability for the whole text and for each pair of adjacent sentences (a window that keeps
  some context), and the score is the highest;
  the text is flagged when it reaches the threshold (the shipped default, or the council's
  calibrated one), or half of it when a strong or same-sentence pattern matched.
A flag's reasons come only from pattern evidence; a flag with none (the head's reading of the
text alone) has the generic reason terms.CHECK at the lowest severity, never the nearest
prototype's reason ("Mentions self-harm" on a library-fines complaint would jump the queue).
Without an encoder (or with an encoder the head was not trained for) the patterns decide
alone: any strong or same-sentence match flags.

Each reason has a severity (safeguarding_terms.SEVERITY: 1 risk to life or to a child,
2 abuse or domestic violence, 3 homelessness, neglect or vulnerability); a flag's severity is
its most severe reason. Pure: no database, no logging of the text.
"""
import functools
import re
from dataclasses import dataclass, field

import numpy as np

from classifiers import safeguarding_frames as frames
from classifiers import safeguarding_pairs as pairs
from classifiers import safeguarding_terms as terms
from classifiers.safeguarding_validation import FIRM_FACTOR
from classifiers.sentences import split_sentences

REASONS = terms.REASONS
SEVERITY_WORDS = terms.SEVERITY_WORDS
LEVELS = ("strong", "near", "anywhere")
WEIGHTS = {"strong": 0.6, "near": 0.45, "anywhere": 0.35}
SENTENCE_GAP = r"[^.!?\n]{0,120}?"
NEGATION = re.compile(r"\b(?:not|never|no|isn'?t|wasn'?t|aren'?t|don'?t|doesn'?t|didn'?t|nor)\s+(?:\w+\s+)?$")
MAX_EVIDENCE = 240
N_PATTERN_FEATURES = len(REASONS) * len(LEVELS)
N_FEATURES = N_PATTERN_FEATURES + len(frames.FRAMES)
MAX_UNITS = 48
MIN_UNIT_WORDS = 5
WINDOW_FRAMES_FROM_TEXT = False
# Scores within this of the flagging line are decided again on fp32 (see _decided_at_fp32):
# the largest int8-against-fp32 score change measured was 0.084.
RECHECK_MARGIN = 0.12


@dataclass(frozen=True)
class SafeguardingResult:
    flagged: bool
    reasons: list = field(default_factory=list)
    evidence: list = field(default_factory=list)
    score: float = 0.0
    severity: int | None = None  # 1 (highest) to 3; None when not flagged

    def to_dict(self):
        return {"flagged": self.flagged, "reasons": list(self.reasons), "evidence": list(self.evidence),
                "score": self.score, "severity": self.severity}


def severity_of(reasons):
    """The most severe (lowest) severity among `reasons`; unknown reasons count as 3."""
    return min((terms.SEVERITY.get(reason, terms.VULNERABILITY) for reason in reasons), default=None)


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
    """[(reason, level, compiled regex)]: strong patterns, then same-sentence pairs."""
    compiled = []
    for reason, patterns in terms.STRONG.items():
        compiled.extend((reason, "strong", re.compile(p)) for p in patterns)
    for reason, near in pairs.NEAR.items():
        for who, what in near:
            a, b = rf"\b{who}\b", rf"\b{what}\b"
            compiled.append((reason, "near", re.compile(rf"(?:{a}{SENTENCE_GAP}{b}|{b}{SENTENCE_GAP}{a})")))
    return compiled


@functools.cache
def _compiled_anywhere():
    """[(reason, who regex, what regex)]: both anywhere in the text."""
    return [(reason, re.compile(rf"\b{who}\b"), re.compile(rf"\b{what}\b"))
            for reason, anywhere in pairs.ANYWHERE.items() for who, what in anywhere]


def _sentence_span(norm, start, end):
    """(left, right) of the normalised sentence holding norm[start:end]."""
    left = max(norm.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (norm.find(c, end) for c in ".!?\n") if i != -1]
    return left, (min(rights) + 1 if rights else len(norm))


def _sentence_around(text, norm, positions, start, end):
    """The original sentence holding norm[start:end], whitespace folded, trimmed."""
    left, right = _sentence_span(norm, start, end)
    lo = positions[left] if left < len(positions) else len(text)
    hi = positions[right - 1] + 1 if right - 1 < len(positions) else len(text)
    sentence = " ".join(text[lo:hi].split())
    if len(sentence) > MAX_EVIDENCE:
        centre = positions[start] - lo if start < len(positions) else 0
        begin = max(0, min(centre - MAX_EVIDENCE // 3, len(sentence) - MAX_EVIDENCE))
        sentence = ("…" if begin else "") + sentence[begin:begin + MAX_EVIDENCE].strip() + "…"
    return sentence


def _framed(norm, match):
    """Whether the match's sentence is policy talk, an idiom or an accident (safeguarding_frames)."""
    left, right = _sentence_span(norm, match.start(), match.end())
    return frames.discounts(norm[left:right])


def _first_match(regex, norm):
    """(match, framed): the first match outside a discounting frame, else the first match."""
    first = None
    for match in regex.finditer(norm):
        if not _framed(norm, match):
            return match, False
        first = first or match
    return first, first is not None


def pattern_hits(text):
    """{reason: [(level, weight, evidence sentence)]} from the curated patterns. A negated
    match ("I'm not suicidal") counts at half weight: an officer reads it either way. A match
    in a sentence of policy talk, an idiom or an accident (safeguarding_frames) counts as words
    anywhere at half weight: evidence to show, never firm."""
    norm, positions = normalise(text or "")
    hits = {}
    for reason, level, regex in _compiled():
        match, framed = _first_match(regex, norm)
        if match is None:
            continue
        weight = WEIGHTS[level]
        if NEGATION.search(norm[max(0, match.start() - 30):match.start()]) or framed:
            weight = weight / 2
        evidence = _sentence_around(text, norm, positions, match.start(), match.end())
        hits.setdefault(reason, []).append(("anywhere" if framed else level, weight, evidence))
    for reason, who, what in _compiled_anywhere():
        if reason not in hits and who.search(norm) and (match := what.search(norm)):
            evidence = _sentence_around(text, norm, positions, match.start(), match.end())
            hits.setdefault(reason, []).append(("anywhere", WEIGHTS["anywhere"], evidence))
    return hits


def pattern_features(hits, text=None):
    """The evidence as a vector for the head: per reason and level, the strongest weight seen
    (0 when none), scaled so a plain strong match is 1; then, given the text, one value per
    frame (safeguarding_frames.FRAMES: negative evidence)."""
    vector = np.zeros(N_FEATURES, dtype=np.float32)
    for r, reason in enumerate(REASONS):
        for level, weight, _ in hits.get(reason, ()):
            at = r * len(LEVELS) + LEVELS.index(level)
            vector[at] = max(vector[at], weight / WEIGHTS["strong"])
    if text is not None:
        vector[N_PATTERN_FEATURES:] = frames.frame_features(normalise(text)[0])
    return vector


def firm_evidence(hits):
    """Whether any strong or same-sentence pattern matched (not just words anywhere)."""
    return any(level != "anywhere" for found in hits.values() for level, _, _ in found)


def _pattern_score(hits):
    keep_going = 1.0
    for found in hits.values():
        for _, weight, _ in found:
            keep_going *= 1.0 - weight
    return round(1.0 - keep_going, 4)


@functools.cache
def _adult_child_words():
    return re.compile(rf"\b{terms.ELDER_WORD}\b"), re.compile(rf"\b{terms.YOUNG_WORD}\b")


def _about_an_adult_child(text):
    """"Her son" beside an elderly mother is a grown man: the text names an elderly person
    and no one who is certainly a child."""
    elder, young = _adult_child_words()
    norm = normalise(text)[0]
    return bool(elder.search(norm)) and not young.search(norm)


def _reasons(hits, text=""):
    """Reasons to show, most severe first: those with strong or same-sentence evidence, else
    any evidence, else none (the caller then gives terms.CHECK: a flag that rests on meaning
    alone never borrows a specific, more severe reason from the nearest prototype). "Risk to a child"
    is left out when the only child is an elderly person's son or daughter and another reason
    explains the flag (it changes the severity, never whether the text is flagged)."""
    firm = [r for r in REASONS if any(level != "anywhere" for level, _, _ in hits.get(r, ()))]
    found = firm or [r for r in REASONS if r in hits]
    if terms.CHILD in found and len(found) > 1 and _about_an_adult_child(text):
        found.remove(terms.CHILD)
    return sorted(found, key=lambda r: (terms.SEVERITY[r], REASONS.index(r)))


def assess(text, embedding=None, head=None, threshold=None, units=None):
    """Assess one text. With `head` (a SafeguardingHead) and the text's `embedding` from the
    encoder the head was trained on (and its sentences' embeddings, `units`, see encode_units),
    the head decides at `threshold` (default: the head's own); otherwise the patterns decide."""
    text = text or ""
    hits = pattern_hits(text)
    usable = head is not None and embedding is not None and head.accepts(embedding)
    if usable:
        score = head.probability(embedding, pattern_features(hits, text), units, windows_of(text, units))
        flagged = head.decide(score, firm_evidence(hits), head.threshold if threshold is None else threshold)
    else:
        score = _pattern_score(hits)
        flagged = firm_evidence(hits)
    if not flagged:
        return SafeguardingResult(flagged=False, score=round(float(score), 4))
    reasons = _reasons(hits, text) or [terms.CHECK]
    evidence = []
    for reason in reasons:
        for _, _, snippet in hits.get(reason, ()):
            if snippet and snippet not in evidence:
                evidence.append(snippet)
    if not evidence:
        snippet = " ".join(text.split())
        evidence = [snippet[:MAX_EVIDENCE] + ("…" if len(snippet) > MAX_EVIDENCE else "")]
    return SafeguardingResult(flagged=True, reasons=reasons, evidence=evidence, score=round(float(score), 4),
                              severity=severity_of(reasons))


def units_of(text):
    """The pieces of a text whose closeness to the prototypes counts besides the whole: each
    sentence of MIN_UNIT_WORDS words or more (not "Dear Sir/Madam," or "Thanks") and each pair
    of them side by side; none when there is only one (the whole text covers it)."""
    sentences = [s for s in split_sentences(text or "") if len(s.split()) >= MIN_UNIT_WORDS]
    if len(sentences) < 2:
        return []
    pairs_of = [" ".join(sentences[i:i + 2]) for i in range(len(sentences) - 1)] if len(sentences) > 2 else []
    return (sentences + pairs_of)[:MAX_UNITS]


def window_rows(text):
    """Which of units_of(text) are two adjacent sentences: the windows the head also scores on
    their own (max pooling; a lone sentence out of its context is not scored alone)."""
    count = len([s for s in split_sentences(text or "") if len(s.split()) >= MIN_UNIT_WORDS])
    return range(count, min(MAX_UNITS, 2 * count - 1)) if count > 2 else range(0)


def windows_of(text, units):
    """(vectors, pattern vectors) of the text's two-sentence windows, from its units' vectors
    (see encode_units); None when it has none."""
    rows = window_rows(text)
    if units is None or not len(rows):
        return None
    pieces = units_of(text)
    vectors = np.array([pattern_features(pattern_hits(pieces[i]), pieces[i]) for i in rows], dtype=np.float32)
    if WINDOW_FRAMES_FROM_TEXT:
        vectors[:, N_PATTERN_FEATURES:] = np.maximum(vectors[:, N_PATTERN_FEATURES:],
                                                      frames.frame_features(normalise(text)[0]))
    return np.asarray(units)[rows.start:rows.stop], vectors


def encode_units(texts, encoder, precision=None):
    """[array (n_units, d)] for each text, encoded in one pass."""
    per_text = [units_of(t) for t in texts]
    flat = [u for units in per_text for u in units]
    vectors = None
    if flat:
        encoded = encoder.encode(flat, precision=precision) if precision else encoder.encode(flat)
        vectors = np.asarray(encoded, dtype=np.float32)
    out, at = [], 0
    for units in per_text:
        out.append(vectors[at:at + len(units)] if units else None)
        at += len(units)
    return out


def assess_batch(texts, encoder=None, head=None, threshold=None, embeddings=None):
    """Assess many texts. With a head and an encoder (the texts' `embeddings` may be given to
    save encoding them again) the head decides; otherwise the patterns do."""
    texts = [t or "" for t in texts]
    if not texts:
        return []
    if head is None or encoder is None:
        return [assess(t) for t in texts]
    if embeddings is None:
        embeddings = encoder.encode(texts)
    embeddings = np.asarray(embeddings, dtype=np.float32)
    if not head.accepts(embeddings[0]):
        return [assess(t) for t in texts]
    units = encode_units(texts, encoder)
    results = [assess(t, e, head, threshold, u) for t, e, u in zip(texts, embeddings, units)]
    return _decided_at_fp32(texts, results, encoder, head, threshold)


def _decided_at_fp32(texts, results, encoder, head, threshold):
    """An encoder running with int8 weights moves a score by up to ~0.08 (measured on 2,091
    safeguarding texts), enough to flip a text near a line. Every text scoring within
    RECHECK_MARGIN of either line (the threshold, and the lower one for firm pattern evidence)
    is assessed again on fp32 embeddings, so whether a text is flagged is decided as at fp32;
    the rest are far from both lines and keep their int8 assessment."""
    if getattr(encoder, "runs_as", "fp32") in ("fp32", "bf16"):
        return results
    threshold = head.threshold if threshold is None else threshold
    lines = (threshold, threshold * FIRM_FACTOR)
    near = [i for i, result in enumerate(results)
            if any(abs(result.score - line) < RECHECK_MARGIN for line in lines)]
    if not near:
        return results
    again = [texts[i] for i in near]
    vectors = encoder.encode(again, precision="fp32")
    units = encode_units(again, encoder, precision="fp32")
    for i, text, vector, unit in zip(near, again, vectors, units):
        results[i] = assess(text, vector, head, threshold, unit)
    return results
