"""Satisfaction from survey answers, and first contact resolution (from a survey question and
from repeat contact). Definitions: reports.queries.definitions."""
from peewee import fn

from reports.models import ItemSummary, SurveySummary
from reports.queries.figures import Figure, figure, percent
from reports.queries.spans import where
from reports.summaries import SCORED_KINDS


def all_answers(filters):
    """{question kind: {value: answers}} for the period's scored questions, in one query."""
    query = (SurveySummary.select(SurveySummary.question_kind, SurveySummary.value, fn.SUM(SurveySummary.answers))
             .where(where(SurveySummary, filters), SurveySummary.question_kind.in_(SCORED_KINDS))
             .group_by(SurveySummary.question_kind, SurveySummary.value))
    found = {kind: {} for kind in SCORED_KINDS}
    for kind, value, n in query.tuples():
        found[kind][value] = int(n)
    return found


def answers(filters, kind):
    """{value: answers} to the period's questions of one kind (csat, nps, ces, fcr)."""
    return all_answers(filters)[kind]


def _csat(found):
    total = sum(found.values())
    return percent(sum(n for value, n in found.items() if value >= 4), total), total


def _nps(found):
    total = sum(found.values())
    promoters = sum(n for value, n in found.items() if value >= 9)
    detractors = sum(n for value, n in found.items() if value <= 6)
    return percent(promoters - detractors, total), total


def _ces(found):
    total = sum(found.values())
    return (sum(value * n for value, n in found.items()) / total if total else None), total


def _fcr_survey(found):
    total = sum(found.values())
    return percent(found.get(1, 0), total), total


def _fcr_repeat(filters):
    contacts, repeats = (ItemSummary.select(fn.SUM(ItemSummary.contacts), fn.SUM(ItemSummary.repeats))
                         .where(where(ItemSummary, filters)).tuples().get())
    contacts, repeats = int(contacts or 0), int(repeats or 0)
    return percent(contacts - repeats, contacts), contacts


SURVEY_FIGURES = {"csat": ("percent", _csat), "nps": ("score", _nps), "ces": ("mean", _ces),
                  "fcr_survey": ("percent", _fcr_survey)}


def _survey_figures(filters, keys):
    now, before = all_answers(filters), all_answers(filters.previous())
    found = []
    for key in keys:
        unit, compute = SURVEY_FIGURES[key]
        kind = key.replace("_survey", "")
        (value, base), (previous, previous_base) = compute(now[kind]), compute(before[kind])
        found.append(Figure(key, value, base, previous, previous_base, unit))
    return found


def csat(filters):
    return _survey_figures(filters, ["csat"])[0]


def nps(filters):
    return _survey_figures(filters, ["nps"])[0]


def ces(filters):
    return _survey_figures(filters, ["ces"])[0]


def fcr_survey(filters):
    return _survey_figures(filters, ["fcr_survey"])[0]


def fcr_repeat(filters):
    return figure("fcr_repeat", "percent", _fcr_repeat, filters)


def all_figures(filters):
    """CSAT, NPS, CES and both first contact resolutions: two queries for each period."""
    return _survey_figures(filters, list(SURVEY_FIGURES)) + [fcr_repeat(filters)]
