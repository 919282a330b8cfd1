"""Officers confirm or correct what the models said. Each correction is an OfficerLabel
(the learning loop's training data), the item's officer topics, and an audit entry."""
from app.audit import services as audit
from app.learning import taxonomy
from app.learning.models import SENTIMENTS, ItemTopic, OfficerLabel, Prediction, Topic
from app.queue import transaction

REVIEW_SENTIMENT_BELOW = 0.6
REVIEW_TOPIC_BELOW = 0.5


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


def label_topics(item, keys, *, actor):
    """Set the item's topics to `keys` (one label per topic). Keys outside the taxonomy are
    refused (taxonomy.UnknownTopic) and nothing is stored."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        raise LabelError("Select at least one topic")
    with transaction():
        taxonomy.store_item_topics(item, [(k, 1.0) for k in keys], source="officer")
        _supersede(item, "topic")
        labels = [OfficerLabel.create(item=item, task="topic", value=k, user=actor) for k in keys]
        audit.record("learning.topics_labelled", actor=actor, obj=item,
                     summary=f"Topics set ({len(keys)})", details={"topics": keys})
    return labels


def confirm(item, *, actor):
    """Accept the latest prediction as it stands: its sentiment and its top topic."""
    prediction = latest_prediction(item)
    if prediction is None:
        raise LabelError("This item has not been classified yet")
    topics = model_topics(item)
    with transaction():
        label_sentiment(item, prediction.sentiment, actor=actor)
        if topics:
            label_topics(item, [topics[0].topic.key], actor=actor)
    return prediction


def latest_prediction(item):
    return (Prediction.select().where(Prediction.item == item)
            .order_by(Prediction.created_at.desc(), Prediction.id.desc()).first())


def model_topics(item):
    return list(ItemTopic.select(ItemTopic, Topic).join(Topic)
                .where(ItemTopic.item == item, ItemTopic.source == "model")
                .order_by(ItemTopic.confidence.desc()))


def officer_topics(item):
    return list(ItemTopic.select(ItemTopic, Topic).join(Topic)
                .where(ItemTopic.item == item, ItemTopic.source == "officer").order_by(Topic.name))


def current_labels(item):
    """{"sentiment": value or None, "topic": [keys]} from non-superseded labels."""
    rows = OfficerLabel.select().where(OfficerLabel.item == item, OfficerLabel.superseded == False)  # noqa: E712
    found = {"sentiment": None, "topic": []}
    for row in rows.order_by(OfficerLabel.id):
        if row.task == "sentiment":
            found["sentiment"] = row.value
        else:
            found["topic"].append(row.value)
    return found


def review_queue(limit=50, scope=None):
    """Items whose latest prediction is unsure (sentiment score < 0.6 or top topic < 0.5)
    and that no officer has labelled yet, oldest first."""
    from app.feedback.models import FeedbackItem
    from peewee import JOIN, fn

    latest = (Prediction.select(Prediction.item, fn.MAX(Prediction.id).alias("pid"))
              .group_by(Prediction.item).alias("latest"))
    top = (ItemTopic.select(ItemTopic.item, fn.MAX(ItemTopic.confidence).alias("best"))
           .where(ItemTopic.source == "model").group_by(ItemTopic.item).alias("top"))
    labelled = OfficerLabel.select(OfficerLabel.item).where(OfficerLabel.superseded == False)  # noqa: E712
    query = (FeedbackItem.select(FeedbackItem, Prediction.sentiment, Prediction.sentiment_score,
                                 top.c.best.alias("top_confidence"))
             .join(latest, on=(latest.c.item_id == FeedbackItem.id))
             .join(Prediction, on=(Prediction.id == latest.c.pid))
             .join(top, JOIN.LEFT_OUTER, on=(top.c.item_id == FeedbackItem.id), src=FeedbackItem)
             .where((Prediction.sentiment_score < REVIEW_SENTIMENT_BELOW)
                    | (top.c.best.is_null()) | (top.c.best < REVIEW_TOPIC_BELOW))
             .where(FeedbackItem.id.not_in(labelled))
             .order_by(FeedbackItem.received_at, FeedbackItem.id))
    if scope is not None:
        query = query.where(scope)
    return list(query.objects().limit(limit))


def confirmed_at(item):
    row = (OfficerLabel.select().where(OfficerLabel.item == item, OfficerLabel.superseded == False)  # noqa: E712
           .order_by(OfficerLabel.at.desc()).first())
    return row.at if row else None
