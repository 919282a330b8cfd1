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


def active_topics(kind=None):
    """The active topics (of one kind, "service" or "theme", when given)."""
    topics = ordered(active_only=True)
    return [t for t in topics if t.kind == kind] if kind else topics


def fingerprint(topics):
    """Changes whenever the active taxonomy's keys, names or descriptions change."""
    return "|".join(f"{t.key}:{t.name}:{t.description}" for t in sorted(topics, key=lambda t: t.key))


def require_topics(keys, kind=None):
    """{key: Topic} for active topics (of `kind`, when given); raises UnknownTopic for anything
    else, so a theme can never be stored as a service area or the other way round."""
    keys = list(dict.fromkeys(keys))
    query = Topic.select().where(Topic.key.in_(keys or [""]), Topic.active == True)  # noqa: E712
    if kind:
        query = query.where(Topic.kind == kind)
    found = {t.key: t for t in query}
    missing = [k for k in keys if k not in found]
    if missing:
        what = {"service": "service areas", "theme": "themes"}.get(kind, "the taxonomy")
        raise UnknownTopic(f"Not one of the {what}: {', '.join(map(str, missing))[:200]}"
                           if kind else f"Not in the taxonomy: {', '.join(map(str, missing))[:200]}")
    return found


def store_item_topics(item, scored, *, source, head, model_version=None):
    """Replace the item's `source` rows of one head ("service" or "theme") with `scored`:
    [(key, confidence)] or [(key, confidence, assigned)] (officers' rows are always assigned).
    Keys outside the active topics of that kind are refused, so nothing outside the taxonomy
    is ever stored and the two heads never mix."""
    if source not in ("model", "officer"):
        raise ValueError(f"unknown topic source {source!r}")
    if head not in TOPIC_KINDS:
        raise ValueError(f"unknown head {head!r}")
    topics = require_topics([row[0] for row in scored], kind=head)
    with transaction():
        ItemTopic.delete().where(ItemTopic.item == item, ItemTopic.source == source,
                                 ItemTopic.head == head).execute()
        for row in scored:
            assigned = bool(row[2]) if len(row) > 2 and source == "model" else True
            ItemTopic.create(item=item, topic=topics[row[0]], confidence=float(row[1]), source=source,
                             head=head, assigned=assigned, model_version=model_version)


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
