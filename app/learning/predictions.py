"""Classifying items: one batch through the encoder and the champion models, stored with
the versions that made it. Runs in the worker (see tasks.py)."""
import json
import logging

import numpy as np
from peewee import fn

from app.feedback.models import FeedbackItem
from app.learning import taxonomy
from app.learning.models import ItemEmbedding, Prediction
from app.queue import transaction

log = logging.getLogger(__name__)

BATCH = 64
TOP_K = 3


def _latest():
    return (Prediction.select(fn.MAX(Prediction.id)).group_by(Prediction.item))


def done_ids(ids, sentiment_version, topic_version):
    """The ids among `ids` whose latest prediction came from exactly these versions."""
    return {row.item_id for row in Prediction.select(Prediction.item).where(
        Prediction.id.in_(_latest()), Prediction.item.in_(list(ids) or [0]),
        Prediction.model_version == sentiment_version, Prediction.topic_model_version == topic_version)}


def classify_items(ids, models=None):
    """Predict sentiment and topics for the items not yet predicted by the current champions;
    store them, their embeddings, and mark the items done. Returns the ids classified."""
    from app.learning import runtime

    models = models or runtime.current()
    ids = list(dict.fromkeys(int(i) for i in ids))
    skip = done_ids(ids, models.sentiment_version, models.topic_version)
    if skip:
        _mark_done(skip)
    items = list(FeedbackItem.select().where(FeedbackItem.id.in_([i for i in ids if i not in skip] or [0]))
                 .order_by(FeedbackItem.id))
    if not items:
        return []
    texts = [item.text or "" for item in items]
    vectors = models.encoder.encode(texts)
    sentiments = models.sentiment.predict(texts, models.encoder, embeddings=vectors)
    topics = models.topics.predict(texts, models.encoder, top_k=TOP_K, embeddings=vectors)
    known = {t.key for t in models.taxonomy}
    with transaction():
        for item, vector, sentiment, scored in zip(items, vectors, sentiments, topics):
            _store(item, vector, sentiment, [(k, c) for k, c in scored if k in known], models)
    return [item.id for item in items]


def _store(item, vector, sentiment, scored, models):
    Prediction.create(
        item=item, model_version=models.sentiment_version, topic_model_version=models.topic_version,
        sentiment=sentiment.label, sentiment_score=float(sentiment.score),
        sentences=json.dumps([{"text": s.text, "label": s.label, "score": round(float(s.score), 4)}
                              for s in (sentiment.sentences or [])]))
    taxonomy.store_item_topics(item, scored, source="model", model_version=models.topic_version)
    store_embedding(item.id, models.encoder.version, vector)
    FeedbackItem.update(classification_status="done").where(FeedbackItem.id == item.id).execute()


def _mark_done(ids):
    (FeedbackItem.update(classification_status="done")
     .where(FeedbackItem.id.in_(list(ids)), FeedbackItem.classification_status != "done").execute())


def store_embedding(item_id, encoder_version, vector):
    data = np.asarray(vector, dtype=np.float32).tobytes()
    updated = (ItemEmbedding.update(encoder_version=encoder_version, vector=data)
               .where(ItemEmbedding.item == item_id).execute())
    if not updated:
        ItemEmbedding.insert(item=item_id, encoder_version=encoder_version, vector=data).on_conflict_ignore().execute()


def embeddings_for(ids, encoder_version):
    """(ids, float32 matrix) for the items that have a stored vector from this encoder."""
    rows = list(ItemEmbedding.select(ItemEmbedding.item, ItemEmbedding.vector).where(
        ItemEmbedding.item.in_(list(ids) or [0]), ItemEmbedding.encoder_version == encoder_version)
        .order_by(ItemEmbedding.item))
    if not rows:
        return [], np.zeros((0, 0), dtype=np.float32)
    return ([row.item_id for row in rows],
            np.vstack([np.frombuffer(bytes(row.vector), dtype=np.float32) for row in rows]))


def recent_embeddings(encoder_version, limit=5000):
    """The stored vectors of the newest items from this encoder (for topic adaptation)."""
    rows = (ItemEmbedding.select(ItemEmbedding.vector)
            .where(ItemEmbedding.encoder_version == encoder_version)
            .order_by(ItemEmbedding.item.desc()).limit(limit))
    vectors = [np.frombuffer(bytes(row.vector), dtype=np.float32) for row in rows]
    return np.vstack(vectors) if vectors else np.zeros((0, 0), dtype=np.float32)


def pending_batches(limit=BATCH * 20):
    """Lists of at most BATCH ids still waiting for classification (for the sweep)."""
    ids = [row.id for row in FeedbackItem.select(FeedbackItem.id)
           .where(FeedbackItem.classification_status == "pending").order_by(FeedbackItem.id).limit(limit)]
    return [ids[i:i + BATCH] for i in range(0, len(ids), BATCH)]


def mark_pending_for(task, champion):
    """After a promotion or rollback: every item not predicted by `champion` waits again."""
    column = Prediction.model_version if task == "sentiment" else Prediction.topic_model_version
    current = Prediction.select(Prediction.item).where(Prediction.id.in_(_latest()), column == champion)
    return (FeedbackItem.update(classification_status="pending")
            .where(FeedbackItem.id.not_in(current)).execute())
