"""The worker's models: the encoder and the current champion of each head (sentiment, service
area, themes), loaded once per process, lazily and thread-safely, and reloaded when a champion
or the taxonomy changes.

Only the worker (and the CLI) imports this module's loaders: they pull in torch.
CLASSIFIER_ENCODER picks the encoder (a local directory or a Hugging Face id; empty means
the pinned all-MiniLM-L6-v2); see classifiers.settings.
"""
import json
import logging
import threading
from dataclasses import dataclass

from app.db import utcnow
from app.learning import quality, taxonomy
from app.learning.models import ModelVersion

log = logging.getLogger(__name__)

_lock = threading.RLock()
_cache = {}


@dataclass
class Models:
    encoder: object
    sentiment_version: ModelVersion
    sentiment: object
    service_version: ModelVersion  # None when the taxonomy has no service areas
    services: object  # classifiers.topics.TopicModel over the service areas, or None
    theme_version: ModelVersion  # None when the taxonomy has no themes
    themes: object  # classifiers.themes.ThemeModel, or None
    service_taxonomy: list  # classifiers.topics.Topic
    theme_taxonomy: list


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


def classifier_taxonomy(kind, topics=None):
    """The active topics of one kind ("service" or "theme") as the classifiers take them."""
    from classifiers.topics import Topic as ClassifierTopic

    topics = taxonomy.active_topics() if topics is None else topics
    return [ClassifierTopic(t.key, t.name, t.description) for t in topics if t.kind == kind]


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
    meta = {"source": "shipped", "shipped_version": model.version, **quality.shipped_reference(model, enc),
            **quality.measure_on_all_labels("sentiment", model, enc)}
    return ModelVersion.create(
        task="sentiment", version=next_version("sentiment"), blob=model.to_bytes(),
        encoder_version=enc.version, status="champion", promoted_at=utcnow(),
        training_count=int(getattr(model, "training_count", 0) or 0), metrics=json.dumps(meta),
        notes=f"Shipped model {model.version}")


def zero_shot(task, enc, tax, vectors):
    """A zero-shot head from the taxonomy's names and descriptions, adapted to `vectors`
    (the council's unlabelled feedback)."""
    from classifiers.themes import ThemeModel
    from classifiers.topics import TopicModel

    model_class = TopicModel if task == "service" else ThemeModel
    return model_class.zero_shot(tax, enc).adapt(vectors)


def _bootstrap_head(task, enc, tax):
    """The first champion of a topic head: zero-shot (adapted to the council's feedback already
    classified, if any), measured on any officer labels there already are."""
    from app.learning.predictions import recent_embeddings

    model = zero_shot(task, enc, tax, recent_embeddings(enc.version))
    metrics = {"source": "zero-shot", **quality.measure_on_all_labels(task, model, enc)}
    return ModelVersion.create(
        task=task, version=next_version(task), blob=model.to_bytes(), encoder_version=enc.version,
        status="champion", promoted_at=utcnow(), metrics=json.dumps(metrics, sort_keys=True),
        notes="Zero-shot from the names and descriptions in the taxonomy")


def ensure_champions():
    """{task: champion} for every head, creating the first ones when there are none (a topic
    head whose taxonomy has no active topics has no champion: None)."""
    with _lock:
        enc = encoder()
        found = {"sentiment": champion("sentiment") or _bootstrap_sentiment(enc)}
        for task in ("service", "theme"):
            tax = classifier_taxonomy(task)
            found[task] = champion(task) or (_bootstrap_head(task, enc, tax) if tax else None)
        return found


def load_sentiment(version):
    from classifiers.sentiment import SentimentModel

    key = ("sentiment", version.id)
    with _lock:
        if key not in _cache:
            _cache[key] = _from_blob(version.blob, SentimentModel.from_bytes)
        return _cache[key]


def load_head(version, tax=None):
    """A service-area or theme head with the current taxonomy of its kind (new topics are
    zero-shot until labelled)."""
    from classifiers.themes import ThemeModel
    from classifiers.topics import TopicModel

    tax = classifier_taxonomy(version.task) if tax is None else tax
    key = (version.task, version.id, fingerprint_of(tax))
    with _lock:
        if key not in _cache:
            for stale in [k for k in _cache if k[:2] == (version.task, version.id)]:
                del _cache[stale]
            model_class = TopicModel if version.task == "service" else ThemeModel
            _cache[key] = _from_blob(version.blob, lambda data: model_class.from_bytes(data, tax), tax)
        return _cache[key]


def load(version, tax=None):
    """The model of any head's version."""
    return load_sentiment(version) if version.task == "sentiment" else load_head(version, tax)


def _from_blob(blob, plain, tax=None):
    """A version's model: a fine-tuned one (adapter + head) or a head on the frozen encoder."""
    from classifiers.tuned import TunedModel, is_tuned

    data = bytes(blob)
    return TunedModel.from_bytes(data, tax) if is_tuned(data) else plain(data)


def fingerprint_of(tax):
    return "|".join(sorted(f"{t.key}:{t.name}:{t.description}" for t in tax))


def current():
    """Everything classification needs, from the champions in the database now."""
    with _lock:
        champions = ensure_champions()
        services, themes = classifier_taxonomy("service"), classifier_taxonomy("theme")
        service, theme = champions["service"], champions["theme"]
        return Models(encoder=encoder(), sentiment_version=champions["sentiment"],
                      sentiment=load_sentiment(champions["sentiment"]),
                      service_version=service if services else None,
                      services=load_head(service, services) if service and services else None,
                      theme_version=theme if themes else None,
                      themes=load_head(theme, themes) if theme and themes else None,
                      service_taxonomy=services, theme_taxonomy=themes)
