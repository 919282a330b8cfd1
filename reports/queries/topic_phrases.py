"""What residents keep saying about each top topic: key phrases (classifiers.keyphrases) drawn
from the feedback received in the period whose current themes include the topic
(app.learning.current, the same definition the topic counts use).

Only words that may go in a report are read: each text is redacted (classifiers.redact) first,
items in a special-category case are left out, and a phrase must come from at least
MIN_TEXTS different residents, so nobody's own details can surface as a "phrase". The most
recent SAMPLE texts per topic are read (a busy month can hold tens of thousands), with the
other topics' texts as the background that makes each topic's phrases its own.
"""
from app.cases.models import Case, CaseItem
from app.feedback.models import FeedbackItem
from app.learning.current import theme_rows
from app.learning.models import ItemTopic
from app.timefmt import utc_bounds

SAMPLE = 200
MIN_TEXTS = 3
PHRASES = 4


def _texts(filters, topic_id, head, kinds):
    start, end = utc_bounds(filters.start, filters.end)
    themed = theme_rows(head).where(ItemTopic.topic == topic_id).select(ItemTopic.item)
    special = (CaseItem.select(CaseItem.item).join(Case, on=(CaseItem.case == Case.id))
               .where(Case.special_category == True))  # noqa: E712
    query = (FeedbackItem.select(FeedbackItem.text)
             .where(FeedbackItem.received_at >= start, FeedbackItem.received_at < end,
                    FeedbackItem.id.in_(themed),
                    FeedbackItem.id.not_in(special)))
    if filters.services is not None:
        query = query.where(FeedbackItem.service.in_(list(filters.services) or [0]))
    if kinds:
        query = query.where(FeedbackItem.kind.in_(list(kinds)))
    if filters.channel:
        query = query.where(FeedbackItem.channel == filters.channel)
    return [text for (text,) in query.order_by(FeedbackItem.received_at.desc()).limit(SAMPLE).tuples()]


def topic_phrases(filters, topic_ids, *, kinds=None, head="theme", per_topic=PHRASES):
    """{topic id: (phrase, ...)} for `topic_ids` (items of `kinds` only, if given), most
    characteristic first (may be empty)."""
    from classifiers.keyphrases import key_phrases
    from classifiers.redact import redact

    texts = {topic_id: [redact(text) for text in _texts(filters, topic_id, head, kinds)] for topic_id in topic_ids}
    found = {}
    for topic_id, own in texts.items():
        background = [text for other, rest in texts.items() if other != topic_id for text in rest]
        phrases = key_phrases(own, top_n=per_topic, min_count=MIN_TEXTS, background=background or None)
        found[topic_id] = tuple(phrase for phrase, _count in phrases)
    return found
