"""A fine-tuned version of a head: a LoRA adapter for the encoder plus the head itself (a
SentimentModel, TopicModel or ThemeModel) trained on the tuned encoder's embeddings.

A TunedModel answers like the model it wraps (`predict`, `version`, `keys`, `meta`, ...), but
always embeds texts with its own tuned encoder (the base encoder with the adapter merged in),
so embeddings computed with the base encoder are never mixed with it.

    model = TunedModel.train("sentiment", texts, labels, encoder)
    model.predict(texts, encoder)                 # encoder: the base encoder
    TunedModel.from_bytes(model.to_bytes())       # file: adapter arrays + the head's own bytes
"""
import hashlib
import io
import json

import numpy as np

from classifiers.tuning import Adapter, fine_tune, tuned_encoder

FORMAT = "heard-tuned/1"
KINDS = ("sentiment", "service", "theme")
# Fine-tuning needs enough labels to move the encoder without forgetting what it knew.
MIN_ROWS = {"sentiment": 150, "service": 120, "theme": 120}
# ... and, for the topic heads, on average this many per service area or theme: with about 20 per
# area the frozen prototypes and head were as good or better on the demo council's areas (0.871
# against 0.861) and an outside check found the same; with more, fine-tuning wins.
MIN_PER_LABEL = {"sentiment": 0, "service": 40, "theme": 40}
# Per head, chosen by measurement (classifiers/shipped/MODEL_CARD.md). Sentiment learns from the
# shipped corpus too (thousands of rows), so one epoch keeps it within minutes; a fine-tuned
# encoder trained on composed mixed comments judges mixed comments itself, and the frozen head's
# rule (a confidently positive and a confidently negative sentence make a text neutral) then
# only does harm: greetings and sign-offs ("Kind regards") read as the positive half of a
# complaint.
TUNING = {"sentiment": {"epochs": 1}, "service": {"epochs": 3}, "theme": {"epochs": 3}}
HEAD = {"sentiment": {"mixed_rule": False}, "service": {}, "theme": {}}


class TunedModel:
    def __init__(self, kind, adapter, inner):
        if kind not in KINDS:
            raise ValueError(f"unknown head {kind!r}")
        self.kind, self.adapter, self.inner = kind, adapter, inner
        self.meta = inner.meta
        self.meta.setdefault("method", "fine-tuned")
        self.meta["fine_tuning"] = adapter.meta

    def __getattr__(self, name):  # keys, taxonomy, config, threshold, training_count...
        if name in ("inner", "adapter", "kind"):
            raise AttributeError(name)
        return getattr(self.inner, name)

    @property
    def version(self):
        digest = hashlib.sha256((self.inner.version + self.adapter.digest).encode()).hexdigest()
        return f"{self.inner.version.split('-')[0]}-ft-{digest[:8]}"

    def encoder_for(self, encoder):
        """The tuned encoder for `encoder` (the base one the adapter was trained on)."""
        return tuned_encoder(encoder, self.adapter)

    # -- training ---------------------------------------------------------------------------
    @classmethod
    def train(cls, kind, texts, labels, encoder, taxonomy=None, config=None, tuning=None,
              sample_weights=None, unlabelled_texts=None):
        """Fine-tune an adapter on (texts, labels), then train the head on the tuned encoder.

        Sentiment: `labels` are sentiment labels. Service area: a topic key (or a one-key list)
        per text. Themes: a list of theme keys per text (empty: none applies)."""
        texts = [str(t) for t in texts]
        tuning = {**TUNING[kind], **(tuning or {})}
        config = {**HEAD[kind], **(config or {})}
        targets, n_outputs, multi = _targets(kind, labels, taxonomy)
        adapter = fine_tune(encoder, texts, targets, n_outputs, multi_label=multi, config=tuning,
                            sample_weights=sample_weights)
        tuned = tuned_encoder(encoder, adapter)
        embeddings = tuned.encode(texts)
        if kind == "sentiment":
            from classifiers.sentiment import SentimentModel

            inner = SentimentModel.train(texts, labels, tuned, config=config, embeddings=embeddings,
                                         sample_weights=sample_weights)
        elif kind == "service":
            from classifiers.topics import TopicModel

            inner = TopicModel.train(taxonomy, texts, labels, tuned, config=config, embeddings=embeddings)
            if unlabelled_texts:
                inner.adapt(np.vstack([embeddings, tuned.encode(list(unlabelled_texts))]))
        else:
            from classifiers.themes import ThemeModel

            unlabelled = tuned.encode(list(unlabelled_texts)) if unlabelled_texts else None
            inner = ThemeModel.train(taxonomy, texts, labels, tuned, config=config, embeddings=embeddings,
                                     unlabelled=unlabelled)
        inner.meta["encoder"] = getattr(encoder, "version", "")
        return cls(kind, adapter, inner)

    # -- prediction -------------------------------------------------------------------------
    def predict(self, texts, encoder, embeddings=None, **options):
        """As the wrapped head's predict; `embeddings` from the base encoder are ignored."""
        tuned = self.encoder_for(encoder)
        texts = ["" if t is None else str(t) for t in texts]
        if self.kind == "sentiment" and self.inner.config.get("strip_courtesy"):
            from classifiers.courtesy import strip_courtesy

            texts = [strip_courtesy(t) for t in texts]
        own = tuned.encode(texts) if texts else None
        return self.inner.predict(texts, tuned, embeddings=own, **options)

    def adapt(self, embeddings):
        """Base-encoder embeddings do not fit the tuned encoder: nothing to adapt."""
        return self

    # -- files --------------------------------------------------------------------------------
    def to_bytes(self):
        header = {"format": FORMAT, "kind": self.kind}
        arrays = {"header": np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8),
                  "inner": np.frombuffer(self.inner.to_bytes(), dtype=np.uint8),
                  **self.adapter.to_arrays()}
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data, taxonomy=None):
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        header = json.loads(arrays.pop("header").tobytes().decode("utf-8"))
        if header.get("format") != FORMAT:
            raise ValueError("not a Heard fine-tuned model file")
        kind, inner_bytes = header["kind"], arrays.pop("inner").tobytes()
        if kind == "sentiment":
            from classifiers.sentiment import SentimentModel

            inner = SentimentModel.from_bytes(inner_bytes)
        elif kind == "service":
            from classifiers.topics import TopicModel

            inner = TopicModel.from_bytes(inner_bytes, taxonomy)
        else:
            from classifiers.themes import ThemeModel

            inner = ThemeModel.from_bytes(inner_bytes, taxonomy)
        return cls(kind, Adapter.from_arrays(arrays), inner)


def is_tuned(data):
    """True when model-file bytes hold a fine-tuned version."""
    try:
        with np.load(io.BytesIO(bytes(data)), allow_pickle=False) as archive:
            if "header" not in archive.files or "inner" not in archive.files:
                return False
            return json.loads(archive["header"].tobytes().decode("utf-8")).get("format") == FORMAT
    except (ValueError, OSError, KeyError):
        return False


def _targets(kind, labels, taxonomy):
    """(class index per text or index list per text, number of outputs, multi-label?)."""
    if kind == "sentiment":
        from classifiers.sentiment import LABELS

        return [LABELS.index(str(label).strip().lower()) for label in labels], len(LABELS), False
    keys = [topic.key for topic in taxonomy]
    if kind == "service":
        firsts = [label if isinstance(label, str) else (list(label) or [""])[0] for label in labels]
        unknown = sorted({key for key in firsts if key not in keys})
        if unknown:
            raise ValueError(f"labels outside the taxonomy: {', '.join(unknown[:5])}")
        return [keys.index(key) for key in firsts], len(keys), False
    return [[keys.index(key) for key in label if key in keys] for label in labels], len(keys), True
