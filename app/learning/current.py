"""What Heard currently says about feedback items, as SQL over many items at once, so every
count (the dashboard's summaries, an action's evidence, "You said, we did") agrees:

- an item's sentiment is its officer's label (the latest not superseded), else the latest
  prediction's, and none while the models are unsure because of language ("unsure: language":
  never counted as neutral, nor in any share);
- an item's themes are the officer's when an officer has labelled its themes (an officer's
  "none apply" leaves it with none), else the model's assigned themes.
"""
from peewee import fn

from app.feedback.models import FeedbackItem
from app.learning.models import SENTIMENT_UNSURE, ItemTopic, OfficerLabel, Prediction


def sentiment_of(item_column=FeedbackItem.id):
    """An expression for the current sentiment of the item whose id is `item_column` (None
    while it has neither a label nor a prediction)."""
    officer = (OfficerLabel.select(OfficerLabel.value)
               .where(OfficerLabel.item == item_column, OfficerLabel.task == "sentiment",
                      OfficerLabel.superseded == False)  # noqa: E712
               .order_by(OfficerLabel.id.desc()).limit(1))
    model = (Prediction.select(Prediction.sentiment).where(Prediction.item == item_column)
             .order_by(Prediction.created_at.desc(), Prediction.id.desc()).limit(1))
    return fn.COALESCE(officer, fn.NULLIF(model, SENTIMENT_UNSURE))


def theme_rows(head="theme"):
    """A query of (item_id, topic_id) for every item's current topics of one head ("theme",
    or "service" for the service-area head)."""
    return ItemTopic.select(ItemTopic.item, ItemTopic.topic).where(is_current_theme(head))


def is_current_theme(head="theme"):
    """The condition an ItemTopic row meets when it is one of its item's current topics of
    `head` (to join on, where theme_rows' whole query would be too much)."""
    labelled = (OfficerLabel.select(OfficerLabel.item)
                .where(OfficerLabel.task == head, OfficerLabel.superseded == False))  # noqa: E712
    return ((ItemTopic.head == head) & (ItemTopic.assigned == True)  # noqa: E712
            & ((ItemTopic.source == "officer") | ItemTopic.item.not_in(labelled)))


def sentiments(item_ids):
    """{item id: current sentiment} for some items (those with none are left out)."""
    ids = list(item_ids)
    found = {}
    for start in range(0, len(ids), 500):
        query = (FeedbackItem.select(FeedbackItem.id, sentiment_of().alias("sentiment"))
                 .where(FeedbackItem.id.in_(ids[start:start + 500])))
        found.update({row["id"]: row["sentiment"] for row in query.dicts() if row["sentiment"]})
    return found
