"""Measured with the real encoder (slow): the demo taxonomy's descriptions in residents' words
send the demo's complaints to the right service area, and the worker's own emerging-issue
detection finds the Oakhurst Green collection change in a freshly seeded demo."""
import datetime

import numpy as np
import pytest

from app.db import utcnow
from app.demo.generate import generate
from app.demo.scenarios import COLLECTION_CHANGE, REPEAT
from app.demo.taxonomy import describe_topics
from app.feedback.models import FeedbackItem
from app.learning import runtime, signals, taxonomy
from app.learning.models import EmergingIssue
from app.learning.predictions import store_embedding
from tests.demo.test_seed import TODAY
from tests.factories import create_user

pytestmark = pytest.mark.slow

# Missed bins, as residents write them (the demo's repeat complainant's third report went to
# Parking with the shipped descriptions).
MISSED_BINS = ["Our bin wasn't emptied on Tuesday, the whole street was done except us.",
               "The bin men missed us again, black bin still full and it stinks.",
               "brown bin not collected for 3 weeks",
               "Recycling box left behind again, the crew just walked past it.",
               ] + [spec["text"] for spec in REPEAT + COLLECTION_CHANGE]


def _service_accuracy(encoder, texts, truth):
    from classifiers.topics import TopicModel

    model = TopicModel.zero_shot(runtime.classifier_taxonomy("service", taxonomy.active_topics()), encoder)
    probs = model.probabilities(encoder.encode(texts))
    predicted = [model.keys[j] for j in probs.argmax(axis=1)]
    return float(np.mean([p == t for p, t in zip(predicted, truth)])), predicted


def _complaints():
    """The complaints and service requests of three demo years (different seeds), each once."""
    found = {}
    for seed in (1974, 1, 2):
        for item in generate(TODAY, seed=seed)["items"]:
            if item["kind"] in ("complaint", "service_request"):
                found.setdefault(item["text"], item["service"])
    return list(found), list(found.values())


def test_complaints_land_on_their_service_area_in_residents_words(app):
    encoder = runtime.encoder()
    texts, truth = _complaints()
    texts, truth = texts + MISSED_BINS, truth + ["waste-recycling"] * len(MISSED_BINS)
    shipped, _ = _service_accuracy(encoder, texts, truth)
    assert describe_topics(create_user(role="administrator")) == 20
    ours, predicted = _service_accuracy(encoder, texts, truth)
    print(f"service area right: shipped descriptions {shipped:.3f}, residents' words {ours:.3f} "
          f"over {len(texts)} complaints and requests")
    # As good as the shipped descriptions, to within two texts: 0.852 against 0.848 with fp32
    # embeddings, 0.852 against 0.853 with int8 ones (the default), the same texts.
    assert ours >= shipped - 2 / len(texts) and ours >= 0.8
    # Missed bins are Waste & Recycling. (With fp32 embeddings the shipped descriptions sent one
    # to Parking; with int8 ones they happen to get all of them right too.)
    missed = len(MISSED_BINS)
    assert predicted[-missed:] == ["waste-recycling"] * missed


def test_the_worker_finds_the_collection_change_in_a_fresh_demo(app):
    from app.demo.seed import seed_demo

    seed_demo()  # today: detection looks at the last week before now
    encoder = runtime.encoder()
    since = utcnow() - datetime.timedelta(days=signals.EMERGING_LOOKBACK_DAYS)
    recent = list(FeedbackItem.select().where(FeedbackItem.received_at >= since))
    for item, vector in zip(recent, encoder.encode([i.text for i in recent])):
        store_embedding(item.id, encoder.version, vector)

    raised = signals.detect_emerging(encoder.version)

    burst = {i.id for i in FeedbackItem.select().where(
        FeedbackItem.text.in_([spec["text"] for spec in COLLECTION_CHANGE]))}
    assert len(burst) == len(COLLECTION_CHANGE)
    found = [issue for issue in raised if burst <= set(issue.id_list)]
    assert len(found) == 1, [(i.size, i.phrase_list) for i in raised]
    print("raised:", [(issue.size, issue.phrase_list) for issue in raised])
    assert any("collection" in phrase or "bin" in phrase for phrase in found[0].phrase_list)
    assert EmergingIssue.select().count() == len(raised)
