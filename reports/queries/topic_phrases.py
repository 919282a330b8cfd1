"""What residents keep saying about each top topic: key phrases (classifiers.keyphrases) drawn
from the feedback received in the period whose current themes include the topic
(app.learning.current, the same definition the topic counts use).

Only words that may go in a report are read: each text is redacted (classifiers.redact) first,
items in a special-category case are left out, and a phrase must come from at least
MIN_TEXTS different residents, so nobody's own details can surface as a "phrase". The most
recent SAMPLE texts per topic are read (a busy month can hold tens of thousands), with the
other topics' texts as the background that makes each topic's phrases its own. Each text is
tokenised once, however many topics it belongs to.
"""
from app.cases.models import Case, CaseItem
from app.feedback.models import FeedbackItem
from app.learning.current import is_current_theme
from app.learning.models import ItemTopic
from app.timefmt import utc_bounds

SAMPLE = 150
MIN_TEXTS = 3
PHRASES = 4


def _texts(filters, topic_id, head, kinds):
    """{item id: text} of the SAMPLE latest items of the topic (walks the service's items
    newest first and stops at SAMPLE, so a busy month costs no more than a quiet one)."""
    start, end = utc_bounds(filters.start, filters.end)
    special = (CaseItem.select(CaseItem.item).join(Case, on=(CaseItem.case == Case.id))
               .where(Case.special_category == True))  # noqa: E712
    query = (FeedbackItem.select(FeedbackItem.id, FeedbackItem.text)
             .join(ItemTopic, on=((ItemTopic.item == FeedbackItem.id) & (ItemTopic.topic == topic_id)
                                  & is_current_theme(head)))
             .where(FeedbackItem.received_at >= start, FeedbackItem.received_at < end,
                    FeedbackItem.id.not_in(special)))
    if filters.services is not None:
        query = query.where(FeedbackItem.service.in_(list(filters.services) or [0]))
    if kinds:
        query = query.where(FeedbackItem.kind.in_(list(kinds)))
    if filters.channel:
        query = query.where(FeedbackItem.channel == filters.channel)
    return dict(query.order_by(FeedbackItem.received_at.desc()).limit(SAMPLE).tuples())


def topic_phrases(filters, topic_ids, *, kinds=None, head="theme", per_topic=PHRASES):
    """{topic id: (phrase, ...)} for `topic_ids` (items of `kinds` only, if given), most
    characteristic first (may be empty)."""
    from classifiers.keyphrases import count_sets, key_phrases_of_sets, phrase_sets
    from classifiers.redact import redact

    members = {topic_id: _texts(filters, topic_id, head, kinds) for topic_id in topic_ids}
    texts = {item_id: text for found in members.values() for item_id, text in found.items()}
    sets = dict(zip(texts, phrase_sets([redact(text) for text in texts.values()])))
    every = count_sets(sets[item_id] for found in members.values() for item_id in found)
    total = sum(len(found) for found in members.values())
    result = {}
    for topic_id, found in members.items():
        own = [sets[item_id] for item_id in found]
        phrases = key_phrases_of_sets(own, top_n=per_topic, min_count=MIN_TEXTS,
                                      background=every - count_sets(own), background_total=total - len(own))
        result[topic_id] = tuple(phrase for phrase, _count in phrases)
    return result
