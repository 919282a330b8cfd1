"""Sentiment: negative / neutral / positive, with sentence-level evidence.

The model is a multinomial logistic-regression head on [sentence-encoder embedding, VADER
lexical scores], trained with balanced class weights (neutral is scarce in real feedback).
Each sentence (NLTK split) is scored by the same head; a text with a confidently positive and a
confidently negative sentence is mixed, which counts as neutral. Officers see each sentence's
polarity.

Model files are numpy .npz archives (arrays + a JSON header), loaded with allow_pickle=False,
so loading a model can never run code.
"""
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from classifiers.sentences import split_sentences

LABELS = ("negative", "neutral", "positive")
SHIPPED_PATH = Path(__file__).resolve().parent / "shipped" / "sentiment.npz"
FORMAT = "heard-sentiment/1"
DEFAULTS = {"C": 0.25, "lexical_weight": 1.0, "mixed_threshold": 0.6, "clauses": True, "seed": 0,
            "mixed_rule": True, "calibrate": False, "strip_courtesy": True}
# "Lovely staff, but the wait was awful": contrast inside one sentence splits it into clauses.
_CONTRAST = re.compile(r"(?:[,;:]\s*|\s+-\s+|\s+)(?=(?:but|however|although|though|whereas|yet)\b)",
                       re.IGNORECASE)


_LEADING_CONTRAST = re.compile(r"^(?:but|however|although|though|whereas|yet)\b[\s,]*", re.IGNORECASE)


def evidence_units(text, clauses=True):
    """The sentences of `text`, each split further at a contrast ("but", "however", ...) when both
    sides have at least two words."""
    units = []
    for sentence in split_sentences(text):
        parts = [p.strip() for p in _CONTRAST.split(sentence) if p.strip()] if clauses else [sentence]
        if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
            units.extend(parts)
        else:
            units.append(sentence)
    return units


@dataclass
class SentenceSentiment:
    text: str
    label: str
    score: float


@dataclass
class SentimentResult:
    label: str
    score: float
    probabilities: dict
    sentences: list = field(default_factory=list)


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def lexical_features(texts):
    """VADER's neg/neu/pos/compound for each text, as float32 (n, 4)."""
    analyser = _vader()
    rows = []
    for text in texts:
        polarity = analyser.polarity_scores(text or "")
        rows.append((polarity["neg"], polarity["neu"], polarity["pos"], polarity["compound"]))
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), 4)


def _softmax(logits):
    logits = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


class SentimentModel:
    def __init__(self, coef, intercept, config=None, meta=None, version=None):
        self.coef = np.asarray(coef, dtype=np.float32)          # (3, features)
        self.intercept = np.asarray(intercept, dtype=np.float32)  # (3,)
        self.config = {**DEFAULTS, **(config or {})}
        self.meta = dict(meta or {})
        self.version = version or f"sentiment-{self._digest()[:8]}"

    @property
    def training_count(self):
        """How many labelled texts trained this model (0 for zero-shot / unknown)."""
        return int(self.meta.get("trained_on", 0) or 0)

    def _digest(self):
        digest = hashlib.sha256(self.coef.tobytes() + self.intercept.tobytes())
        digest.update(json.dumps(self.config, sort_keys=True).encode())
        return digest.hexdigest()

    # -- training ---------------------------------------------------------------------------
    @classmethod
    def train(cls, texts, labels, encoder, config=None, embeddings=None, sample_weights=None):
        """Fit the head on labelled texts (labels from LABELS). Deterministic for fixed inputs."""
        from sklearn.linear_model import LogisticRegression

        config = {**DEFAULTS, **(config or {})}
        labels = [str(label).strip().lower() for label in labels]
        unknown = sorted(set(labels) - set(LABELS))
        if unknown:
            raise ValueError(f"unknown sentiment labels: {', '.join(unknown[:5])}")
        if len(set(labels)) < 2:
            raise ValueError("training needs at least two different sentiment labels")
        texts = [str(t) for t in texts]
        if embeddings is None:
            embeddings = encoder.encode(texts)
        features = _features(embeddings, texts, config["lexical_weight"])
        y = np.array([LABELS.index(label) for label in labels])
        weights = None if sample_weights is None else np.asarray(sample_weights, dtype=np.float64)

        def fit(x, target, row_weights):
            model = LogisticRegression(C=config["C"], class_weight="balanced", max_iter=2000,
                                       random_state=config["seed"])
            return model.fit(x, target, sample_weight=row_weights)

        head = fit(features, y, weights)
        if config["calibrate"]:
            config["temperature"] = _temperature(fit, features, y, weights, config["seed"])
        coef = np.zeros((len(LABELS), features.shape[1]), dtype=np.float32)
        intercept = np.full(len(LABELS), -30.0, dtype=np.float32)  # an absent class never wins
        if len(head.classes_) == 2:  # binary LR has one row: class 1 vs class 0
            coef[head.classes_[1]], intercept[head.classes_[1]] = head.coef_[0], head.intercept_[0]
            intercept[head.classes_[0]] = 0.0
        else:
            coef[head.classes_], intercept[head.classes_] = head.coef_, head.intercept_
        counts = {label: labels.count(label) for label in LABELS}
        meta = {"trained_on": len(labels), "label_counts": counts,
                "encoder": getattr(encoder, "version", "")}
        return cls(coef, intercept, config=config, meta=meta)

    # -- prediction -------------------------------------------------------------------------
    def probabilities(self, embeddings, texts):
        features = _features(embeddings, texts, self.config["lexical_weight"])
        logits = features @ self.coef.T + self.intercept
        return _softmax(logits / float(self.config.get("temperature", 1.0)))

    def predict(self, texts, encoder, embeddings=None):
        """A SentimentResult per text (label, confidence, probabilities, sentence polarity)."""
        texts = ["" if t is None else str(t) for t in texts]
        if not texts:
            return []
        texts, embeddings = self._without_courtesy(texts, encoder, embeddings)
        doc_probs = self.probabilities(embeddings, texts)
        split = [evidence_units(t, self.config["clauses"]) for t in texts]
        flat = [s for sentences in split if len(sentences) > 1 for s in sentences]
        # A clause is scored on its own words: "but the wait was awful" is simply negative (a
        # leading "but" reads as half of a mixed comment to a model trained on mixed comments).
        bare = [_LEADING_CONTRAST.sub("", unit) or unit for unit in flat]
        flat_probs = self.probabilities(encoder.encode(bare), bare) if flat else np.zeros((0, 3))
        results, cursor = [], 0
        for i, sentences in enumerate(split):
            if len(sentences) > 1:
                probs = flat_probs[cursor:cursor + len(sentences)]
                cursor += len(sentences)
            else:
                sentences, probs = [texts[i]] if texts[i].strip() else [], doc_probs[i:i + 1]
            results.append(self._combine(doc_probs[i], sentences, probs))
        return results

    def _without_courtesy(self, texts, encoder, embeddings):
        """The texts without letters' greetings and sign-offs (classifiers.courtesy), and their
        embeddings (only changed texts are encoded again)."""
        from classifiers.courtesy import strip_courtesy

        stripped = [strip_courtesy(t) for t in texts] if self.config["strip_courtesy"] else texts
        if embeddings is None:
            return stripped, encoder.encode(stripped)
        changed = [i for i, (old, new) in enumerate(zip(texts, stripped)) if old.strip() != new]
        if changed:
            embeddings = np.array(embeddings, dtype=np.float32, copy=True)
            embeddings[changed] = encoder.encode([stripped[i] for i in changed])
        return stripped, embeddings

    def _combine(self, doc_probs, sentences, sentence_probs):
        sentence_results = [SentenceSentiment(text, LABELS[int(p.argmax())], round(float(p.max()), 4))
                            for text, p in zip(sentences, sentence_probs)]
        probabilities = {label: round(float(p), 4) for label, p in zip(LABELS, doc_probs)}
        label, score = LABELS[int(doc_probs.argmax())], float(doc_probs.max())
        threshold = self.config["mixed_threshold"]
        if self.config.get("mixed_rule", True) and len(sentence_results) > 1 and label != "neutral":
            strongest_pos = max(float(p[2]) for p in sentence_probs)
            strongest_neg = max(float(p[0]) for p in sentence_probs)
            if strongest_pos >= threshold and strongest_neg >= threshold:
                label, score = "neutral", min(strongest_pos, strongest_neg)
        return SentimentResult(label, round(score, 4), probabilities, sentence_results)

    # -- files --------------------------------------------------------------------------------
    def to_bytes(self):
        header = {"format": FORMAT, "labels": list(LABELS), "config": self.config,
                  "meta": self.meta, "version": self.version}
        buffer = io.BytesIO()
        np.savez_compressed(buffer, coef=self.coef, intercept=self.intercept,
                            header=np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data):
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            header = json.loads(archive["header"].tobytes().decode("utf-8"))
            if header.get("format") != FORMAT or header.get("labels") != list(LABELS):
                raise ValueError("not a Heard sentiment model file")
            return cls(archive["coef"], archive["intercept"], config=header.get("config"),
                       meta=header.get("meta"), version=header.get("version"))

    def save(self, path):
        Path(path).write_bytes(self.to_bytes())


def _temperature(fit, features, y, weights, seed):
    """The logits' temperature fitted on out-of-fold predictions (1.0 with too few rows),
    each class weighted equally as in training."""
    from classifiers.calibration import balanced_weights, fit_temperature, out_of_fold_logits

    if len(y) < 50:
        return 1.0
    logits = out_of_fold_logits(fit, features, y, seed=seed, sample_weights=weights)
    if logits is None:
        return 1.0
    row_weights = balanced_weights(y) * (1.0 if weights is None else weights)
    return round(fit_temperature(logits, y, row_weights), 4)


def _features(embeddings, texts, lexical_weight):
    embeddings = np.asarray(embeddings, dtype=np.float32)
    return np.hstack([embeddings, lexical_weight * lexical_features(texts)])


def sentiment_from_bytes(data):
    """A sentiment model file: a head on the frozen encoder, or a fine-tuned version."""
    from classifiers.tuned import TunedModel, is_tuned

    return TunedModel.from_bytes(data) if is_tuned(data) else SentimentModel.from_bytes(data)


def load_shipped_sentiment(path=SHIPPED_PATH):
    """The committed sentiment model (classifiers/shipped/sentiment.npz)."""
    return sentiment_from_bytes(Path(path).read_bytes())
