"""The complaint figures the lessons-learnt, annual and scrutiny reports show beside the
dashboard's (timeliness, escalation, upheld rate and Ombudsman referrals come from
reports.queries.complaints): how many complaints reached each stage, how the month's closed complaints ended, the remedies offered,
and the Ombudsman's cases.

Counted as the summaries count (reports.summaries_cases): complaints only, never a case merged
into another, on Europe/London days:
- stage 1: complaint cases received in the period; stage 2: stage 2 requests made in it;
- outcomes and remedies: cases closed in the period, by outcome (withdrawn too);
- Ombudsman: cases referred in the period (as the dashboard), and decisions received in it;
- refusals: complaints declined under the Code's exclusions (app.cases.refusals), on the day they
  were declined, while the refusal stands (a reversed one no longer counts). A declined complaint
  is no outcome and no remedy: the outcome and remedy counts leave it out.
Counts only: no residents' words, and no remedy's text.
"""
from dataclasses import dataclass

from peewee import fn

from app.cases.models import EXCLUSIONS, NOT_ACCEPTED, OMBUDSMEN, OUTCOMES, Case, CaseRefusal, CaseStage
from app.org.models import ServiceArea
from app.timefmt import utc_bounds
from reports.queries.figures import Share


@dataclass(frozen=True)
class Remedies:
    closed: int  # complaints closed in the period
    apology: int
    action: int  # closed with something put right
    financial: int  # closed with a payment
    financial_pence: int  # the payments' total


@dataclass(frozen=True)
class Casework:
    stages: tuple  # (Share) stage 1 received, stage 2 requested
    outcomes: tuple  # (Share) by outcome, of complaints closed in the period
    remedies: Remedies
    ombudsman_referred: tuple  # (Share) by Ombudsman
    ombudsman_decided: int


def _cases(filters):
    query = Case.select().where(Case.kind == "complaint", Case.status != "merged")
    if filters.services is not None:
        query = query.where(Case.service.in_(list(filters.services) or [0]))
    if filters.channel:
        query = query.where(Case.channel == filters.channel)
    return query


def _in(column, filters):
    start, end = utc_bounds(filters.start, filters.end)
    return (column >= start) & (column < end)


def _stage_counts(filters):
    received = _cases(filters).where(_in(Case.received_at, filters)).count()
    requested = (_cases(filters).join(CaseStage, on=(CaseStage.case == Case.id))
                 .where(CaseStage.number == 2, _in(CaseStage.started_at, filters)).count())
    return {1: received, 2: requested}


def _outcome_counts(filters):
    query = (_cases(filters).select(Case.outcome, fn.COUNT(Case.id))
             .where(_in(Case.closed_at, filters), Case.outcome != "").group_by(Case.outcome))
    return dict(query.tuples())


def _referrals(filters):
    query = (_cases(filters).select(Case.ombudsman, fn.COUNT(Case.id))
             .where(_in(Case.ombudsman_referred_at, filters)).group_by(Case.ombudsman))
    return dict(query.tuples())


def _shares(now, before, labels, keys):
    return tuple(Share(key=k, label=labels(k), count=int(now.get(k, 0)), previous_count=int(before.get(k, 0)))
                 for k in keys if now.get(k) or before.get(k) or k in (1, 2))


def remedies(filters):
    closed = _cases(filters).where(_in(Case.closed_at, filters), Case.outcome != NOT_ACCEPTED)
    row = closed.select(fn.COUNT(Case.id), fn.SUM(Case.remedy_apology.cast("integer")),
                        fn.SUM(Case.remedy_financial_pence)).tuples().get()
    action = closed.where(Case.remedy_action != "").count()
    financial = closed.where(Case.remedy_financial_pence > 0).count()
    return Remedies(closed=int(row[0] or 0), apology=int(row[1] or 0), action=action, financial=financial,
                    financial_pence=int(row[2] or 0))


def casework(filters):
    before = filters.previous()
    stages = _shares(_stage_counts(filters), _stage_counts(before), lambda k: f"Stage {k}", (1, 2))
    outcomes = _shares(_outcome_counts(filters), _outcome_counts(before), lambda k: OUTCOMES.get(k, k),
                       list(OUTCOMES))
    referred_now, referred_before = _referrals(filters), _referrals(before)
    keys = sorted(set(referred_now) | set(referred_before))
    referred = _shares(referred_now, referred_before, lambda k: OMBUDSMEN.get(k, "Ombudsman not named"), keys)
    decided = _cases(filters).where(_in(Case.ombudsman_decided_at, filters)).count()
    return Casework(stages=stages, outcomes=outcomes, remedies=remedies(filters), ombudsman_referred=referred,
                    ombudsman_decided=decided)


def _refusal_counts(filters):
    query = (_cases(filters).select(CaseRefusal.exclusion, fn.COUNT(CaseRefusal.id))
             .join(CaseRefusal, on=(CaseRefusal.case == Case.id))
             .where(Case.outcome == NOT_ACCEPTED, CaseRefusal.reversed_at.is_null(),
                    _in(CaseRefusal.refused_at, filters))
             .group_by(CaseRefusal.exclusion))
    return dict(query.tuples())


def refusals(filters):
    """(Share) complaints not accepted in the period, by exclusion (the Code's section 2), beside
    the previous period's; only exclusions with any in either period."""
    return _shares(_refusal_counts(filters), _refusal_counts(filters.previous()),
                   lambda k: EXCLUSIONS.get(k, k), list(EXCLUSIONS))


def by_service(filters):
    """(Share) complaints received in the period by service (stage 1 above, split by service),
    largest first, beside the previous period's."""
    def counts(f):
        query = (_cases(f).select(Case.service, fn.COUNT(Case.id)).where(_in(Case.received_at, f))
                 .group_by(Case.service))
        return {service or 0: int(n) for service, n in query.tuples()}

    now, before = counts(filters), counts(filters.previous())
    names = dict(ServiceArea.select(ServiceArea.id, ServiceArea.name).tuples())
    keys = sorted(set(now) | set(before), key=lambda k: (-now.get(k, 0), names.get(k, "")))
    return tuple(Share(key=k, label=names.get(k, "Service not known"), count=now.get(k, 0),
                       previous_count=before.get(k, 0)) for k in keys)
