"""One-click corrections of what the models said, made from the case page: the learning
loop's labels (app.learning.labels) plus a "classification" entry on the case timeline."""
from app.cases import timeline
from app.learning import labels
from app.learning.models import SENTIMENTS
from app.queue import transaction


def correct_sentiment(case, item, value, *, actor):
    with transaction():
        label = labels.label_sentiment(item, value, actor=actor)
        timeline.add(case, "classification", f"{item.reference}: sentiment set to {SENTIMENTS[value].lower()}",
                     actor=actor, item=item)
    return label


def correct_topics(case, item, keys, *, actor, names=None):
    """`names` ({key: name}) words the timeline entry; keys outside the taxonomy are refused
    by app.learning (taxonomy.UnknownTopic) and nothing is stored."""
    with transaction():
        stored = labels.label_topics(item, keys, actor=actor)
        shown = ", ".join((names or {}).get(k, k) for k in dict.fromkeys(keys))
        timeline.add(case, "classification", f"{item.reference}: topics set to {shown}", actor=actor,
                     item=item)
    return stored
