"""Day rows of the feedback summaries, computed from the raw tables for a run of London days.

- ItemSummary: items received per day, service, channel, touchpoint and kind, with their current
  sentiment (app.learning.current.sentiment_of: the officer's label, else the model's).
- Contacts and repeats (first contact resolution from repeat contact): a *contact* is a
  complaint, comment or service request from a known resident (a Person; not anonymous) about
  a service. It is a *repeat* (not resolved first time) when the same resident contacts about
  the same service again within 14 days after it (any channel; a case's later items count).
  Compliments and survey answers are not contacts; updates added to an item are not new ones.
- TopicSummary: the same items per current topic (app.learning.current.theme_rows), both heads.
- SurveySummary: answers to csat, nps and ces questions (their number) and fcr questions
  (1 yes, 0 no) per day of the response, service, channel and touchpoint; and responses
  themselves (question_kind "responses", value 0).

An item's touchpoint is the touchpoint of the survey response it was an answer of (0: none).
"""
import collections
import datetime

from peewee import fn

from app.contacts.repeats import CONTACT_KINDS, window_days
from app.db import db
from app.feedback.models import FeedbackItem
from app.learning.current import sentiment_of, theme_rows
from app.learning.models import ItemTopic
from app.timefmt import to_london, utc_bounds
from reports.models import ItemSummary, SurveySummary, TopicSummary
from surveys.models import Answer, Question, Response, Survey


def repeat_window():
    """REPEAT_CONTACT_DAYS (app.contacts.repeats): the same window intake links repeats with."""
    return datetime.timedelta(days=window_days())


SCORED_KINDS = ("csat", "nps", "ces", "fcr")
RESPONSES = "responses"  # SurveySummary rows counting responses, not answers
SENTIMENT_COLUMNS = ("negative", "neutral", "positive")
HEADS = ("theme", "service")
CHUNK = 500


def london_day(value):
    return to_london(value).date()


def insert_rows(model, rows):
    """Insert rows (dicts with the same keys) with one prepared statement: many thousands of
    summary rows at a time, so building the SQL for each would cost more than running it."""
    if not rows:
        return
    names = list(rows[0])
    columns = ", ".join(model._meta.fields[name].column_name for name in names)
    marks = ", ".join([db.obj.param] * len(names))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    cursor = db.cursor()
    for start in range(0, len(rows), CHUNK * 10):
        cursor.executemany(sql, [tuple(row[name] for name in names) for row in rows[start:start + CHUNK * 10]])


def _replace_days(model, first, last, rows, where=None):
    query = model.delete().where(model.span == "d", model.day.between(first, last))
    if where is not None:
        query = query.where(where)
    query.execute()
    insert_rows(model, rows)


def rebuild_feedback(first, last):
    """Recompute the item and topic day rows of London days first..last."""
    start, end = utc_bounds(first, last)
    in_range = (FeedbackItem.received_at >= start) & (FeedbackItem.received_at < end)
    items = list(FeedbackItem.select(
        FeedbackItem.id, FeedbackItem.received_at, FeedbackItem.service, FeedbackItem.channel,
        FeedbackItem.kind, sentiment_of().alias("sentiment")).where(in_range).tuples())
    ids = FeedbackItem.select(FeedbackItem.id).where(in_range)
    places = _touchpoints(ids)
    repeats, contacts = _repeats(start, end)
    keyed = {}
    for item_id, received_at, service_id, channel, kind, sentiment in items:
        keyed[item_id] = ((london_day(received_at), service_id or 0, channel,
                           places.get(item_id, 0), kind), sentiment)
    item_rows = _item_rows(keyed, contacts, repeats)
    topic_rows = _topic_rows(keyed, ids)
    with db.atomic():
        _replace_days(ItemSummary, first, last, item_rows)
        _replace_days(TopicSummary, first, last, topic_rows)
    return len(items)


def _touchpoints(ids):
    query = (Answer.select(Answer.feedback_item, Response.touchpoint).join(Response)
             .where(Answer.feedback_item.in_(ids), Response.touchpoint.is_null(False)))
    return dict(query.tuples())


def _repeats(start, end):
    """(ids of contacts received in [start, end) followed by a repeat, ids of those contacts)."""
    window = repeat_window()
    query = (FeedbackItem.select(FeedbackItem.id, FeedbackItem.person, FeedbackItem.service,
                                 FeedbackItem.received_at)
             .where(FeedbackItem.kind.in_(CONTACT_KINDS), FeedbackItem.person.is_null(False),
                    FeedbackItem.service.is_null(False), FeedbackItem.anonymous == False,  # noqa: E712
                    FeedbackItem.received_at >= start, FeedbackItem.received_at < end + window)
             .order_by(FeedbackItem.received_at, FeedbackItem.id))
    last_seen, repeated, contacts = {}, set(), set()
    for item_id, person_id, service_id, received_at in query.tuples():
        earlier = last_seen.get((person_id, service_id))
        if earlier is not None and received_at - earlier[1] <= window:
            repeated.add(earlier[0])
        last_seen[(person_id, service_id)] = (item_id, received_at)
        if received_at < end:
            contacts.add(item_id)
    # Only the next contact can be the one within the window: any later one is later still.
    return repeated & contacts, contacts


def _item_rows(keyed, contacts, repeats):
    counts = collections.defaultdict(lambda: [0] * 6)
    for item_id, (key, sentiment) in keyed.items():
        row = counts[key]
        row[0] += 1
        if sentiment in SENTIMENT_COLUMNS:
            row[1 + SENTIMENT_COLUMNS.index(sentiment)] += 1
        if item_id in contacts:
            row[4] += 1
            row[5] += item_id in repeats
    return [{"span": "d", "day": day, "service_id": service_id, "channel": channel,
             "touchpoint_id": touchpoint_id, "kind": kind, "items": n, "negative": neg,
             "neutral": neu, "positive": pos, "contacts": contacts_n, "repeats": repeats_n}
            for (day, service_id, channel, touchpoint_id, kind), (n, neg, neu, pos, contacts_n, repeats_n)
            in counts.items()]


def _topic_rows(keyed, ids):
    counts = collections.defaultdict(lambda: [0] * 4)
    for head in HEADS:
        query = theme_rows(head).where(ItemTopic.item.in_(ids))
        for item_id, topic_id in query.tuples():
            found = keyed.get(item_id)
            if found is None:
                continue
            key, sentiment = found
            row = counts[key + (head, topic_id)]
            row[0] += 1
            if sentiment in SENTIMENT_COLUMNS:
                row[1 + SENTIMENT_COLUMNS.index(sentiment)] += 1
    return [{"span": "d", "day": day, "service_id": service_id, "channel": channel,
             "touchpoint_id": touchpoint_id, "kind": kind, "head": head, "topic_id": topic_id,
             "items": n, "negative": neg, "neutral": neu, "positive": pos}
            for (day, service_id, channel, touchpoint_id, kind, head, topic_id), (n, neg, neu, pos)
            in counts.items()]


def rebuild_survey(first, last):
    """Recompute the survey day rows of London days first..last."""
    start, end = utc_bounds(first, last)
    query = (Answer.select(Response.submitted_at, Response.service, Survey.service, Response.channel,
                           Response.touchpoint, Question.kind, Answer.number, Answer.value)
             .join(Question).switch(Answer).join(Response).join(Survey)
             .where(Question.kind.in_(SCORED_KINDS), Response.submitted_at >= start,
                    Response.submitted_at < end))
    counts = collections.Counter()
    for submitted_at, service_id, survey_service_id, channel, touchpoint_id, kind, number, value in \
            query.tuples():
        score = _score(kind, number, value)
        if score is not None:
            counts[(london_day(submitted_at), service_id or survey_service_id or 0, channel,
                    touchpoint_id or 0, kind, score)] += 1
    responses = (Response.select(Response.submitted_at, Response.service, Survey.service, Response.channel,
                                 Response.touchpoint).join(Survey)
                 .where(Response.submitted_at >= start, Response.submitted_at < end))
    for submitted_at, service_id, survey_service_id, channel, touchpoint_id in responses.tuples():
        counts[(london_day(submitted_at), service_id or survey_service_id or 0, channel,
                touchpoint_id or 0, RESPONSES, 0)] += 1
    rows = [{"span": "d", "day": day, "service_id": service_id, "channel": channel,
             "touchpoint_id": touchpoint_id, "question_kind": kind, "value": score, "answers": n}
            for (day, service_id, channel, touchpoint_id, kind, score), n in counts.items()]
    with db.atomic():
        _replace_days(SurveySummary, first, last, rows)
    return sum(counts.values())


def _score(kind, number, value):
    if kind == "fcr":
        return {"yes": 1, "no": 0}.get((value or "").strip())
    return number


def first_day():
    """The earliest London day anything was received or answered (None: nothing yet)."""
    found = [FeedbackItem.select(fn.MIN(FeedbackItem.received_at)).scalar(),
             Response.select(fn.MIN(Response.submitted_at)).scalar()]
    found = [london_day(value) for value in found if value is not None]
    return min(found) if found else None
