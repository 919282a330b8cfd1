"""The council's topic taxonomy: administrators add, edit and deactivate topics.
A topic key is a slug that never changes, so labels and models keep meaning the same thing."""
import re

from app.audit import services as audit
from app.learning.models import TOPIC_KINDS, ItemTopic, Topic
from app.queue import transaction


class TaxonomyError(ValueError):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class UnknownTopic(TaxonomyError):
    """A label outside the council's taxonomy: it is never stored."""


def ordered(active_only=False):
    query = Topic.select().order_by(Topic.kind.desc(), Topic.position, Topic.name)
    if active_only:
        query = query.where(Topic.active == True)  # noqa: E712
    return list(query)


def active_topics():
    return ordered(active_only=True)


def fingerprint(topics):
    """Changes whenever the active taxonomy's keys, names or descriptions change."""
    return "|".join(f"{t.key}:{t.name}:{t.description}" for t in sorted(topics, key=lambda t: t.key))


def require_topics(keys):
    """{key: Topic} for active topics; raises UnknownTopic for anything else."""
    keys = list(dict.fromkeys(keys))
    found = {t.key: t for t in Topic.select().where(Topic.key.in_(keys or [""]), Topic.active == True)}  # noqa: E712
    missing = [k for k in keys if k not in found]
    if missing:
        raise UnknownTopic(f"Not in the taxonomy: {', '.join(map(str, missing))[:200]}")
    return found


def store_item_topics(item, scored, *, source, model_version=None):
    """Replace the item's `source` topics with `scored` [(key, confidence)], refusing any
    key outside the active taxonomy (so nothing outside it is ever stored)."""
    if source not in ("model", "officer"):
        raise ValueError(f"unknown topic source {source!r}")
    topics = require_topics([key for key, _ in scored])
    with transaction():
        ItemTopic.delete().where(ItemTopic.item == item, ItemTopic.source == source).execute()
        for key, confidence in scored:
            ItemTopic.create(item=item, topic=topics[key], confidence=float(confidence),
                             source=source, model_version=model_version)


def slugify(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "topic"


def _unique_key(name):
    base = slugify(name)
    key, n = base, 2
    while Topic.select().where(Topic.key == key).exists():
        key, n = f"{base[:55]}-{n}", n + 1
    return key


def _check(name, kind, service, topic_id=None):
    name = (name or "").strip()
    if not name:
        raise TaxonomyError("Enter a name for the topic", "name")
    if kind not in TOPIC_KINDS:
        raise TaxonomyError("Select whether this is a service area or a theme", "kind")
    clash = Topic.select().where(Topic.name == name, Topic.active == True)  # noqa: E712
    if topic_id:
        clash = clash.where(Topic.id != topic_id)
    if clash.exists():
        raise TaxonomyError("There is already an active topic with that name", "name")
    if kind == "service" and service is None:
        raise TaxonomyError("Select the service area this topic is for", "service")
    return name


def add_topic(*, name, description="", kind="theme", service=None, actor=None):
    name = _check(name, kind, service)
    with transaction():
        last = Topic.select(Topic.position).order_by(Topic.position.desc()).first()
        topic = Topic.create(key=_unique_key(name), name=name, description=(description or "").strip(),
                             kind=kind, service=service if kind == "service" else None,
                             position=(last.position + 1) if last else 0)
        audit.record("learning.topic_added", actor=actor, obj=topic, summary=f"Topic added: {name}")
    return topic


def edit_topic(topic, *, name, description="", kind="theme", service=None, active=True, actor=None):
    name = _check(name, kind, service, topic.id) if active else (name or "").strip() or topic.name
    with transaction():
        changes = {"name": name, "description": (description or "").strip(), "kind": kind,
                   "service": service if kind == "service" else None, "active": bool(active)}
        before = {k: getattr(topic, k) for k in changes}
        for field, value in changes.items():
            setattr(topic, field, value)
        topic.save()
        changed = sorted(k for k in changes if str(before[k]) != str(changes[k]))
        audit.record("learning.topic_changed", actor=actor, obj=topic,
                     summary=f"Topic changed: {name}", details={"changed": changed})
    return topic
