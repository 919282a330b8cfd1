"""Satisfaction from survey answers, and first contact resolution (from a survey question and
from repeat contact). Definitions: reports.queries.definitions."""
from peewee import fn

from reports.models import ItemSummary, SurveySummary
from reports.queries.figures import figure, percent
from reports.queries.spans import where


def answers(filters, kind):
    """{value: answers} to the period's questions of one kind (csat, nps, ces, fcr)."""
    query = (SurveySummary.select(SurveySummary.value, fn.SUM(SurveySummary.answers))
             .where(where(SurveySummary, filters), SurveySummary.question_kind == kind)
             .group_by(SurveySummary.value))
    return {value: int(n) for value, n in query.tuples()}


def _csat(filters):
    found = answers(filters, "csat")
    total = sum(found.values())
    return percent(sum(n for value, n in found.items() if value >= 4), total), total


def _nps(filters):
    found = answers(filters, "nps")
    total = sum(found.values())
    promoters = sum(n for value, n in found.items() if value >= 9)
    detractors = sum(n for value, n in found.items() if value <= 6)
    return percent(promoters - detractors, total), total


def _ces(filters):
    found = answers(filters, "ces")
    total = sum(found.values())
    return (sum(value * n for value, n in found.items()) / total if total else None), total


def _fcr_survey(filters):
    found = answers(filters, "fcr")
    total = sum(found.values())
    return percent(found.get(1, 0), total), total


def _fcr_repeat(filters):
    contacts, repeats = (ItemSummary.select(fn.SUM(ItemSummary.contacts), fn.SUM(ItemSummary.repeats))
                         .where(where(ItemSummary, filters)).tuples().get())
    contacts, repeats = int(contacts or 0), int(repeats or 0)
    return percent(contacts - repeats, contacts), contacts


def csat(filters):
    return figure("csat", "percent", _csat, filters)


def nps(filters):
    return figure("nps", "score", _nps, filters)


def ces(filters):
    return figure("ces", "mean", _ces, filters)


def fcr_survey(filters):
    return figure("fcr_survey", "percent", _fcr_survey, filters)


def fcr_repeat(filters):
    return figure("fcr_repeat", "percent", _fcr_repeat, filters)


def all_figures(filters):
    return [csat(filters), nps(filters), ces(filters), fcr_survey(filters), fcr_repeat(filters)]
