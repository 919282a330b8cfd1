"""One-click corrections of what the models said, made from the case page: the learning
loop's labels (app.learning.labels), one head at a time, plus a "classification" entry on the
case timeline. Correcting the service area of an item the model routed moves the case too."""
from app.cases import routing, timeline
from app.learning import labels
from app.learning.models import SENTIMENTS, Topic
from app.queue import transaction


def correct_sentiment(case, item, value, *, actor):
    with transaction():
        label = labels.label_sentiment(item, value, actor=actor)
        timeline.add(case, "classification", f"{item.reference}: sentiment set to {SENTIMENTS[value].lower()}",
                     actor=actor, item=item)
    return label


def correct_service(case, item, key, *, actor):
    """Set the item's service area (a key outside the service areas is refused by
    app.learning with taxonomy.UnknownTopic, and nothing is stored). Returns True when the
    case moved with it (see app.cases.routing.follow_correction)."""
    with transaction():
        labels.label_service(item, key, actor=actor)
        topic = Topic.get(Topic.key == key)
        timeline.add(case, "classification", f"{item.reference}: service area set to {topic.name}",
                     actor=actor, item=item)
        return routing.follow_correction(case, item, topic.service, actor=actor)


def correct_themes(case, item, keys, *, actor):
    """Set the item's themes (an empty list: none apply); keys outside the themes are refused."""
    with transaction():
        stored = labels.label_themes(item, keys, actor=actor)
        names = [t.name for t in Topic.select().where(Topic.key.in_(list(keys) or [""])).order_by(Topic.position)]
        timeline.add(case, "classification",
                     f"{item.reference}: themes set to {', '.join(names) if names else 'none'}",
                     actor=actor, item=item)
    return stored
