"""The learning tasks. They take ids, are safe to run twice, and are enqueued after commit.

- learning.classify / learning.classify_batch: sentiment, service area (routing items whose
  resident chose no service), themes, safeguarding, duplicates
- learning.reclassify: after a head's promotion or rollback, every item again (in batches)
- learning.train_challenger: one head (sentiment, service, theme), on demand and daily
- learning.adapt_topics: daily, keeps zero-shot service-area and theme heads adapted to the
  council's own feedback
- learning.detect_emerging: hourly
- learning.safeguarding_alerts: a new flag's emails (app.learning.alerts)
- learning.calibrate_safeguarding: after each officer's decision on a flag, and daily
- learning.catch_up: when the worker starts (classify what is pending, look for emerging
  issues, train challengers on labels not tried yet), so a freshly seeded demo or a worker
  back from a pause does not wait for the hourly and daily runs
Sweeps re-enqueue items still "pending" classification that no worker is classifying now (up
to 64 per batch; an item is claimed while it is classified, app.claims) and flags whose alert
emails were not all queued. The models read at most the first 10,000 characters of an item
(predictions.model_text).

`connect_intake()` connects classification to the intake signal (app.feedback.hooks), so every
new item is classified once its transaction commits; the shell calls it at start-up
(app.wiring) when the settings name "classification" among the intake listeners. Models load
inside the task bodies only: the web process never imports torch.
"""
import logging
import threading

from huey import crontab

from app.claims import claimed
from app.feedback import hooks
from app.learning import predictions
from app.learning.models import TASKS
from app.queue import db_task, huey, periodic_db_task, register_sweep

log = logging.getLogger(__name__)


def run_classification(ids):
    """Classify the items no other worker is classifying now (each is claimed while this runs,
    so a sweep or a second task never starts a second copy), then look for safeguarding
    concerns and repeats (new items only). Returns the ids classified."""
    with claimed(predictions.CLAIM, ids) as held:
        return _classify(held) if held else []


def _classify(ids):
    from classifiers.safeguarding import assess_batch

    from app.feedback.models import FeedbackItem
    from app.learning import calibration, runtime, signals

    models = runtime.current()
    classified = predictions.classify_items(ids, models)
    items = list(FeedbackItem.select().where(FeedbackItem.id.in_(classified or [0])).order_by(FeedbackItem.id))
    vector_ids, vectors = predictions.embeddings_for([i.id for i in items], models.encoder.version)
    vector_of = dict(zip(vector_ids, vectors))
    head = runtime.safeguarding_head()
    threshold = calibration.threshold(head) if head is not None else None
    embedded = [i for i in items if i.id in vector_of]
    results = dict(zip([i.id for i in embedded], assess_batch(
        [predictions.model_text(i.text) for i in embedded], encoder=models.encoder, head=head,
        threshold=threshold,
        embeddings=[vector_of[i.id] for i in embedded]))) if embedded else {}
    for item in items:
        signals.assess_safeguarding(item, results.get(item.id), threshold=threshold if item.id in results else None,
                                    head_version=head.version if head is not None and item.id in results else "")
        signals.link_duplicates(item, models.encoder.version)
    return classified


@db_task("learning.classify_batch")
def classify_batch(ids):
    return run_classification(ids)


@db_task("learning.classify")
def classify(item_id):
    return run_classification([item_id])


def enqueue_classification(item_id, **_):
    classify(item_id)


@db_task("learning.safeguarding_alerts")
def safeguarding_alerts(flag_id):
    from app.learning import alerts

    return [row.id for row in alerts.send_alerts(flag_id)]


@db_task("learning.calibrate_safeguarding")
def calibrate_safeguarding():
    from app.learning import calibration

    row = calibration.recalibrate()
    return row.threshold if row is not None else None


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


@periodic_db_task(crontab(minute="17"), name="learning.detect_emerging_hourly")
def detect_emerging_hourly():
    detect_emerging()


@db_task("learning.catch_up")
def catch_up():
    """Bring the models' work up to date: classify every pending item (in batches), look for
    emerging issues now, then train a challenger for each task whose officers' labels the loop
    has not tried yet. Safe to run twice: each step skips what is done."""
    from app.learning import loop, runtime, signals
    from app.learning.models import TASKS

    classified = sum(len(run_classification(batch) or []) for batch in predictions.pending_batches(limit=None))
    issues = signals.detect_emerging(runtime.encoder().version)
    training = [task for task in TASKS if loop.needs_training(task)]
    log.info("caught up: %d classified, %d emerging issues raised, training %s", classified, len(issues),
             ", ".join(training) or "nothing")
    for task in training:
        train_challenger(task)
    return {"classified": classified, "emerging": [issue.id for issue in issues], "training": training}


_catch_up_enqueued = threading.Lock()  # held for good once the catch-up is enqueued


@huey.on_startup("learning.catch_up_on_start")
def catch_up_on_start():
    """Every worker thread runs start-up hooks: only the first enqueues the catch-up."""
    if _catch_up_enqueued.acquire(blocking=False):
        catch_up()


@periodic_db_task(crontab(hour="3", minute="30"), name="learning.train_daily")
def train_daily():
    for task in TASKS:
        train_challenger(task)
    adapt_topics()
    calibrate_safeguarding()


def connect_intake():
    hooks.feedback_recorded.connect(enqueue_classification, weak=False)


register_sweep("learning.classify", predictions.pending_batches, classify_batch)


def _unnotified_flags():
    from app.learning import alerts

    return alerts.unnotified()


register_sweep("learning.safeguarding_alerts", _unnotified_flags, safeguarding_alerts)


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


def _live_safeguarding_threshold(head):
    """The council's calibrated threshold for `head`, for `flask classifiers evaluate`."""
    from peewee import DatabaseError

    from app.db import db
    from app.learning import calibration

    if db.obj is None:  # not inside the app (the command run on its own): the head's default
        return None
    try:
        if not db.is_closed():
            return calibration.threshold(head)
        with db.connection_context():
            return calibration.threshold(head)
    except DatabaseError:  # no learning tables yet: the head's default
        return None


def connect_evaluate():
    """`flask classifiers evaluate` tests the promoted sentiment model and the council's
    calibrated safeguarding threshold (app.wiring connects them)."""
    from classifiers.cli import register_sentiment_provider, register_threshold_provider

    register_sentiment_provider(_live_sentiment_model)
    register_threshold_provider(_live_safeguarding_threshold)
