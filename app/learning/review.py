"""The review queue: items a head was unsure about that no officer has answered for that head,
oldest first, in pages, each with what the models said and one-click answers per head
("Confirm Waste & Recycling" beside "Highways", "Parking"), so correcting is one click too.

A head is unsure when: sentiment under REVIEW_SENTIMENT_BELOW; the best service area under
the routing confidence (those items were not routed: someone has to choose); or a theme within
REVIEW_THEME_MARGIN of its threshold; and every head of an item written in another language
("unsure: language", Prediction.unsure), which has no answer to confirm, only the choices.
"""
from dataclasses import dataclass, field

from peewee import JOIN, fn

from app.feedback.models import FeedbackItem
from app.learning.models import NO_THEMES, SENTIMENTS, ItemTopic, OfficerLabel, Prediction, Topic
from app.learning.routing import ROUTE_AT

PAGE_SIZE = 25
REVIEW_SENTIMENT_BELOW = 0.6
REVIEW_SERVICE_BELOW = ROUTE_AT
# A theme within this of its threshold: about one item in ten with zero-shot themes adapted to
# the feedback (measured: 11% of the demo council's items, 8% of the NHS comments; 0.05 would
# be 25% and 17%, too many to ask about).
REVIEW_THEME_MARGIN = 0.02
MAX_PAGE = 10 ** 6


@dataclass
class Option:
    value: str  # what the button posts
    text: str  # "Confirm Waste & Recycling", "Highways (21%)"
    confirms: bool = False  # the model's own answer


@dataclass
class HeadReview:
    head: str  # sentiment | service | theme
    name: str  # "Sentiment", "Service area", "Themes"
    said: str  # the model's answer in words, with its confidence
    unsure: bool
    officer: str = None  # the officer's answer in words, when there is one
    options: list = field(default_factory=list)


@dataclass
class ReviewPage:
    rows: list  # [(item, [HeadReview])]
    total: int
    number: int
    pages: int


def page_number(raw):
    """A page number from the query string: anything that is not a positive whole number is 1."""
    text = str(raw or "").strip()
    return min(int(text), MAX_PAGE) if text.isdigit() and int(text) > 0 else 1


def _labelled(task):
    return OfficerLabel.select(OfficerLabel.item).where(OfficerLabel.task == task,
                                                        OfficerLabel.superseded == False)  # noqa: E712


def queue(scope=None):
    """Every item waiting for review (unpaged), oldest first, with its latest prediction."""
    latest = (Prediction.select(Prediction.item, fn.MAX(Prediction.id).alias("pid"))
              .group_by(Prediction.item).alias("latest"))
    unsure_sentiment = ((Prediction.sentiment_score < REVIEW_SENTIMENT_BELOW)
                        & FeedbackItem.id.not_in(_labelled("sentiment")))
    unsure_service = ((Prediction.service_confidence.is_null(False))
                      & (Prediction.service_confidence < REVIEW_SERVICE_BELOW)
                      & FeedbackItem.id.not_in(_labelled("service")))
    unsure_theme = ((Prediction.theme_margin < REVIEW_THEME_MARGIN)
                    & FeedbackItem.id.not_in(_labelled("theme")))
    unsure_language = ((Prediction.unsure != "")  # "unsure: language": every head, until answered
                       & (FeedbackItem.id.not_in(_labelled("sentiment")) | FeedbackItem.id.not_in(_labelled("service"))
                          | FeedbackItem.id.not_in(_labelled("theme"))))
    query = (FeedbackItem.select(FeedbackItem, Prediction)
             .join(latest, on=(latest.c.item_id == FeedbackItem.id))
             .switch(FeedbackItem)
             .join(Prediction, JOIN.INNER, on=(Prediction.id == latest.c.pid), attr="prediction")
             .where(unsure_sentiment | unsure_service | unsure_theme | unsure_language)
             .order_by(FeedbackItem.received_at, FeedbackItem.id))
    return query.where(scope) if scope is not None else query


def page(scope=None, number=1, size=PAGE_SIZE):
    """One page of the queue (the number is clamped to the pages there are)."""
    query = queue(scope)
    total = query.count()
    pages = max(1, -(-total // size))
    number = min(max(1, number), pages)
    items = list(query.paginate(number, size))
    return ReviewPage(rows=_reviews(items), total=total, number=number, pages=pages)


def _reviews(items):
    ids = [item.id for item in items] or [0]
    rows = {}
    for row in (ItemTopic.select(ItemTopic, Topic).join(Topic)
                .where(ItemTopic.item.in_(ids), ItemTopic.source == "model")
                .order_by(ItemTopic.confidence.desc(), ItemTopic.id)):
        rows.setdefault((row.item_id, row.head), []).append(row)
    answers = {}
    for label in (OfficerLabel.select(OfficerLabel, Topic.name.alias("topic_name"))
                  .join(Topic, JOIN.LEFT_OUTER, on=(Topic.key == OfficerLabel.value))
                  .where(OfficerLabel.item.in_(ids), OfficerLabel.superseded == False)  # noqa: E712
                  .order_by(OfficerLabel.id).objects()):
        answers.setdefault((label.item_id, label.task), []).append(label)
    return [(item, [_sentiment(item, answers.get((item.id, "sentiment"))),
                    _service(item, rows.get((item.id, "service"), []), answers.get((item.id, "service"))),
                    _themes(item, rows.get((item.id, "theme"), []), answers.get((item.id, "theme")))])
            for item in items]


def _percent(value):
    return f"{value * 100:.0f}%"


def _sentiment(item, answered):
    p = item.prediction
    said = p.unsure_words or f"{SENTIMENTS[p.sentiment].lower()} ({_percent(p.sentiment_score)})"
    review = HeadReview("sentiment", "Sentiment", said, unsure=bool(p.unsure) or p.sentiment_score < REVIEW_SENTIMENT_BELOW)
    if answered:
        review.officer = SENTIMENTS.get(answered[-1].value, answered[-1].value).lower()
        return review
    confirm = [] if p.unsure else [Option(p.sentiment, f"Confirm {SENTIMENTS[p.sentiment].lower()}", True)]
    review.options = confirm + [
        Option(key, words) for key, words in SENTIMENTS.items() if key != p.sentiment]
    return review


def _service(item, rows, answered):
    confidence = item.prediction.service_confidence
    unsure = item.prediction.unsure_words
    said = f"{rows[0].topic.name} ({_percent(rows[0].confidence)})" if rows else unsure or "no service area yet"
    review = HeadReview("service", "Service area", said,
                        unsure=bool(unsure) or confidence is not None and confidence < REVIEW_SERVICE_BELOW)
    if answered:
        review.officer = answered[-1].topic_name or answered[-1].value
    elif rows:
        review.options = [Option(rows[0].topic.key, f"Confirm {rows[0].topic.name}", True)] + [
            Option(row.topic.key, f"{row.topic.name} ({_percent(row.confidence)})") for row in rows[1:]]
    return review


def _themes(item, rows, answered):
    assigned = [row for row in rows if row.assigned]
    unsure = item.prediction.unsure_words
    said = ", ".join(f"{row.topic.name} ({_percent(row.confidence)})" for row in assigned) or unsure or "none"
    margin = item.prediction.theme_margin
    review = HeadReview("theme", "Themes", said,
                        unsure=bool(unsure) or margin is not None and margin < REVIEW_THEME_MARGIN)
    if answered:
        review.officer = ", ".join(a.topic_name or a.value for a in answered if a.value != NO_THEMES) or "none"
        return review
    if item.prediction.theme_model_version_id is None or unsure:  # no guess to confirm: the item page
        return review
    keys = [row.topic.key for row in assigned]
    review.options = [Option(",".join(keys), "Confirm " + (", ".join(r.topic.name for r in assigned)
                                                           if assigned else "no theme"), True)]
    review.options += [Option(",".join(keys + [row.topic.key]), f"Add {row.topic.name} ({_percent(row.confidence)})")
                       for row in rows if not row.assigned]
    review.options += [Option(",".join(k for k in keys if k != row.topic.key), f"Remove {row.topic.name}")
                       for row in assigned]
    return review
