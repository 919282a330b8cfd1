"""Classification in the worker: predictions stored with each head's version, service areas
and themes stored apart and only from the taxonomy, idempotent, swept when pending, wired to
intake."""
import pytest

from app.feedback.models import FeedbackItem
from app.learning import predictions, runtime, taxonomy
from app.learning.models import ItemEmbedding, ItemTopic, ModelVersion, Prediction, Topic
from app.learning.tasks import classify, classify_batch
from app.queue import run_sweeps
from tests.factories import create_feedback


def test_new_feedback_is_classified_after_commit():
    item = create_feedback(text="The pothole on Mill Lane is still there after three weeks.")
    item = FeedbackItem.get_by_id(item.id)
    assert item.classification_status == "done"
    prediction = Prediction.get(Prediction.item == item)
    assert prediction.sentiment in ("negative", "neutral", "positive")
    assert 0 <= prediction.sentiment_score <= 1
    assert prediction.model_version.task == "sentiment"
    assert prediction.service_model_version.task == "service" and prediction.theme_model_version.task == "theme"
    assert prediction.sentence_list and prediction.sentence_list[0]["text"]
    services = list(ItemTopic.select().where(ItemTopic.item == item, ItemTopic.head == "service")
                    .order_by(ItemTopic.confidence.desc()))
    assert len(services) == 3 and all(t.topic.kind == "service" and t.source == "model" for t in services)
    assert [t.assigned for t in services] == [True, False, False]  # one service area per item
    assert prediction.service_confidence == services[0].confidence
    assert sum(t.confidence for t in services) <= 1.0 + 1e-6  # a softmax over the service areas only
    themes = list(ItemTopic.select().where(ItemTopic.item == item, ItemTopic.head == "theme"))
    assert all(t.topic.kind == "theme" and 0 <= t.confidence <= 1 for t in themes)
    assert len([t for t in themes if not t.assigned]) <= 2  # runners-up kept as alternatives
    assert prediction.theme_margin is not None and prediction.theme_margin >= 0
    assert ItemEmbedding.get(ItemEmbedding.item == item).encoder_version == runtime.encoder().version
    # the first champion of each topic head is zero-shot from the taxonomy
    for task in ("service", "theme"):
        assert ModelVersion.get(ModelVersion.task == task).status == "champion"


def test_classify_is_idempotent():
    item = create_feedback(text="Lovely staff at the library, thank you.")
    classify(item.id)
    classify_batch([item.id, item.id])
    assert Prediction.select().where(Prediction.item == item).count() == 1
    assert ItemTopic.select().where(ItemTopic.item == item, ItemTopic.head == "service").count() == 3


def test_sweep_enqueues_pending_items_in_batches():
    items = [create_feedback(text=f"Bin {n} was missed again.") for n in range(3)]
    FeedbackItem.update(classification_status="pending").execute()
    Prediction.delete().execute()
    assert predictions.pending_batches() == [[i.id for i in items]]
    counts = run_sweeps()
    assert counts["learning.classify"] == 1
    assert FeedbackItem.select().where(FeedbackItem.classification_status == "pending").count() == 0
    assert Prediction.select().count() == 3


def test_sweep_batches_hold_at_most_64():
    ids = [create_feedback(text="x").id for _ in range(2)]
    FeedbackItem.update(classification_status="pending").execute()
    predictions.BATCH, old = 1, predictions.BATCH
    try:
        assert predictions.pending_batches() == [[ids[0]], [ids[1]]]
    finally:
        predictions.BATCH = old
    assert old == 64


def test_a_label_outside_the_taxonomy_or_its_head_is_never_stored():
    item = create_feedback(text="Something about the roads.")
    before = ItemTopic.select().count()
    with pytest.raises(taxonomy.UnknownTopic):
        taxonomy.store_item_topics(item, [("highways", 0.9), ("made-up-topic", 0.8)], source="model",
                                   head="service")
    with pytest.raises(taxonomy.UnknownTopic):  # a theme is not a service area
        taxonomy.store_item_topics(item, [("delay", 0.9)], source="model", head="service")
    with pytest.raises(taxonomy.UnknownTopic):  # nor the other way round
        taxonomy.store_item_topics(item, [("highways", 0.9)], source="officer", head="theme")
    assert ItemTopic.select().count() == before
    inactive = Topic.get(Topic.key == "contractor")
    inactive.active = False
    inactive.save()
    with pytest.raises(taxonomy.UnknownTopic):
        taxonomy.store_item_topics(item, [("contractor", 0.9)], source="officer", head="theme")


def test_taxonomy_is_seeded_with_services_and_themes():
    keys = {t.key: t for t in Topic.select()}
    assert keys["highways"].kind == "service" and keys["highways"].service.slug == "highways"
    for theme in ("communication", "delay", "staff-attitude", "digital-website", "accessibility",
                  "cost-charges", "policy-decision", "contractor"):
        assert keys[theme].kind == "theme" and keys[theme].description
