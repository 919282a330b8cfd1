"""Candidate quotes for a theme: the most representative words residents used about it.

Representative means close to the theme's centre: each item's stored embedding
(app.learning.models.ItemEmbedding, float32 bytes, written by the worker's encoder) is compared
with the mean of the theme's embeddings by cosine similarity. When some of the candidates have
no embedding (the worker has not reached them, or the encoder changed), the same measure is
taken over the words instead: each text's word counts against the theme's mean word counts.
Only quotable items are offered (eligibility.py), their words redacted; the web process only
reads stored vectors with numpy and never loads a model.
"""
import collections
import re
from dataclasses import dataclass

import numpy
from peewee import JOIN

from app.feedback.models import FeedbackItem
from app.learning.current import theme_rows
from app.learning.models import ItemEmbedding
from app.people.models import Person
from app.timefmt import utc_bounds
from reports.yswd import eligibility

PER_THEME = 5
MIN_CHARS, MAX_CHARS = 20, 600  # long enough to say something, short enough to read as a quote
CENTRE_SAMPLE = 5000  # the newest items of a theme that make its centre
NEAR_DUPLICATE = 0.8  # word-count cosine at which two quotes say the same thing in the same words
WORD = re.compile(r"[a-z][a-z'’]+")
STOP_WORDS = frozenset("""the and for was were with that this have has had you your our are not but they
them their there then than what when which who why how from into about just very been being its it's
i'm i've can could would should will did does doing all any some more most much many also only
""".split())


@dataclass(frozen=True)
class Candidate:
    item_id: int
    text: str  # redacted
    score: float


def theme_item_ids(topic_id, start, end, service_id=None):
    """The ids of items received in the period (of the service) whose current themes include
    the topic, newest first."""
    low, high = utc_bounds(start, end)
    themed = theme_rows().alias("current")
    query = (FeedbackItem.select(FeedbackItem.id)
             .join(themed, on=(themed.c.item_id == FeedbackItem.id))
             .where(themed.c.topic_id == topic_id, FeedbackItem.received_at >= low,
                    FeedbackItem.received_at < high)
             .order_by(FeedbackItem.received_at.desc(), FeedbackItem.id.desc()))
    if service_id is not None:
        query = query.where(FeedbackItem.service == service_id)
    return [row.id for row in query]


def _unit(matrix):
    norms = numpy.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / numpy.where(norms == 0, 1, norms)


def by_meaning(theme_ids, candidate_ids):
    """{candidate id: cosine to the theme's mean embedding}, or None when a candidate has no
    embedding of the encoder most of the theme was embedded with."""
    rows = list(ItemEmbedding.select(ItemEmbedding.item, ItemEmbedding.encoder_version,
                                     ItemEmbedding.vector)
                .where(ItemEmbedding.item.in_(list(theme_ids[:CENTRE_SAMPLE]) + list(candidate_ids))))
    if not rows:
        return None
    encoder = collections.Counter(row.encoder_version for row in rows).most_common(1)[0][0]
    vectors = {row.item_id: numpy.frombuffer(bytes(row.vector), dtype=numpy.float32)
               for row in rows if row.encoder_version == encoder}
    sizes = {vector.shape[0] for vector in vectors.values()}
    if len(sizes) != 1 or any(item_id not in vectors for item_id in candidate_ids):
        return None
    centre = _unit(_unit(numpy.stack(list(vectors.values()))).mean(axis=0))
    return {item_id: float(_unit(vectors[item_id]) @ centre) for item_id in candidate_ids}


def _bag(text):
    words = [word for word in WORD.findall((text or "").lower()) if word not in STOP_WORDS]
    counts = collections.Counter(words)
    norm = sum(n * n for n in counts.values()) ** 0.5
    return {word: n / norm for word, n in counts.items()} if norm else {}


def by_words(theme_ids, candidate_ids):
    """{candidate id: cosine of its word counts to the theme's mean word counts}."""
    texts = dict(FeedbackItem.select(FeedbackItem.id, FeedbackItem.text)
                 .where(FeedbackItem.id.in_(list(theme_ids[:CENTRE_SAMPLE]) + list(candidate_ids)))
                 .tuples())
    centre = collections.Counter()
    for item_id in theme_ids[:CENTRE_SAMPLE]:
        centre.update(_bag(texts.get(item_id)))
    size = sum(n * n for n in centre.values()) ** 0.5 or 1.0
    scores = {}
    for item_id in candidate_ids:
        bag = _bag(texts.get(item_id))
        scores[item_id] = sum(weight * centre[word] for word, weight in bag.items()) / size
    return scores


def candidates(theme_ids, exclude=()):
    """The theme's best PER_THEME quotable, redacted candidates, most representative first."""
    quotable = eligibility.quotable_ids(set(theme_ids) - set(exclude))
    items = (FeedbackItem.select(FeedbackItem, Person).join(Person, JOIN.LEFT_OUTER)
             .where(FeedbackItem.id.in_(list(quotable) or [0])))
    texts = {}
    for item in items:
        text = eligibility.redacted(item)
        if text and MIN_CHARS <= len(text) <= MAX_CHARS:
            texts[item.id] = text
    if not texts:
        return []
    ids = sorted(texts)
    scores = by_meaning(theme_ids, ids) or by_words(theme_ids, ids)
    ranked = _distinct(sorted(ids, key=lambda item_id: (-scores[item_id], item_id)), texts)
    return [Candidate(item_id, texts[item_id], round(scores[item_id], 4)) for item_id in ranked]


def _distinct(ranked, texts):
    """The first PER_THEME of `ranked`, leaving out any that repeats the words of one already
    chosen (residents who used the same form of words, a letter sent twice), so a theme's quotes
    show the range of what was said."""
    chosen, bags = [], []
    for item_id in ranked:
        bag = _bag(texts[item_id])
        if any(sum(weight * other.get(word, 0.0) for word, weight in bag.items()) >= NEAR_DUPLICATE
               for other in bags):
            continue
        chosen.append(item_id)
        bags.append(bag)
        if len(chosen) == PER_THEME:
            break
    return chosen
