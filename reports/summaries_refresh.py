"""Keeping the summaries fresh: find the days that changed since the last refresh, recompute
their day rows, then their months' and years' rows.

A day changes when an item is received on it (and the days of the same resident's earlier
contacts about the same service, whose repeat status it may change), when one of its items is
classified, relabelled by an officer or routed to a service, when anything happens on a case
(every change to a case adds to its timeline: acknowledged, extended, paused, responded,
escalated, closed, referred, moved to another service), and when a survey is answered. Once a
London day, every open complaint is recounted too, as deadlines pass unmet with no event.
The first refresh (or `full=True`) rebuilds everything.
"""
import datetime

from peewee import Value, fn

from app.cases import clocks
from app.cases.models import Case, CaseEvent, CaseItem
from app.db import db, utcnow
from app.feedback.models import FeedbackItem
from app.learning.models import OfficerLabel, Prediction, ServiceRouting
from app.timefmt import month_end
from reports import summaries, summaries_cases
from reports.models import CaseMeasure, CaseSummary, ItemSummary, SummaryState, SurveySummary, TopicSummary
from surveys.models import Response

SUMMED = {
    ItemSummary: ("items", "negative", "neutral", "positive", "contacts", "repeats"),
    TopicSummary: ("items", "negative", "neutral", "positive"),
    SurveySummary: ("answers",),
    CaseSummary: ("cases",),
}
WATCHED = {"item": FeedbackItem, "prediction": Prediction, "label": OfficerLabel,
           "routing": ServiceRouting, "event": CaseEvent, "response": Response}
BLOCK_DAYS = 31


def refresh(full=False, today=None):
    """Bring every summary up to date; returns what was recomputed."""
    today = today or clocks.today()
    state = {row.name: row.value for row in SummaryState.select()}
    high = {name: model.select(fn.MAX(model.id)).scalar() or 0 for name, model in WATCHED.items()}
    if full or "refreshed" not in state:
        done = _rebuild_everything(today)
    else:
        done = _refresh_changes(state, today)
    _save_state(high, today)
    return done


def _rebuild_everything(today):
    first = summaries.first_day()
    feedback_days = set()
    if first is not None:
        feedback_days = {first + datetime.timedelta(days=n) for n in range((today - first).days + 1)}
    case_days = summaries_cases.recount((), today, everything=True)
    _recompute(feedback_days, feedback_days, case_days | summaries_cases.all_days())
    for model in list(SUMMED) + [CaseMeasure]:  # so the planner knows how big they have become
        db.execute_sql(f'ANALYZE "{model._meta.table_name}"')
    return {"feedback_days": len(feedback_days), "case_days": len(case_days), "full": True}


def _refresh_changes(state, today):
    after = {name: state.get(name, 0) for name in WATCHED}
    item_ids = _changed_items(after)
    cases = {row[0] for row in CaseEvent.select(CaseEvent.case).where(CaseEvent.id > after["event"]).tuples()}
    item_ids |= _in_chunks(CaseItem.select(CaseItem.item), CaseItem.case, cases)
    if state.get("recounted_day") != today.toordinal():
        cases |= {row[0] for row in Case.select(Case.id).where(Case.status == "open", Case.kind == "complaint")
                  .tuples()}
    feedback_days = _days_of_items(item_ids) | _earlier_contacts(after["item"])
    survey_days = {summaries.london_day(row[0]) for row in Response.select(Response.submitted_at)
                   .where(Response.id > after["response"]).tuples()}
    case_days = summaries_cases.recount(cases, today) if cases else set()
    _recompute(feedback_days, survey_days, case_days)
    return {"feedback_days": len(feedback_days), "survey_days": len(survey_days),
            "cases": len(cases), "case_days": len(case_days), "full": False}


def _changed_items(after):
    ids = {row[0] for row in FeedbackItem.select(FeedbackItem.id).where(FeedbackItem.id > after["item"]).tuples()}
    for name, model in (("prediction", Prediction), ("label", OfficerLabel), ("routing", ServiceRouting)):
        ids |= {row[0] for row in model.select(model.item).where(model.id > after[name]).tuples()}
    return ids


def _in_chunks(query, column, values):
    """The first column of `query`'s rows where `column` is one of `values`, 500 at a time."""
    values, found = sorted(values), set()
    for start in range(0, len(values), 500):
        found |= {row[0] for row in query.where(column.in_(values[start:start + 500])).tuples()}
    return found


def _days_of_items(ids):
    received = _in_chunks(FeedbackItem.select(FeedbackItem.received_at), FeedbackItem.id, ids)
    return {summaries.london_day(value) for value in received}


def _earlier_contacts(after_id):
    """Days of contacts whose repeat status a new item may change: the same residents' contacts
    in the repeat window before it."""
    new = list(FeedbackItem.select(FeedbackItem.person, FeedbackItem.received_at)
               .where(FeedbackItem.id > after_id, FeedbackItem.person.is_null(False)).tuples())
    if not new:
        return set()
    people = sorted({person for person, _ in new})[:5000]
    since = min(at for _, at in new) - summaries.repeat_window()
    query = (FeedbackItem.select(FeedbackItem.received_at)
             .where(FeedbackItem.person.in_(people), FeedbackItem.received_at >= since))
    return {summaries.london_day(row[0]) for row in query.tuples()}


def _recompute(feedback_days, survey_days, case_days):
    for first, last in _blocks(feedback_days):
        summaries.rebuild_feedback(first, last)
    for first, last in _blocks(survey_days):
        summaries.rebuild_survey(first, last)
    if case_days:
        summaries_cases.rebuild_days(case_days)
    for model, days in ((ItemSummary, feedback_days), (TopicSummary, feedback_days),
                        (SurveySummary, survey_days), (CaseSummary, case_days)):
        months = sorted({day.replace(day=1) for day in days})
        for month in months:
            _roll_up(model, "m", month, month_end(month))
        for year in sorted({month.replace(month=1) for month in months}):
            _roll_up(model, "y", year, year.replace(month=12, day=31))


def _blocks(days):
    """Runs of consecutive days, at most BLOCK_DAYS long: [(first, last)]."""
    blocks = []
    for day in sorted(days):
        if blocks and (day - blocks[-1][1]).days == 1 and (day - blocks[-1][0]).days < BLOCK_DAYS:
            blocks[-1][1] = day
        else:
            blocks.append([day, day])
    return [tuple(block) for block in blocks]


def _roll_up(model, span, first, last):
    """Replace the `span` row of the period first..last with the sums of its parts (days for a
    month, months for a year)."""
    part = "d" if span == "m" else "m"
    dimensions = [f for f in model._meta.sorted_fields
                  if f.name not in SUMMED[model] + ("id", "span", "day")]
    summed = [getattr(model, name) for name in SUMMED[model]]
    query = (model.select(Value(span), Value(first), *dimensions, *[fn.SUM(f) for f in summed])
             .where(model.span == part, model.day.between(first, last)).group_by(*dimensions))
    with db.atomic():
        model.delete().where(model.span == span, model.day == first).execute()
        model.insert_from(query, [model.span, model.day, *dimensions, *summed]).execute()


def _save_state(high, today):
    now = utcnow()
    values = dict(high, recounted_day=today.toordinal(), refreshed=1)
    with db.atomic():
        for name, value in values.items():
            (SummaryState.insert(name=name, value=value, updated_at=now)
             .on_conflict(conflict_target=[SummaryState.name],
                          update={SummaryState.value: value, SummaryState.updated_at: now}).execute())


def refreshed_at():
    """When the summaries were last brought up to date (None: never)."""
    row = SummaryState.get_or_none(SummaryState.name == "refreshed")
    return row.updated_at if row else None
