"""Classifying items: one batch through the encoder and the champion of each head (sentiment,
service area, themes), stored with the versions that made it. Runs in the worker (tasks.py).

The models read at most MODEL_TEXT_LIMIT characters of an item (`model_text`): the web form's
own limit, so whatever a resident types into the form is classified whole, and a huge email is
classified on its first 10,000 characters, as if they had been typed into the form (what the
resident says first; the rest of a long email is mostly pasted or forwarded material). The full
text stays stored, shown to officers and searched. Without a bound, 200,000 characters took
130 s and held a worker thread for all of it."""
import json
import logging

import numpy as np
from peewee import fn

from app.claims import free
from app.feedback.forms import TEXT_LIMIT as MODEL_TEXT_LIMIT
from app.feedback.models import FeedbackItem
from app.learning import routing, taxonomy
from app.learning.models import SENTIMENT_UNSURE, UNSURE_LANGUAGE, ItemEmbedding, Prediction
from app.queue import transaction

log = logging.getLogger(__name__)

BATCH = 64
TOP_K = 3  # service areas stored per item: the choice and two runners-up
RUNNERS_UP = 2  # themes below their threshold stored as alternatives
CLAIM = "learning.classify"  # the claim (app.claims) a worker holds on an item it classifies


def model_text(text):
    """The part of `text` the models read: all of it up to MODEL_TEXT_LIMIT characters, else
    the first MODEL_TEXT_LIMIT, ending at a space when there is one near the end."""
    text = text or ""
    if len(text) <= MODEL_TEXT_LIMIT:
        return text
    head = text[:MODEL_TEXT_LIMIT]
    space = head.rfind(" ", MODEL_TEXT_LIMIT - 200)
    return head[:space] if space > 0 else head


def _latest():
    return (Prediction.select(fn.MAX(Prediction.id)).group_by(Prediction.item))


def done_ids(ids, models):
    """The ids among `ids` whose latest prediction came from exactly these champions."""
    return {row.item_id for row in Prediction.select(Prediction.item).where(
        Prediction.id.in_(_latest()), Prediction.item.in_(list(ids) or [0]),
        Prediction.model_version == models.sentiment_version,
        _same(Prediction.service_model_version, models.service_version),
        _same(Prediction.theme_model_version, models.theme_version))}


def _same(column, version):
    return column.is_null() if version is None else column == version


def classify_items(ids, models=None):
    """Predict sentiment, service area and themes for the items not yet predicted by the
    current champions; store them (each head's rows apart), their embeddings, route items
    whose resident chose no service, and mark the items done. Returns the ids classified."""
    from app.learning import runtime

    models = models or runtime.current()
    ids = list(dict.fromkeys(int(i) for i in ids))
    skip = done_ids(ids, models)
    if skip:
        _mark_done(skip)
    items = list(FeedbackItem.select().where(FeedbackItem.id.in_([i for i in ids if i not in skip] or [0]))
                 .order_by(FeedbackItem.id))
    if not items:
        return []
    texts = [model_text(item.text) for item in items]
    languages = detect_languages(texts)
    vectors = models.encoder.encode(texts)
    sentiments = models.sentiment.predict(texts, models.encoder, embeddings=vectors)
    services = (models.services.predict(texts, models.encoder, top_k=TOP_K, embeddings=vectors)
                if models.services else [[] for _ in items])
    themes = (models.themes.predict(texts, models.encoder, embeddings=vectors)
              if models.themes else [[] for _ in items])
    with transaction():
        for item, vector, sentiment, service, theme, found in zip(items, vectors, sentiments, services, themes,
                                                                  languages):
            store_language(item, found)
            if is_foreign(found.code):
                _store_unsure(item, vector, models)
            else:
                _store(item, vector, sentiment, service, theme, models)
    return [item.id for item in items]


def _store(item, vector, sentiment, service, themes, models):
    Prediction.create(
        item=item, model_version=models.sentiment_version, service_model_version=models.service_version,
        theme_model_version=models.theme_version, sentiment=sentiment.label,
        sentiment_score=float(sentiment.score), service_confidence=service[0][1] if service else None,
        theme_margin=_margin(themes, models.themes),
        sentences=json.dumps([{"text": s.text, "label": s.label, "score": round(float(s.score), 4)}
                              for s in (sentiment.sentences or [])]))
    if models.services:
        taxonomy.store_item_topics(item, [(k, c, i == 0) for i, (k, c) in enumerate(service)], source="model",
                                   head="service", model_version=models.service_version)
        routing.route(item, service, models.service_version)
    if models.themes:
        taxonomy.store_item_topics(item, _theme_rows(themes), source="model", head="theme",
                                   model_version=models.theme_version)
    store_embedding(item.id, models.encoder.version, vector)
    FeedbackItem.update(classification_status="done").where(FeedbackItem.id == item.id).execute()


def detect_languages(texts):
    """classifiers.language.Detected for each text (the identifier loads on first use)."""
    from classifiers.language import detect_batch

    return detect_batch(texts)


def is_foreign(code):
    from classifiers.language import is_foreign as foreign

    return foreign(code)


def store_language(item, found):
    item.language, item.language_confidence = found.code, found.confidence
    (FeedbackItem.update(language=found.code, language_confidence=found.confidence)
     .where(FeedbackItem.id == item.id).execute())


def _store_unsure(item, vector, models):
    """Written in another language than the models were trained on: the prediction says
    "unsure: language" (no sentiment, no service area or themes, no routing) rather than guess;
    the embedding is kept for duplicates and safeguarding."""
    Prediction.create(
        item=item, model_version=models.sentiment_version, service_model_version=models.service_version,
        theme_model_version=models.theme_version, sentiment=SENTIMENT_UNSURE, sentiment_score=0.0,
        unsure=UNSURE_LANGUAGE, sentences="[]")
    if models.services:  # an earlier run's guesses go
        taxonomy.store_item_topics(item, [], source="model", head="service")
    if models.themes:
        taxonomy.store_item_topics(item, [], source="model", head="theme")
    store_embedding(item.id, models.encoder.version, vector)
    FeedbackItem.update(classification_status="done").where(FeedbackItem.id == item.id).execute()


def _theme_rows(scored):
    """The themes over their thresholds, and the RUNNERS_UP strongest below (alternatives an
    officer can tick in one click)."""
    assigned = [row for row in scored if row[2]]
    below = [row for row in scored if not row[2]][:RUNNERS_UP]
    return assigned + below


def _margin(scored, model):
    """How close the nearest theme came to its threshold (None without a theme head)."""
    if not scored or model is None:
        return None
    return round(min(abs(score - model.threshold(key)) for key, score, _ in scored), 4)


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
    """Lists of at most BATCH ids still waiting for classification that no worker is
    classifying now (for the sweep)."""
    ids = free(CLAIM, [row.id for row in FeedbackItem.select(FeedbackItem.id)
                       .where(FeedbackItem.classification_status == "pending")
                       .order_by(FeedbackItem.id).limit(limit)])
    return [ids[i:i + BATCH] for i in range(0, len(ids), BATCH)]


HEAD_COLUMNS = {"sentiment": Prediction.model_version, "service": Prediction.service_model_version,
                "theme": Prediction.theme_model_version}


def mark_pending_for(task, champion):
    """After a promotion or rollback: every item not predicted by `champion` waits again."""
    column = HEAD_COLUMNS[task]
    current = Prediction.select(Prediction.item).where(Prediction.id.in_(_latest()), column == champion)
    return (FeedbackItem.update(classification_status="pending")
            .where(FeedbackItem.id.not_in(current)).execute())
