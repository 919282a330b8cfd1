"""What each complaint case counts towards, and on which London day (CaseMeasure), and the
CaseSummary day rows summed from them.

Only complaints count (service requests are not on the Code's clocks), and not a case merged
into another (its items count with that one). Deadlines come from app.cases.clocks, with its
working days, pauses and extensions, so the dashboard never disagrees with the case page:

- ack<stage>_due / resp<stage>_due: a deadline to acknowledge / respond at that stage, counted
  on the day it falls due, once settled: met (at any time), or passed unmet while the case is
  open. A deadline still running, held by an open pause, or unmet on a closed case (withdrawn,
  say) is not counted. ack<stage>_in_time / resp<stage>_in_time: those met on or before it.
- responded1: a stage 1 response, on its day; escalated: the same, when the resident has since
  asked for stage 2.
- decided: closed with an outcome other than withdrawn, on the closing day; upheld: of those,
  upheld or partly upheld.
- ombudsman: referred to an Ombudsman, on the day of the referral.
"""
import collections
from types import SimpleNamespace

from peewee import SQL, Value, fn

from app.cases import clocks
from app.cases.models import Case, CaseStage, ClockPause
from app.db import db
from reports.models import CaseMeasure, CaseSummary
from reports.summaries import insert_rows, london_day

MEASURES = ("ack1_due", "ack1_in_time", "resp1_due", "resp1_in_time", "ack2_due", "ack2_in_time",
            "resp2_due", "resp2_in_time", "responded1", "escalated", "decided", "upheld", "ombudsman")
DECIDED = ("upheld", "partly_upheld", "not_upheld")
UPHELD = ("upheld", "partly_upheld")
BATCH = 2000


def measures_of(case, stages, pauses, today):
    """[(day, measure)] for one case, given its stage rows and pauses."""
    found = []
    holder = SimpleNamespace(stages=stages, pauses=pauses, kind=case.kind, received_at=case.received_at)
    for deadline in clocks.deadlines(holder, today=today):
        name = f"{'ack' if deadline.what == 'acknowledge' else 'resp'}{deadline.stage}"
        if deadline.met:
            found.append((deadline.due_on, name + "_due"))
            if not deadline.late:
                found.append((deadline.due_on, name + "_in_time"))
        elif not deadline.paused and case.status == "open" and deadline.due_on < today:
            found.append((deadline.due_on, name + "_due"))
    first = next((s for s in stages if s.number == 1), None)
    if first is not None and first.responded_at is not None:
        day = london_day(first.responded_at)
        found.append((day, "responded1"))
        if any(s.number == 2 for s in stages):
            found.append((day, "escalated"))
    if case.closed_at is not None and case.outcome in DECIDED:
        found.append((london_day(case.closed_at), "decided"))
        if case.outcome in UPHELD:
            found.append((london_day(case.closed_at), "upheld"))
    if case.ombudsman_referred_at is not None:
        found.append((london_day(case.ombudsman_referred_at), "ombudsman"))
    return found


def recount(case_ids, today=None, *, everything=False):
    """Recompute the measures of some cases (or of every case); returns the days whose
    CaseSummary rows are now out of date (the cases' old days and new)."""
    today = today or clocks.today()
    touched = set()
    if everything:
        CaseMeasure.delete().execute()
        ids = [row[0] for row in Case.select(Case.id).where(Case.kind == "complaint")
               .order_by(Case.id).tuples()]
    else:
        ids = sorted(set(case_ids))
    for start in range(0, len(ids), BATCH):
        touched |= _recount_batch(ids[start:start + BATCH], today, clear=not everything)
    return touched


def _recount_batch(ids, today, clear):
    touched = set()
    if clear:
        touched = {row[0] for row in CaseMeasure.select(CaseMeasure.day)
                   .where(CaseMeasure.case_id.in_(ids)).distinct().tuples()}
    cases = list(Case.select(Case.id, Case.kind, Case.status, Case.service, Case.channel,
                             Case.received_at, Case.closed_at, Case.outcome, Case.ombudsman_referred_at)
                 .where(Case.id.in_(ids), Case.kind == "complaint", Case.status != "merged"))
    stages, pauses = collections.defaultdict(list), collections.defaultdict(list)
    for stage in CaseStage.select().where(CaseStage.case.in_(ids)):
        stages[stage.case_id].append(stage)
    for pause in ClockPause.select().where(ClockPause.case.in_(ids)):
        pauses[pause.case_id].append(pause)
    rows = []
    for case in cases:
        for day, measure in measures_of(case, stages[case.id], pauses[case.id], today):
            rows.append({"case_id": case.id, "day": day, "service_id": case.service_id or 0,
                         "channel": case.channel, "measure": measure})
            touched.add(day)
    with db.atomic():
        if clear:
            CaseMeasure.delete().where(CaseMeasure.case_id.in_(ids)).execute()
        insert_rows(CaseMeasure, rows)
    return touched


def rebuild_days(days):
    """Recompute the CaseSummary day rows of `days` from the cases' measures."""
    days = sorted(days)
    with db.atomic():
        for start in range(0, len(days), 200):
            chunk = days[start:start + 200]
            CaseSummary.delete().where(CaseSummary.span == "d", CaseSummary.day.in_(chunk)).execute()
            query = (CaseMeasure.select(Value("d"), CaseMeasure.day, CaseMeasure.service_id,
                                        CaseMeasure.channel, SQL("0"), CaseMeasure.measure,
                                        fn.COUNT(CaseMeasure.id))
                     .where(CaseMeasure.day.in_(chunk))
                     .group_by(CaseMeasure.day, CaseMeasure.service_id, CaseMeasure.channel,
                               CaseMeasure.measure))
            CaseSummary.insert_from(query, [
                CaseSummary.span, CaseSummary.day, CaseSummary.service_id, CaseSummary.channel,
                CaseSummary.touchpoint_id, CaseSummary.measure, CaseSummary.cases]).execute()


def all_days():
    return {row[0] for row in CaseMeasure.select(CaseMeasure.day).distinct().tuples()}
