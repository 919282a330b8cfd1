"""The trained safeguarding head: logistic regression that decides whether to flag.

Features of a text (all from the encoder it was trained with, all-MiniLM-L6-v2 by default):
- the whole text's embedding;
- the pattern evidence (safeguarding.pattern_features: per reason, strong / same sentence /
  anywhere);
- per reason, the highest cosine similarity between the reason's prototype phrases and the
  text or any of its sentences (or two adjacent sentences), so a risk said in one sentence of a
  long complaint about something else still counts;
- negative evidence: policy talk, idioms, accidents and reassurance (safeguarding_frames);
- its closeness to the nearest risky and ordinary training rows (safeguarding_neighbours),
  never from the row's own source while training.
The score is the head's probability for the whole text or, when higher, for its likeliest
window of two adjacent sentences (scored on its own embedding, patterns and similarities): max
pooling, so a risk said in two sentences of a long ordinary complaint is not averaged away,
while a lone sentence is never judged out of its context.
Trained on labelled CSVs (`text,label[,part]`, labels risk / none) plus the prototype phrases
(risk) and safeguarding_pairs.ORDINARY (none), with balanced class weights.

A text is flagged when its score reaches the threshold, or half the threshold (FIRM_FACTOR)
when a strong or same-sentence pattern matched: texts with no pattern evidence need the model
to be surer, which keeps ordinary complaints about care services, schools and street lights out
of the urgent queue. Cross-validation grouped by source (each writer's or each writing round's
rows held out in turn, the head trained on the rest) sets the default threshold and the ceiling
a council's calibrated threshold may never pass (safeguarding_validation); with one source,
stratified k-fold does. Reproduce the shipped file with

    flask --app app classifiers train --task safeguarding

The file is a numpy .npz (arrays and a JSON header) read with allow_pickle=False.
"""
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from classifiers import safeguarding as sg
from classifiers import safeguarding_frames as frames
from classifiers import safeguarding_neighbours as neighbours
from classifiers import safeguarding_pairs as pairs
from classifiers import safeguarding_terms as terms
from classifiers.safeguarding_validation import (CEILING_RECALL, DEFAULT_RECALL, FIRM_FACTOR,  # noqa: F401
                                                 choose_ceiling, choose_threshold, figures, flagged_at,
                                                 threshold_at_recall)
from classifiers.safeguarding_validation import floor as _floor

SHIPPED_PATH = Path(__file__).resolve().parent / "shipped" / "safeguarding.npz"
FORMAT = 3  # 2: sentence max pooling; 3: frames and nearest training rows
C = 0.5
SIMILARITY_WEIGHT = 1.0
FOLDS, REPEATS = 5, 3


def pattern_fingerprint():
    """A hash of every pattern and prototype: the head must be retrained when they change."""
    source = json.dumps([terms.STRONG, pairs.NEAR, pairs.ANYWHERE, pairs.PROTOTYPES, pairs.ORDINARY, frames.FRAMES,
                         frames.DISCOUNTING], sort_keys=True)
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


@dataclass
class SafeguardingHead:
    coef: np.ndarray
    intercept: float
    prototypes: np.ndarray  # (k, d) L2-normalised prototype embeddings
    prototype_reasons: list  # reason of each prototype row
    threshold: float
    ceiling: float
    meta: dict = field(default_factory=dict)
    neighbours: np.ndarray | None = None  # (n, d) training rows' embeddings (the reference)
    neighbour_labels: np.ndarray | None = None  # 1 risk, 0 none, for each

    @property
    def dim(self):
        return int(self.prototypes.shape[1])

    @property
    def version(self):
        return self.meta.get("version", "safeguarding")

    def accepts(self, embedding):
        return np.asarray(embedding).reshape(-1).shape[0] == self.dim

    def similarities(self, embedding, units=None):
        """Per reason (in safeguarding.REASONS order), the best prototype similarity."""
        vectors = [np.asarray(embedding, dtype=np.float32).reshape(1, -1)]
        if units is not None and len(units):
            vectors.append(np.asarray(units, dtype=np.float32).reshape(-1, self.dim))
        sims = (np.vstack(vectors) @ self.prototypes.T).max(axis=0)
        return np.array([max((s for s, r in zip(sims, self.prototype_reasons) if r == reason), default=0.0)
                         for reason in sg.REASONS], dtype=np.float32)

    def features(self, embedding, pattern_vector, units=None):
        found = [np.asarray(embedding, dtype=np.float32).reshape(-1), np.asarray(pattern_vector, dtype=np.float32),
                 SIMILARITY_WEIGHT * self.similarities(embedding, units)]
        if self.neighbours is not None:
            found.append(neighbours.text_evidence(embedding, self.neighbours, self.neighbour_labels))
        return np.concatenate(found)

    def unit_features(self, units, unit_patterns):
        """(n_units, n_features): each window of sentences as if it were a text of its own."""
        units = np.asarray(units, dtype=np.float32).reshape(-1, self.dim)
        sims = units @ self.prototypes.T
        reasons = np.asarray(self.prototype_reasons)
        per_reason = np.stack([sims[:, reasons == r].max(axis=1) if (reasons == r).any() else np.zeros(len(units))
                               for r in sg.REASONS], axis=1)
        found = [units, np.asarray(unit_patterns, dtype=np.float32).reshape(len(units), -1), SIMILARITY_WEIGHT * per_reason]
        if self.neighbours is not None:
            found.append(neighbours.evidence(units, self.neighbours, self.neighbour_labels))
        return np.hstack(found).astype(np.float32)

    def probability(self, embedding, pattern_vector, units=None, windows=None):
        """The probability for the whole text, or for its likeliest window of sentences when
        higher; `windows` is (vectors, pattern vectors) from safeguarding.windows_of."""
        z = float(self.features(embedding, pattern_vector, units) @ self.coef + self.intercept)
        if windows is not None and len(windows[0]):
            z = max(z, float((self.unit_features(*windows) @ self.coef).max() + self.intercept))
        return _sigmoid(z)

    @staticmethod
    def decide(score, firm, threshold):
        """Flag at `threshold`, or at FIRM_FACTOR of it with firm pattern evidence."""
        return bool(flagged_at([score], [firm], threshold)[0])

    # -- files ------------------------------------------------------------------------------
    def to_bytes(self):
        header = {"format": FORMAT, "threshold": self.threshold, "ceiling": self.ceiling,
                  "prototype_reasons": list(self.prototype_reasons), "meta": self.meta}
        buffer = io.BytesIO()
        np.savez_compressed(buffer, coef=self.coef.astype(np.float32),
                            intercept=np.array([self.intercept], dtype=np.float32),
                            prototypes=self.prototypes.astype(np.float32),
                            neighbours=self.neighbours.astype(np.float16),
                            neighbour_labels=self.neighbour_labels.astype(np.uint8),
                            header=np.frombuffer(json.dumps(header, sort_keys=True).encode("utf-8"),
                                                 dtype=np.uint8))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data):
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            header = json.loads(bytes(arrays["header"]).decode("utf-8"))
            if header.get("format") != FORMAT:
                raise ValueError(f"unsupported safeguarding head format {header.get('format')!r}")
            return cls(coef=arrays["coef"].astype(np.float32), intercept=float(arrays["intercept"][0]),
                       prototypes=arrays["prototypes"].astype(np.float32),
                       prototype_reasons=list(header["prototype_reasons"]), threshold=float(header["threshold"]),
                       ceiling=float(header["ceiling"]), meta=header.get("meta", {}),
                       neighbours=arrays["neighbours"].astype(np.float32),
                       neighbour_labels=arrays["neighbour_labels"].astype(np.int64))

    def save(self, path):
        Path(path).write_bytes(self.to_bytes())


def _sigmoid(z):
    return float(1.0 / (1.0 + np.exp(-np.clip(z, -40, 40))))


def load_shipped(path=SHIPPED_PATH):
    return SafeguardingHead.from_bytes(Path(path).read_bytes())


def _prototype_rows():
    texts, labels, reasons = [], [], []
    for reason in sg.REASONS:
        for phrase in pairs.PROTOTYPES[reason]:
            texts.append(phrase), labels.append(1), reasons.append(reason)
    for phrase in pairs.ORDINARY:
        texts.append(phrase), labels.append(0)
    return texts, labels, reasons


def _scratch(prototypes, reasons):
    return SafeguardingHead(coef=np.zeros(1), intercept=0.0, prototypes=prototypes,
                            prototype_reasons=reasons, threshold=0.5, ceiling=0.5)


def _design(texts, embeddings, units, prototypes, reasons):
    """Each text's features before its neighbours (embedding, evidence, similarities)."""
    scratch = _scratch(prototypes, reasons)
    return np.vstack([scratch.features(e, sg.pattern_features(sg.pattern_hits(t), t), u)
                      for t, e, u in zip(texts, embeddings, units)])


def _unit_design(texts, units, prototypes, reasons):
    """For each text, its windows' feature rows before their neighbours (None when it has none)."""
    scratch = _scratch(prototypes, reasons)
    windows = [sg.windows_of(t, u) for t, u in zip(texts, units)]
    return [None if w is None else scratch.unit_features(*w) for w in windows]


def _fit(x, y):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(x, y)


def _pooled(model, x, unit_x):
    """Max-pooled probabilities (whole text or likeliest window) from a fitted model."""
    w, b = model.coef_[0], float(model.intercept_[0])
    z = x @ w + b
    best = np.array([z[i] if u is None else max(z[i], float((u @ w).max() + b)) for i, u in enumerate(unit_x)])
    return 1.0 / (1.0 + np.exp(-np.clip(best, -40, 40)))


@dataclass
class _Rows:
    """Everything training needs about the labelled rows and the prototype rows."""
    y: np.ndarray
    x: np.ndarray  # features before neighbours
    unit_x: list
    embeddings: np.ndarray  # float16-rounded, as the shipped reference holds them
    windows: list  # each text's window vectors, or None
    firm: np.ndarray
    extra: np.ndarray  # prototype rows' features before neighbours
    extra_vectors: np.ndarray
    extra_y: np.ndarray
    reference_groups: np.ndarray  # a row's neighbours never come from its own group

    def fit(self, train):
        """A model fitted on the rows `train` (and the prototypes), with honest neighbours."""
        whole, _ = neighbours.grouped_blocks(train, self.embeddings, [None] * len(self.y), self.y,
                                             self.reference_groups)
        extra = neighbours.evidence(self.extra_vectors, self.embeddings[train], self.y[train])
        return _fit(np.vstack([np.hstack([self.x[train], whole]), np.hstack([self.extra, extra])]),
                    np.concatenate([self.y[train], self.extra_y]))

    def score(self, model, train, test):
        """Max-pooled scores of the rows `test`, their neighbours among the rows `train`."""
        whole, per_window = neighbours.blocks(test, self.embeddings, self.windows, self.y, train)
        unit_x = [None if self.unit_x[i] is None else np.hstack([self.unit_x[i], block])
                  for i, block in zip(test, per_window)]
        return _pooled(model, np.hstack([self.x[test], whole]), unit_x)

    def held_out(self, folds):
        """Each row's score from a model that never saw its fold (folds: each row's fold name)."""
        folds, scores = np.asarray(folds), np.zeros(len(self.y))
        for name in sorted(set(folds)):
            test, train = np.flatnonzero(folds == name), np.flatnonzero(folds != name)
            scores[test] = self.score(self.fit(train), train, test)
        return scores


def _stratified_folds(y, seed):
    from sklearn.model_selection import StratifiedKFold

    folds = np.zeros(len(y), dtype=int)
    for number, (_, test) in enumerate(StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(y, y)):
        folds[test] = number
    return folds


def _rows(texts, y, encoder, embeddings, groups):
    proto_texts, proto_y, proto_reasons = _prototype_rows()
    proto_vectors = np.asarray(encoder.encode(proto_texts), dtype=np.float32)
    prototypes = proto_vectors[:len(proto_reasons)]
    if embeddings is None:
        embeddings = np.asarray(encoder.encode(list(texts)), dtype=np.float32)
    units = sg.encode_units(texts, encoder)
    windows = [None if (w := sg.windows_of(t, u)) is None else w[0] for t, u in zip(texts, units)]
    reference_groups = np.asarray(groups) if groups is not None else _stratified_folds(y, 0)
    rows = _Rows(y=y, x=_design(texts, embeddings, units, prototypes, proto_reasons),
                 unit_x=_unit_design(texts, units, prototypes, proto_reasons),
                 embeddings=np.asarray(embeddings, dtype=np.float16).astype(np.float32),
                 windows=windows, firm=np.array([sg.firm_evidence(sg.pattern_hits(t)) for t in texts]),
                 extra=_design(proto_texts, proto_vectors, [None] * len(proto_texts), prototypes, proto_reasons),
                 extra_vectors=proto_vectors, extra_y=np.array(proto_y), reference_groups=reference_groups)
    return rows, prototypes, proto_reasons


def train(texts, labels, encoder, embeddings=None, groups=None):
    """A SafeguardingHead from `text,label` rows (labels "risk" / "none"), cross-validated by
    source when `groups` (each row's source) names two or more, else by stratified k-fold."""
    y = np.array([1 if label == "risk" else 0 for label in labels])
    if len(set(y)) < 2:
        raise ValueError("training needs both risk and none rows")
    groups = list(groups) if groups is not None and len(set(groups)) > 1 else None
    rows, prototypes, proto_reasons = _rows(texts, y, encoder, embeddings, groups)
    kfold = np.mean([rows.held_out(_stratified_folds(y, seed)) for seed in range(REPEATS)], axis=0)
    oof = rows.held_out(groups) if groups is not None else kfold
    threshold = choose_threshold(oof, rows.firm, y, groups)
    ceiling = choose_ceiling(oof, rows.firm, y, groups, threshold)
    model = rows.fit(np.arange(len(y)))
    meta = {"encoder": getattr(encoder, "version", ""), "patterns": pattern_fingerprint(),
            "training_rows": {"risk": int(y.sum()), "none": int(len(y) - y.sum())},
            "prototype_rows": len(rows.extra_y), "C": C, "similarity_weight": SIMILARITY_WEIGHT,
            "neighbours": neighbours.K,
            "pooling": "max over the text and its windows of two adjacent sentences",
            "cross_validation": figures(oof, rows.firm, y, threshold, ceiling, kfold, groups, FOLDS, REPEATS)}
    head = SafeguardingHead(coef=model.coef_[0].astype(np.float32), intercept=float(model.intercept_[0]),
                            prototypes=prototypes, prototype_reasons=proto_reasons, threshold=threshold,
                            ceiling=ceiling, meta=meta, neighbours=rows.embeddings, neighbour_labels=y)
    digest = hashlib.sha256(head.to_bytes()).hexdigest()[:8]
    head.meta["version"] = f"safeguarding-{digest}"
    return head


# -- calibration from officers' decisions ----------------------------------------------------
MIN_DECISIONS = 10  # decisions before the threshold moves at all
MIN_DISMISSED = 3  # "not a concern" decisions it would stop flagging, at least
MARGIN = 0.02  # kept below the lowest confirmed concern
DISMISSED_SHARE = 0.75


def effective(score, firm):
    """The highest threshold at which a text with this score (and pattern evidence) flags."""
    return score / FIRM_FACTOR if firm else score


def calibrate(default, ceiling, confirmed, dismissed):
    """The threshold officers' decisions support, from the effective values (see effective) of
    flags they confirmed as concerns and flags they found were not a concern.

    It rises from `default` only far enough that three quarters of the dismissed flags it can
    drop would no longer flag; it stays MARGIN below every confirmed concern (so none of them
    would be missed) and never passes `ceiling` (the highest threshold at which recall on the
    unseen source, cross-validated by source, is still CEILING_RECALL). Too few decisions leave
    it at the default."""
    confirmed, dismissed = list(confirmed), sorted(dismissed)
    if len(confirmed) + len(dismissed) < MIN_DECISIONS:
        return default
    limit = min([ceiling] + [value - MARGIN for value in confirmed])
    droppable = [value for value in dismissed if value < limit]
    if len(droppable) < MIN_DISMISSED:
        return default
    target = float(np.quantile(droppable, DISMISSED_SHARE)) + 0.001
    return _floor(min(limit, max(default, target)))
