"""Cross-cutting themes ("Delay", "Staff attitude"): one independent score per theme, each with
its own threshold, so an item can have several themes or none. Service areas are a different
question (one per item) and have their own single-label model (classifiers.topics.TopicModel).

Zero-shot: a theme's prototype is built from its name and description as for service areas;
an item's cosine similarity to it is compared with how similar the council's own feedback
usually is to that theme (`adapt` measures each theme's mean and spread over unlabelled items),
so a theme fires on the items that stand out for it: the score is 0.5 at `zero_shot_z` spreads
above the theme's mean. Few-shot: each theme with enough items officers ticked it on (and left
it unticked on) gets a logistic regression on the (standardised) embeddings, blended with the
zero-shot score;
its threshold is the one that gave the best F1 in cross-validation over those labels. Every
key comes from the taxonomy the model was given.
"""
import hashlib
import json

import numpy as np

from classifiers.topics import PrototypeModel, _check_taxonomy, _normalise

FORMAT = "heard-themes/1"
DEFAULTS = {"zero_shot_z": 1.0, "slope": 2.0, "default_mean": 0.16, "default_spread": 0.12,
            "head_weight": 0.8, "C": 2.0, "min_positives": 3, "min_negatives": 3,
            "min_for_threshold": 5, "threshold": 0.5, "folds": 5, "seed": 0}
MIN_TEXTS_TO_ADAPT = 20


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


class ThemeModel(PrototypeModel):
    FORMAT, KIND, DEFAULTS = FORMAT, "theme", DEFAULTS

    def __init__(self, taxonomy, label_protos, fingerprints, calibration=None, head=None,
                 thresholds=None, counts=None, config=None, meta=None):
        super().__init__(taxonomy, label_protos, fingerprints, config, meta)
        self.calibration = calibration or {}    # key -> (mean, spread) of cosines over feedback
        self.head = head  # None or {"keys", "coef" (h, d), "intercept" (h,), "mean", "scale" (d,)}
        self.thresholds = thresholds or {}      # key -> threshold tuned on officers' labels
        self.counts = counts or {}              # key -> (positives, negatives) trained on

    @property
    def version(self):
        digest = hashlib.sha256(json.dumps(
            [self.keys, sorted(self.fingerprints.items()), sorted(self.counts.items()), self.config,
             sorted(self.thresholds.items()), sorted((k, list(v)) for k, v in self.calibration.items())]
        ).encode())
        if self.head is not None:
            digest.update(np.asarray(self.head["coef"], dtype=np.float32).tobytes())
        return f"themes-{digest.hexdigest()[:8]}"

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def train(cls, taxonomy, texts, label_lists, encoder, config=None, embeddings=None,
              unlabelled=None):
        """Learn from officers' theme labels: one list of theme keys per text (an empty list
        means "no theme applies"; keys outside the taxonomy are ignored). `unlabelled`
        embeddings calibrate the zero-shot part first (see adapt)."""
        model = cls.zero_shot(taxonomy, encoder, config)
        if unlabelled is not None and len(unlabelled):
            model.adapt(unlabelled)
        if not len(texts):
            return model
        if embeddings is None:
            embeddings = encoder.encode([str(t) for t in texts])
        features = _normalise(embeddings)
        truth = model._truth(label_lists)
        zero = model._zero_shot_scores(features)
        mean, scale = features.mean(axis=0), features.std(axis=0) + 1e-6
        standard = (features - mean) / scale
        keys, coefs, intercepts = [], [], []
        for j, key in enumerate(model.keys):
            positives, negatives = int(truth[:, j].sum()), int((~truth[:, j]).sum())
            if positives < model.config["min_positives"] or negatives < model.config["min_negatives"]:
                continue
            coef, intercept = _fit_binary(standard, truth[:, j], model.config)
            keys.append(key)
            coefs.append(coef)
            intercepts.append(intercept)
            model.counts[key] = (positives, negatives)
            model.thresholds[key] = _tuned_threshold(standard, truth[:, j], zero[:, j], model.config)
        if keys:
            model.head = {"keys": keys, "coef": np.vstack(coefs).astype(np.float32),
                          "intercept": np.asarray(intercepts, dtype=np.float32),
                          "mean": mean.astype(np.float32), "scale": scale.astype(np.float32)}
        model.meta["trained_on"] = int(len(texts))
        return model

    def _truth(self, label_lists):
        truth = np.zeros((len(label_lists), len(self.keys)), dtype=bool)
        index = {key: j for j, key in enumerate(self.keys)}
        for i, labels in enumerate(label_lists):
            for key in ([labels] if isinstance(labels, str) else labels):
                if key in index:
                    truth[i, index[key]] = True
        return truth

    def adapt(self, embeddings):
        """Measure how similar the council's feedback usually is to each theme (mean and
        spread of the cosines); returns self. Fewer than MIN_TEXTS_TO_ADAPT texts change nothing."""
        if len(embeddings) < MIN_TEXTS_TO_ADAPT:
            return self
        cosines = _normalise(embeddings) @ self._protos().T
        means, spreads = cosines.mean(axis=0), cosines.std(axis=0)
        self.calibration = {key: (round(float(means[j]), 6), round(float(max(spreads[j], 1e-3)), 6))
                            for j, key in enumerate(self.keys)}
        self.meta["adapted_on"] = int(len(embeddings))
        return self

    # -- prediction -------------------------------------------------------------------------
    def _forget(self, key):
        self.calibration.pop(key, None)  # measured against the old name

    def _protos(self):
        return _normalise(np.vstack([self.label_protos[key] for key in self.keys]))

    def _zero_shot_scores(self, features):
        cosines = features @ self._protos().T
        default = (self.config["default_mean"], self.config["default_spread"])
        means, spreads = zip(*(self.calibration.get(key, default) for key in self.keys))
        z = (cosines - np.asarray(means)) / np.asarray(spreads)
        return _sigmoid(self.config["slope"] * (z - self.config["zero_shot_z"]))

    def scores(self, embeddings):
        """(n, themes) independent scores in taxonomy order."""
        features = _normalise(embeddings)
        scores = self._zero_shot_scores(features)
        if self.head is not None:
            weight = self.config["head_weight"]
            standard = (features - np.asarray(self.head["mean"])) / np.asarray(self.head["scale"])
            logits = standard @ np.asarray(self.head["coef"]).T + np.asarray(self.head["intercept"])
            learned = _sigmoid(logits)
            for h, key in enumerate(self.head["keys"]):
                if key in self.keys:
                    j = self.keys.index(key)
                    scores[:, j] = weight * learned[:, h] + (1 - weight) * scores[:, j]
        return scores

    def threshold(self, key):
        return float(self.thresholds.get(key, self.config["threshold"]))

    def predict(self, texts, encoder, embeddings=None):
        """For each text, every theme as (key, score, assigned), highest score first;
        `assigned` is score >= that theme's threshold."""
        embeddings = self._embed(texts, encoder, embeddings)
        if embeddings is None:
            return []
        scores = self.scores(embeddings)
        limits = np.array([self.threshold(key) for key in self.keys])
        order = np.argsort(-scores, axis=1, kind="stable")
        return [[(self.keys[j], round(float(scores[i, j]), 4), bool(scores[i, j] >= limits[j]))
                 for j in row] for i, row in enumerate(order)]

    # -- files --------------------------------------------------------------------------------
    def to_bytes(self):
        header = {"calibration": {k: list(v) for k, v in self.calibration.items()},
                  "thresholds": self.thresholds, "counts": {k: list(v) for k, v in self.counts.items()},
                  "head_keys": self.head["keys"] if self.head else None}
        arrays = {f"head_{name}": np.asarray(self.head[name], dtype=np.float32)
                  for name in ("coef", "intercept", "mean", "scale")} if self.head else {}
        return self._file(header, arrays)

    @classmethod
    def from_bytes(cls, data, taxonomy):
        """Load for `taxonomy`: themes since removed are dropped; new or renamed themes are
        zero-shot (uncalibrated until the next adaptation) from the first predict."""
        taxonomy = _check_taxonomy(taxonomy)
        header, archive, protos = cls._read(data)
        head = None
        if header.get("head_keys"):
            head = {"keys": header["head_keys"], **{name: archive[f"head_{name}"]
                                                     for name in ("coef", "intercept", "mean", "scale")}}
        keys = {t.key for t in taxonomy}
        current = {t.key: t.fingerprint() for t in taxonomy}
        same = {k for k in keys if header["fingerprints"].get(k) == current[k]}
        return cls(taxonomy, {k: v for k, v in protos.items() if k in keys},
                   {k: v for k, v in header["fingerprints"].items() if k in keys},
                   calibration={k: tuple(v) for k, v in header["calibration"].items() if k in same},
                   head=head, thresholds={k: v for k, v in header["thresholds"].items() if k in keys},
                   counts={k: tuple(v) for k, v in header["counts"].items() if k in keys},
                   config=header.get("config"), meta=header.get("meta"))


def _fit_binary(features, target, config):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=config["C"], class_weight="balanced", max_iter=2000,
                               random_state=config["seed"])
    model.fit(features, target.astype(int))
    return model.coef_[0], float(model.intercept_[0])


def _tuned_threshold(features, target, zero, config):
    """The blended score's threshold with the best F1 over out-of-fold predictions (the
    default when there are too few examples to tell)."""
    positives, negatives = int(target.sum()), int((~target).sum())
    folds = min(config["folds"], positives, negatives)
    if min(positives, negatives) < config["min_for_threshold"] or folds < 2:
        return config["threshold"]
    from sklearn.model_selection import StratifiedKFold

    blended = np.zeros(len(target))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=config["seed"])
    for train, test in splitter.split(features, target):
        coef, intercept = _fit_binary(features[train], target[train], config)
        learned = _sigmoid(features[test] @ coef + intercept)
        blended[test] = config["head_weight"] * learned + (1 - config["head_weight"]) * zero[test]
    best, best_f1 = config["threshold"], -1.0
    for candidate in np.round(np.arange(0.1, 0.91, 0.05), 2):
        predicted = blended >= candidate
        tp = int((predicted & target).sum())
        f1 = 2 * tp / (int(predicted.sum()) + positives) if tp else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(candidate), f1
    return best
