"""The worker's models: the encoder and the current champions, loaded once per process,
lazily and thread-safely, and reloaded when a champion or the taxonomy changes.

Only the worker (and the CLI) imports this module's loaders: they pull in torch.
CLASSIFIER_ENCODER picks the encoder (a local directory or a Hugging Face id; empty means
the pinned all-MiniLM-L6-v2); see classifiers.settings.
"""
import json
import logging
import threading
from dataclasses import dataclass

from app.db import utcnow
from app.learning import taxonomy
from app.learning.models import ModelVersion

log = logging.getLogger(__name__)

_lock = threading.RLock()
_cache = {}


@dataclass
class Models:
    encoder: object
    sentiment_version: ModelVersion
    sentiment: object
    topic_version: ModelVersion
    topics: object
    taxonomy: list  # classifiers.topics.Topic


def reset():
    """Forget everything loaded (tests, or after CLASSIFIER_ENCODER changes)."""
    with _lock:
        _cache.clear()


def encoder():
    with _lock:
        if "encoder" not in _cache:
            from classifiers.encoder import load_encoder

            _cache["encoder"] = load_encoder()
            log.info("encoder loaded: %s", _cache["encoder"].version)
        return _cache["encoder"]


def safeguarding_head():
    """The shipped safeguarding head when it was trained on the encoder in use, else None
    (the safeguarding flag then runs on its patterns alone)."""
    from app.learning.calibration import shipped_head

    head, enc = shipped_head(), encoder()
    if head.meta.get("encoder") != enc.version or head.dim != enc.dim:
        with _lock:
            if ("safeguarding-warned", enc.version) not in _cache:
                _cache[("safeguarding-warned", enc.version)] = True
                log.warning("the safeguarding head was trained on %s, not %s: patterns only",
                            head.meta.get("encoder"), enc.version)
        return None
    return head


def classifier_taxonomy(topics=None):
    from classifiers.topics import Topic as ClassifierTopic

    topics = taxonomy.active_topics() if topics is None else topics
    return [ClassifierTopic(t.key, t.name, t.description) for t in topics]


def champion(task):
    return (ModelVersion.select()
            .where(ModelVersion.task == task, ModelVersion.status == "champion")
            .order_by(ModelVersion.promoted_at.desc(), ModelVersion.id.desc()).first())


def next_version(task):
    n = ModelVersion.select().where(ModelVersion.task == task).count() + 1
    while ModelVersion.select().where(ModelVersion.task == task,
                                      ModelVersion.version == f"{task}-{n}").exists():
        n += 1
    return f"{task}-{n}"


def _bootstrap_sentiment(enc):
    """The first sentiment champion: the shipped model."""
    from classifiers.sentiment import load_shipped_sentiment

    model = load_shipped_sentiment()
    trained_for = model.meta.get("encoder", "")
    if trained_for and trained_for != enc.version:
        raise RuntimeError(
            f"The shipped sentiment model was trained on the encoder {trained_for}, but "
            f"CLASSIFIER_ENCODER gives {enc.version}: train a sentiment model for that encoder first")
    meta = {"source": "shipped", "shipped_version": model.version}
    return ModelVersion.create(
        task="sentiment", version=next_version("sentiment"), blob=model.to_bytes(),
        encoder_version=enc.version, status="champion", promoted_at=utcnow(),
        training_count=int(getattr(model, "training_count", 0) or 0), metrics=json.dumps(meta),
        notes=f"Shipped model {model.version}")


def _bootstrap_topics(enc, tax):
    """The first topic champion: zero-shot, from the taxonomy's names and descriptions
    (adapted to the council's feedback already classified, if any)."""
    from classifiers.topics import TopicModel

    from app.learning.predictions import recent_embeddings

    model = TopicModel.zero_shot(tax, enc).adapt(recent_embeddings(enc.version))
    return ModelVersion.create(
        task="topic", version=next_version("topic"), blob=model.to_bytes(),
        encoder_version=enc.version, status="champion", promoted_at=utcnow(),
        metrics=json.dumps({"source": "zero-shot"}),
        notes="Zero-shot from the topics' names and descriptions")


def ensure_champions():
    """(sentiment champion, topic champion), creating the first ones when there are none."""
    with _lock:
        enc = encoder()
        sentiment = champion("sentiment") or _bootstrap_sentiment(enc)
        topic = champion("topic") or _bootstrap_topics(enc, classifier_taxonomy())
        return sentiment, topic


def load_sentiment(version):
    from classifiers.sentiment import SentimentModel

    key = ("sentiment", version.id)
    with _lock:
        if key not in _cache:
            _cache[key] = SentimentModel.from_bytes(bytes(version.blob))
        return _cache[key]


def load_topics(version, tax=None):
    """The topic model with the current taxonomy (new topics are zero-shot until labelled)."""
    from classifiers.topics import TopicModel

    tax = classifier_taxonomy() if tax is None else tax
    key = ("topic", version.id, fingerprint_of(tax))
    with _lock:
        if key not in _cache:
            for stale in [k for k in _cache if k[:2] == ("topic", version.id)]:
                del _cache[stale]
            _cache[key] = TopicModel.from_bytes(bytes(version.blob), tax)
        return _cache[key]


def fingerprint_of(tax):
    return "|".join(sorted(f"{t.key}:{t.name}:{t.description}" for t in tax))


def current():
    """Everything classification needs, from the champions in the database now."""
    with _lock:
        sentiment_version, topic_version = ensure_champions()
        tax = classifier_taxonomy()
        return Models(encoder=encoder(), sentiment_version=sentiment_version,
                      sentiment=load_sentiment(sentiment_version), topic_version=topic_version,
                      topics=load_topics(topic_version, tax), taxonomy=tax)
