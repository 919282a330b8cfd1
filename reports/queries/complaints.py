"""Complaints against the Complaint Handling Code: timeliness per stage, escalation to stage 2,
upheld rate, Ombudsman referrals (measures: reports.summaries_cases; definitions:
reports.queries.definitions)."""
from dataclasses import dataclass

from peewee import fn

from reports.models import CaseSummary
from reports.queries.figures import Figure, percent
from reports.queries.spans import where

RATES = {  # key: (numerator measure, denominator measure)
    "ack1": ("ack1_in_time", "ack1_due"),
    "resp1": ("resp1_in_time", "resp1_due"),
    "ack2": ("ack2_in_time", "ack2_due"),
    "resp2": ("resp2_in_time", "resp2_due"),
    "escalation": ("escalated", "responded1"),
    "upheld": ("upheld", "decided"),
}


@dataclass(frozen=True)
class Complaints:
    ack1: Figure
    resp1: Figure
    ack2: Figure
    resp2: Figure
    escalation: Figure
    upheld: Figure
    ombudsman: Figure

    def all(self):
        return [self.ack1, self.resp1, self.ack2, self.resp2, self.escalation, self.upheld, self.ombudsman]

    def timeliness(self):
        return [self.ack1, self.resp1, self.ack2, self.resp2]


def measures(filters):
    """{measure: cases} for the period."""
    query = (CaseSummary.select(CaseSummary.measure, fn.SUM(CaseSummary.cases))
             .where(where(CaseSummary, filters)).group_by(CaseSummary.measure))
    return {measure: int(n) for measure, n in query.tuples()}


def complaints(filters):
    now, before = measures(filters), measures(filters.previous())
    found = {}
    for key, (part, whole) in RATES.items():
        found[key] = Figure(key=key, value=percent(now.get(part, 0), now.get(whole, 0)),
                            base=now.get(whole, 0), previous=percent(before.get(part, 0), before.get(whole, 0)),
                            previous_base=before.get(whole, 0), unit="percent")
    referred, referred_before = now.get("ombudsman", 0), before.get("ombudsman", 0)
    found["ombudsman"] = Figure(key="ombudsman", value=referred, base=referred, previous=referred_before,
                                previous_base=referred_before, unit="count")
    return Complaints(**found)
