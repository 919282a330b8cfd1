"""Reads for the staff pages: one item's whole picture, and who may see what."""
from app.auth.roles import ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER, SERVICE_LEAD
from app.feedback.models import FeedbackItem
from app.learning import labels, signals, taxonomy
from app.learning.models import SafeguardingFlag

EDITORS = (ADMINISTRATOR, COMPLAINTS_OFFICER, ANALYST)
READERS = EDITORS + (SERVICE_LEAD,)
SENTENCE_CLASSES = {"negative": "heard-sentence--negative", "neutral": "heard-sentence--neutral",
                    "positive": "heard-sentence--positive"}


def can_edit(user):
    return user.role in EDITORS


def item_summary(item):
    """Everything the item page shows besides the resident's words."""
    prediction = labels.latest_prediction(item)
    return {
        "prediction": prediction,
        "sentences": prediction.sentence_list if prediction else [],
        "model_topics": labels.model_topics(item),
        "officer_topics": labels.officer_topics(item),
        "labels": labels.current_labels(item),
        "flag": SafeguardingFlag.get_or_none(SafeguardingFlag.item == item),
        "duplicates": signals.duplicates_of(item),
        "topics": taxonomy.active_topics(),
    }


def initial_topics(summary):
    """What the topic checkboxes start with: the officer's topics, else the model's top one."""
    if summary["officer_topics"]:
        return [row.topic.key for row in summary["officer_topics"]]
    return [row.topic.key for row in summary["model_topics"][:1]]


def open_flags():
    """Open flags, most severe first (risk to life or to a child, then abuse, then the rest),
    then oldest first (by when the resident told us)."""
    return list(SafeguardingFlag.select(SafeguardingFlag, FeedbackItem).join(FeedbackItem)
                .where(SafeguardingFlag.status == "open")
                .order_by(SafeguardingFlag.severity, FeedbackItem.received_at, SafeguardingFlag.id))
