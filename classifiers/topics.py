"""Topics from the council's taxonomy: zero-shot from names and descriptions, few-shot from labels.

Zero-shot: each topic gets a prototype, the mean embedding of a few prompts built from its name
and description; a text's scores are cosine similarities, turned into confidences by a softmax
with a temperature. Few-shot: a topic's prototype moves towards the centroid of the texts
officers gave it, and, once two or more topics have examples, a logistic-regression head on the
embeddings is blended in. Topics without examples stay zero-shot. Every key a model returns comes
from the taxonomy it was given, so an unknown label can never come out.
"""
import hashlib
import io
import json
from dataclasses import dataclass

import numpy as np

FORMAT = "heard-topics/1"
PROMPTS = ("{name}", "feedback about {name}", "a comment about {name}: {description}",
           "{name}: {description}")
DEFAULTS = {"temperature": 0.05, "prior_weight": 0.5, "head_weight": 0.8, "C": 8.0,
            "min_examples_for_head": 2, "seed": 0,
            "adapt_rounds": 10, "adapt_anchor": 1.0, "adapt_temperature": 0.02}
MIN_TEXTS_TO_ADAPT = 20


@dataclass(frozen=True)
class Topic:
    key: str
    name: str
    description: str = ""

    def prompts(self):
        from classifiers.glossary import words_for

        name, description = self.name.strip(), (self.description or "").strip()
        templates = PROMPTS if description else PROMPTS[:2]
        prompts = [t.format(name=name, description=description) for t in templates]
        known = words_for(name)  # a common council service or theme: residents' own words
        if known:
            prompts.append(f"{name}: {known}")
            prompts.extend(f"feedback about {phrase.strip()}" for phrase in known.split(","))
        return prompts

    def fingerprint(self):
        return hashlib.sha256(json.dumps([self.name, self.description or ""]).encode()).hexdigest()[:16]


def _normalise(matrix):
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def _softmax(logits):
    logits = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


def _check_taxonomy(taxonomy):
    taxonomy = list(taxonomy)
    keys = [topic.key for topic in taxonomy]
    if not taxonomy:
        raise ValueError("the taxonomy has no topics")
    if len(set(keys)) != len(keys):
        raise ValueError("topic keys must be unique")
    return taxonomy


def label_prototypes(taxonomy, encoder):
    """One normalised prompt-mean embedding per topic (rows in taxonomy order)."""
    prompts = [topic.prompts() for topic in taxonomy]
    flat = encoder.encode([p for group in prompts for p in group])
    rows, cursor = [], 0
    for group in prompts:
        rows.append(flat[cursor:cursor + len(group)].mean(axis=0))
        cursor += len(group)
    return _normalise(np.vstack(rows))


class PrototypeModel:
    """What the service-area and theme models share: a zero-shot prototype per label built from
    the taxonomy's names and descriptions, kept in step when a label is added or renamed, and the
    .npz file (a JSON header beside the arrays) a model is kept in. A subclass names its FORMAT
    and KIND, its DEFAULTS, and what `_forget` drops when a label's name changes."""

    FORMAT = KIND = ""
    DEFAULTS = {}

    def __init__(self, taxonomy, label_protos, fingerprints, config=None, meta=None):
        self.taxonomy = _check_taxonomy(taxonomy)
        self.keys = [topic.key for topic in self.taxonomy]
        self.label_protos = label_protos          # key -> normalised prompt-mean vector (zero-shot)
        self.fingerprints = fingerprints          # key -> name/description hash used
        self.config = {**self.DEFAULTS, **(config or {})}
        self.meta = dict(meta or {})

    @property
    def training_count(self):
        """How many labelled texts trained this model (0 for zero-shot / unknown)."""
        return int(self.meta.get("trained_on", 0) or 0)

    @classmethod
    def zero_shot(cls, taxonomy, encoder, config=None):
        taxonomy = _check_taxonomy(taxonomy)
        protos = label_prototypes(taxonomy, encoder)
        return cls(taxonomy, {t.key: protos[i] for i, t in enumerate(taxonomy)},
                   {t.key: t.fingerprint() for t in taxonomy}, config=config,
                   meta={"encoder": getattr(encoder, "version", ""), "trained_on": 0})

    def _refresh(self, encoder):
        """Zero-shot prototypes for labels added or renamed since the model was built."""
        stale = [t for t in self.taxonomy
                 if t.key not in self.label_protos or self.fingerprints.get(t.key) != t.fingerprint()]
        if stale:
            protos = label_prototypes(stale, encoder)
            for i, topic in enumerate(stale):
                self._forget(topic.key)
                self.label_protos[topic.key] = protos[i]
                self.fingerprints[topic.key] = topic.fingerprint()

    def _forget(self, key):
        """Drop what was fitted to a label's old name."""

    def _embed(self, texts, encoder, embeddings=None):
        """The texts' embeddings (`embeddings` if given; None when there are no texts), with
        prototypes for any label added or renamed since the model was built."""
        texts = ["" if t is None else str(t) for t in texts]
        if not texts:
            return None
        self._refresh(encoder)
        return encoder.encode(texts) if embeddings is None else embeddings

    def _file(self, header, arrays):
        """The model as .npz bytes: `header` and `arrays` beside the keys, prototypes, config."""
        keys = list(self.label_protos)
        header = {"format": self.FORMAT, "keys": keys, "fingerprints": self.fingerprints,
                  "config": self.config, "meta": self.meta, **header}
        arrays = {"label_protos": np.vstack([self.label_protos[k] for k in keys]).astype(np.float32),
                  "header": np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8), **arrays}
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def _read(cls, data):
        """(header, arrays by name, prototypes by key) of a file `_file` wrote for this kind."""
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        header = json.loads(arrays.pop("header").tobytes().decode("utf-8"))
        if header.get("format") != cls.FORMAT:
            raise ValueError(f"not a Heard {cls.KIND} model file")
        return header, arrays, dict(zip(header["keys"], arrays["label_protos"]))


class TopicModel(PrototypeModel):
    FORMAT, KIND, DEFAULTS = FORMAT, "topic", DEFAULTS

    def __init__(self, taxonomy, label_protos, fingerprints, centroids=None, counts=None,
                 head=None, config=None, meta=None, adapted=None):
        super().__init__(taxonomy, label_protos, fingerprints, config, meta)
        self.centroids = centroids or {}          # key -> mean example embedding
        self.counts = counts or {}                # key -> number of examples
        self.head = head                          # None or {"keys", "coef", "intercept"}
        self.adapted = adapted or {}              # key -> prototype adapted to unlabelled texts

    @property
    def version(self):
        digest = hashlib.sha256(json.dumps([self.keys, sorted(self.fingerprints.items()),
                                            sorted(self.counts.items()), self.config]).encode())
        if self.head is not None:
            digest.update(np.asarray(self.head["coef"], dtype=np.float32).tobytes())
        for key in sorted(self.adapted):
            digest.update(np.asarray(self.adapted[key], dtype=np.float32).tobytes())
        return f"topics-{digest.hexdigest()[:8]}"

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def train(cls, taxonomy, texts, label_lists, encoder, config=None, embeddings=None):
        """Learn from officers' labels (a list of topic keys per text; keys outside the taxonomy
        are ignored). Topics without examples fall back to zero-shot."""
        model = cls.zero_shot(taxonomy, encoder, config)
        label_lists = [[label_lists[i]] if isinstance(label_lists[i], str) else list(label_lists[i])
                       for i in range(len(label_lists))]
        known = set(model.keys)
        pairs = [(i, key) for i, keys in enumerate(label_lists) for key in dict.fromkeys(keys)
                 if key in known]
        if not pairs:
            return model
        if embeddings is None:
            embeddings = encoder.encode([str(t) for t in texts])
        embeddings = np.asarray(embeddings, dtype=np.float32)
        rows = np.array([i for i, _ in pairs])
        targets = [key for _, key in pairs]
        for key in dict.fromkeys(targets):
            members = rows[[t == key for t in targets]]
            model.centroids[key] = embeddings[members].mean(axis=0)
            model.counts[key] = int(len(members))
        model.head = _fit_head(embeddings[rows], targets, model.config)
        model.meta["trained_on"] = len(set(rows.tolist()))
        return model

    def adapt(self, embeddings):
        """Fit the zero-shot prototypes to unlabelled texts (their embeddings); returns self.
        Fewer than MIN_TEXTS_TO_ADAPT texts change nothing."""
        embeddings = _normalise(embeddings) if len(embeddings) else embeddings
        if len(embeddings) < MIN_TEXTS_TO_ADAPT:
            return self
        anchors = _normalise(np.vstack([self.label_protos[k] for k in self.keys]))
        current, config = anchors, self.config
        for _ in range(int(config["adapt_rounds"])):
            weights = _softmax(embeddings @ current.T / config["adapt_temperature"])
            pulled = _normalise(weights.T @ embeddings)
            current = _normalise(config["adapt_anchor"] * anchors + pulled)
        self.adapted = {key: current[i] for i, key in enumerate(self.keys)}
        self.meta["adapted_on"] = int(len(embeddings))
        return self

    # -- prediction -------------------------------------------------------------------------
    def _forget(self, key):
        self.adapted.pop(key, None)  # adapted to the old name

    def prototypes(self):
        rows = []
        for key in self.keys:
            proto = self.adapted.get(key, self.label_protos[key])
            if key in self.centroids:
                centroid = _normalise(self.centroids[key])
                proto = self.config["prior_weight"] * proto + centroid
            rows.append(proto)
        return _normalise(np.vstack(rows))

    def probabilities(self, embeddings):
        """(n, topics) confidences in taxonomy order."""
        embeddings = _normalise(embeddings)
        probs = _softmax(embeddings @ self.prototypes().T / self.config["temperature"])
        if self.head is not None:
            head_probs = np.zeros_like(probs)
            columns = [self.keys.index(k) for k in self.head["keys"] if k in self.keys]
            usable = [j for j, k in enumerate(self.head["keys"]) if k in self.keys]
            logits = embeddings @ np.asarray(self.head["coef"]).T + np.asarray(self.head["intercept"])
            head_probs[:, columns] = _softmax(logits)[:, usable]
            trained_mass = probs[:, columns].sum(axis=1, keepdims=True)
            weight = self.config["head_weight"]
            blended = probs.copy()
            blended[:, columns] = ((1 - weight) * probs[:, columns]
                                   + weight * head_probs[:, columns] * trained_mass)
            probs = blended / blended.sum(axis=1, keepdims=True)
        return probs

    def predict(self, texts, encoder, top_k=3, embeddings=None):
        """For each text, up to top_k (key, confidence) pairs, best first."""
        embeddings = self._embed(texts, encoder, embeddings)
        if embeddings is None:
            return []
        probs = self.probabilities(embeddings)
        top_k = max(1, min(int(top_k), len(self.keys)))
        order = np.argsort(-probs, axis=1, kind="stable")[:, :top_k]
        return [[(self.keys[j], round(float(probs[i, j]), 4)) for j in row] for i, row in enumerate(order)]

    # -- files --------------------------------------------------------------------------------
    def to_bytes(self):
        centroid_keys = list(self.centroids)
        header = {"centroid_keys": centroid_keys, "counts": self.counts,
                  "head_keys": self.head["keys"] if self.head else None, "adapted_keys": list(self.adapted)}
        arrays = {}
        if centroid_keys:
            arrays["centroids"] = np.vstack([self.centroids[k] for k in centroid_keys]).astype(np.float32)
        if self.adapted:
            arrays["adapted"] = np.vstack([self.adapted[k] for k in self.adapted]).astype(np.float32)
        if self.head:
            arrays["head_coef"] = np.asarray(self.head["coef"], dtype=np.float32)
            arrays["head_intercept"] = np.asarray(self.head["intercept"], dtype=np.float32)
        return self._file(header, arrays)

    @classmethod
    def from_bytes(cls, data, taxonomy):
        """Load a model for `taxonomy`: topics since removed are dropped, new or renamed topics
        get zero-shot prototypes at the first predict."""
        taxonomy = _check_taxonomy(taxonomy)
        header, archive, protos = cls._read(data)
        centroids = dict(zip(header["centroid_keys"], archive["centroids"])) if header["centroid_keys"] else {}
        adapted = dict(zip(header.get("adapted_keys") or [], archive["adapted"])) \
            if header.get("adapted_keys") else {}
        head = None
        if header.get("head_keys"):
            head = {"keys": header["head_keys"], "coef": archive["head_coef"],
                    "intercept": archive["head_intercept"]}
        keys = {t.key for t in taxonomy}
        fingerprints = {t.key: t.fingerprint() for t in taxonomy}
        return cls(taxonomy, {k: v for k, v in protos.items() if k in keys},
                   {k: v for k, v in header["fingerprints"].items() if k in keys},
                   centroids={k: v for k, v in centroids.items() if k in keys},
                   counts={k: v for k, v in header["counts"].items() if k in keys},
                   head=head, config=header.get("config"), meta=header.get("meta"),
                   adapted={k: v for k, v in adapted.items()
                            if k in keys and header["fingerprints"].get(k) == fingerprints.get(k)})


def _fit_head(features, targets, config):
    """Multinomial LR over the topics that have examples; None when fewer than two do."""
    from sklearn.linear_model import LogisticRegression

    counts = {key: targets.count(key) for key in dict.fromkeys(targets)}
    keys = [key for key, n in counts.items() if n >= config["min_examples_for_head"]]
    if len(keys) < 2:
        return None
    mask = np.array([t in keys for t in targets])
    y = np.array([keys.index(t) for t, m in zip(targets, mask) if m])
    head = LogisticRegression(C=config["C"], class_weight="balanced", max_iter=2000,
                              random_state=config["seed"])
    head.fit(_normalise(features[mask]), y)
    coef, intercept = head.coef_, head.intercept_
    if len(keys) == 2:  # binary LR: p(second) = sigmoid(w.x + b), i.e. softmax of [0, w.x + b]
        coef, intercept = np.vstack([np.zeros_like(coef), coef]), np.array([0.0, intercept[0]])
    return {"keys": keys, "coef": coef.astype(np.float32), "intercept": intercept.astype(np.float32)}
