"""The learning tasks. They take ids, are safe to run twice, and are enqueued after commit.

- learning.classify / learning.classify_batch: sentiment, service area (routing items whose
  resident chose no service), themes, safeguarding, duplicates
- learning.reclassify: after a head's promotion or rollback, every item again (in batches)
- learning.train_challenger: one head (sentiment, service, theme), on demand and daily
- learning.adapt_topics: daily, keeps zero-shot service-area and theme heads adapted to the
  council's own feedback
- learning.detect_emerging: hourly
A sweep re-enqueues items still "pending" classification, up to 64 per batch.

Importing this module registers classification as a feedback hook (app.feedback.hooks), so
every new item is classified once its transaction commits. Models load inside the task
bodies only: the web process never imports torch.
"""
import logging

from huey import crontab

from app.feedback import hooks
from app.learning import predictions
from app.learning.models import TASKS
from app.queue import db_task, huey, register_sweep

log = logging.getLogger(__name__)


def run_classification(ids):
    """Classify the items, then look for safeguarding concerns and repeats (new items only)."""
    from app.learning import runtime, signals
    from app.feedback.models import FeedbackItem

    models = runtime.current()
    classified = predictions.classify_items(ids, models)
    prototypes = runtime.safeguarding_prototypes()
    vector_ids, vectors = predictions.embeddings_for(classified or [], models.encoder.version)
    vector_of = dict(zip(vector_ids, vectors))
    for item in FeedbackItem.select().where(FeedbackItem.id.in_(classified or [0])):
        signals.assess_safeguarding(item, vector_of.get(item.id), prototypes)
        signals.link_duplicates(item, models.encoder.version)
    return classified


@db_task("learning.classify_batch")
def classify_batch(ids):
    return run_classification(ids)


@db_task("learning.classify")
def classify(item_id):
    return run_classification([item_id])


def enqueue_classification(item_id):
    classify(item_id)


@db_task("learning.reclassify")
def reclassify(task):
    """Mark every item not yet predicted by the new champion as pending, then classify them in
    batches (items already done by it are skipped, so running this twice is harmless)."""
    from app.learning import runtime

    champion = runtime.champion(task)
    if champion is None:
        return 0
    predictions.mark_pending_for(task, champion)
    batches = predictions.pending_batches(limit=None)
    for batch in batches:
        classify_batch(batch)
    return sum(len(b) for b in batches)


@db_task("learning.train_challenger")
def train_challenger(task):
    from app.learning import loop

    version = loop.train_challenger(task)
    return version.status


@db_task("learning.adapt_topics")
def adapt_topics():
    """Zero-shot heads follow the council's own feedback until officers' labels take over.
    Returns {head: the new version, or None}."""
    from app.learning import loop

    made = {task: loop.adapt_zero_shot(task) for task in loop.TOPIC_HEADS}
    return {task: version.version if version is not None else None for task, version in made.items()}


@db_task("learning.detect_emerging")
def detect_emerging():
    from app.learning import runtime, signals

    return [issue.id for issue in signals.detect_emerging(runtime.encoder().version)]


@huey.periodic_task(crontab(minute="17"), name="learning.detect_emerging_hourly")
def detect_emerging_hourly():
    detect_emerging()


@huey.periodic_task(crontab(hour="3", minute="30"), name="learning.train_daily")
def train_daily():
    for task in TASKS:
        train_challenger(task)
    adapt_topics()


hooks.register(enqueue_classification)
register_sweep("learning.classify", predictions.pending_batches, classify_batch)


def _live_sentiment_model():
    """The promoted sentiment model, for `flask classifiers evaluate` (None: the shipped one)."""
    from peewee import DatabaseError

    from app.learning import runtime

    try:
        version = runtime.champion("sentiment")
    except DatabaseError:  # a database without the learning tables yet: use the shipped model
        log.info("no promoted sentiment model available; evaluating the shipped one")
        return None
    return runtime.load_sentiment(version) if version is not None else None


def _register_evaluate_provider():
    from classifiers.cli import register_sentiment_provider

    register_sentiment_provider(_live_sentiment_model)


_register_evaluate_provider()
