"""Officers confirm or correct what the models said, one head at a time: the sentiment, the
service area (one per item) and the themes (any number, or none). Each correction is an
OfficerLabel per value (the learning loop's training data), the item's officer rows for that
head, and an audit entry; choosing a service area also sets the item's service."""
from app.audit import services as audit
from app.feedback.models import FeedbackItem
from app.learning import taxonomy
from app.learning.models import NO_THEMES, SENTIMENTS, ItemTopic, OfficerLabel, Prediction, Topic
from app.queue import transaction


class LabelError(ValueError):
    pass


def _supersede(item, task):
    (OfficerLabel.update(superseded=True)
     .where(OfficerLabel.item == item, OfficerLabel.task == task, OfficerLabel.superseded == False)  # noqa: E712
     .execute())


def label_sentiment(item, value, *, actor):
    if value not in SENTIMENTS:
        raise LabelError("Select negative, neutral or mixed, or positive")
    with transaction():
        _supersede(item, "sentiment")
        label = OfficerLabel.create(item=item, task="sentiment", value=value, user=actor)
        audit.record("learning.sentiment_labelled", actor=actor, obj=item,
                     summary=f"Sentiment set to {SENTIMENTS[value].lower()}", details={"value": value})
    return label


def label_service(item, key, *, actor):
    """Set the item's service area to the topic `key` (a service area in the taxonomy; anything
    else is refused with taxonomy.UnknownTopic and nothing is stored). The item's service follows."""
    if not key:
        raise LabelError("Select the service area")
    topic = taxonomy.require_topics([key], kind="service")[key]
    with transaction():
        taxonomy.store_item_topics(item, [(key, 1.0)], source="officer", head="service")
        _supersede(item, "service")
        label = OfficerLabel.create(item=item, task="service", value=key, user=actor)
        if topic.service_id and item.service_id != topic.service_id:
            FeedbackItem.update(service=topic.service_id).where(FeedbackItem.id == item.id).execute()
            item.service = topic.service_id
        audit.record("learning.service_labelled", actor=actor, obj=item,
                     summary=f"Service area set to {topic.name}", details={"topic": key})
    return label


def label_themes(item, keys, *, actor):
    """Set the item's themes to `keys`; an empty list says that no theme applies. Keys outside
    the taxonomy's themes are refused (taxonomy.UnknownTopic) and nothing is stored."""
    keys = [key for key in dict.fromkeys(keys) if key != NO_THEMES]
    topics = taxonomy.require_topics(keys, kind="theme")
    with transaction():
        taxonomy.store_item_topics(item, [(k, 1.0) for k in keys], source="officer", head="theme")
        _supersede(item, "theme")
        labels = [OfficerLabel.create(item=item, task="theme", value=k, user=actor) for k in keys or [NO_THEMES]]
        names = ", ".join(topics[k].name for k in keys) or "none"
        audit.record("learning.themes_labelled", actor=actor, obj=item,
                     summary=f"Themes set: {names}"[:300], details={"themes": keys})
    return labels


def confirm(item, head, value, *, actor):
    """One click from the review queue: `value` is the sentiment or service-area key the
    officer clicked, or for themes the keys joined by commas ("" for none)."""
    if head == "sentiment":
        return [label_sentiment(item, value, actor=actor)]
    if head == "service":
        return [label_service(item, value, actor=actor)]
    if head == "theme":
        return label_themes(item, [k for k in (value or "").split(",") if k], actor=actor)
    raise LabelError("Choose what to confirm")


def latest_prediction(item):
    return (Prediction.select().where(Prediction.item == item)
            .order_by(Prediction.created_at.desc(), Prediction.id.desc()).first())


def model_rows(item, head):
    """The model's rows for one head, strongest first (assigned and runners-up)."""
    return list(ItemTopic.select(ItemTopic, Topic).join(Topic)
                .where(ItemTopic.item == item, ItemTopic.source == "model", ItemTopic.head == head)
                .order_by(ItemTopic.confidence.desc(), ItemTopic.id))


def officer_rows(item, head):
    return list(ItemTopic.select(ItemTopic, Topic).join(Topic)
                .where(ItemTopic.item == item, ItemTopic.source == "officer", ItemTopic.head == head)
                .order_by(Topic.position, Topic.name))


def current_labels(item):
    """{"sentiment": value or None, "service": key or None, "theme": [keys] or None (never
    labelled) } from the labels not superseded."""
    rows = OfficerLabel.select().where(OfficerLabel.item == item, OfficerLabel.superseded == False)  # noqa: E712
    found = {"sentiment": None, "service": None, "theme": None}
    for row in rows.order_by(OfficerLabel.id):
        if row.task == "theme":
            found["theme"] = (found["theme"] or []) + ([row.value] if row.value != NO_THEMES else [])
        elif row.task in found:
            found[row.task] = row.value
    return found


def training_data(task):
    """[(item_id, text, labels)] from every label not superseded for one head: the sentiment,
    the service area (the first, if an item has two from before the heads were apart), or
    the themes (an empty list: none apply)."""
    rows = (OfficerLabel.select(OfficerLabel, OfficerLabel.item.text.alias("item_text"))
            .join(OfficerLabel.item.rel_model)
            .where(OfficerLabel.task == task, OfficerLabel.superseded == False)  # noqa: E712
            .order_by(OfficerLabel.item, OfficerLabel.id))
    grouped, texts = {}, {}
    for row in rows.objects():
        values = grouped.setdefault(row.item_id, [])
        if row.value != NO_THEMES or task != "theme":
            values.append(row.value)
        texts[row.item_id] = row.item_text
    return [(item_id, texts[item_id], values[:1] if task == "service" else values)
            for item_id, values in grouped.items()]


def confirmed_at(item):
    row = (OfficerLabel.select().where(OfficerLabel.item == item, OfficerLabel.superseded == False)  # noqa: E712
           .order_by(OfficerLabel.at.desc()).first())
    return row.at if row else None
