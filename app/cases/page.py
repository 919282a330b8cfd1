"""Reads for the case page: the resident's words, the deadlines in words, the timeline,
what the models said about each item, and the actions that make sense now.

The page's "today" comes from `now()`, the services' own clock (app.cases.rules), so a
test that sets that clock sees the page count working days from the same day.
"""
import re
from dataclasses import dataclass, field

from app.cases import access, clocks, rules
from app.cases.models import NOT_ACCEPTED, Case, CaseEvent, CaseItem, CaseStage, ClockPause, DecisionPoint
from app.feedback.models import FeedbackItem, FeedbackUpdate


def now():
    """The moment the services act at by default (naive UTC)."""
    return rules.now()


def today():
    return clocks.local_date(now())


def day(value):
    """"30 December 2025" for a date (or the London date of a UTC datetime)."""
    value = clocks.local_date(value)
    return f"{value.day} {value:%B %Y}" if value else ""


@dataclass
class DeadlineRow:
    deadline: clocks.Deadline
    due: str  # "30 December 2025"
    state: str  # "due in 3 working days", "met on …", "paused since …"
    tag: str  # GOV.UK tag colour

    @property
    def label(self):
        return self.deadline.label


def items_with_updates(case):
    """[(item, [updates oldest first])] for every item in the case, oldest item first."""
    items = list(FeedbackItem.select().join(CaseItem, on=(CaseItem.item == FeedbackItem.id))
                 .where(CaseItem.case == case)
                 .order_by(FeedbackItem.received_at, FeedbackItem.id))
    updates = {}
    if items:
        for update in (FeedbackUpdate.select()
                       .where(FeedbackUpdate.item.in_([i.id for i in items]))
                       .order_by(FeedbackUpdate.received_at, FeedbackUpdate.id)):
            updates.setdefault(update.item_id, []).append(update)
    return [(item, updates.get(item.id, [])) for item in items]


def open_pause(case):
    return (ClockPause.select().where(ClockPause.case == case, ClockPause.ended_at.is_null())
            .order_by(ClockPause.id.desc()).first())


def deadline_rows(case, on=None):
    """The case's deadlines with their state in words, as the page shows them."""
    on = on or today()
    pause = open_pause(case)
    rows = []
    for deadline in clocks.deadlines(case, today=on):
        if deadline.met:
            state = f"met on {day(deadline.met_on)}" + (" (late)" if deadline.late else "")
            tag = "grey"
        elif case.status != "open":
            state, tag = "not met: the case is no longer open", "grey"
        elif deadline.paused:
            since = day(pause.started_at) if pause else ""
            state, tag = f"paused since {since}" if since else "paused", "yellow"
        else:
            state = clocks.describe(deadline.due_on, today=on)
            tag = {"overdue": "red", "due_soon": "orange"}.get(clocks.status(deadline.due_on, on), "blue")
        due = day(deadline.due_on) + (", if the clock restarts today" if deadline.paused and tag == "yellow" else "")
        rows.append(DeadlineRow(deadline, due, state, tag))
    return rows


def stages(case):
    return {row.number: row for row in CaseStage.select().where(CaseStage.case == case)}


def events_newest_first(case):
    return list(CaseEvent.select().where(CaseEvent.case == case)
                .order_by(CaseEvent.at.desc(), CaseEvent.id.desc()))


@dataclass
class EventLinks:
    """Where a timeline entry leads: the feedback it is about, and the other case of a merge
    or split (only cases the user may open)."""

    items: list = field(default_factory=list)
    cases: list = field(default_factory=list)


REFERENCE = re.compile(r"\bHRD-\d{4}-\d{6}\b")
MOVES = ("merged", "split")  # their summaries name the other case (app.cases.services)


def event_links(case, events, user):
    """{event id: EventLinks} for the entries that lead somewhere."""
    item_ids = {e.item_id for e in events if e.item_id}
    items = {i.id: i for i in FeedbackItem.select().where(FeedbackItem.id.in_(item_ids))} if item_ids else {}
    named = {e.id: [r for r in REFERENCE.findall(e.summary) if r != case.reference]
             for e in events if e.kind in MOVES}
    wanted = {r for refs in named.values() for r in refs}
    cases = {c.reference: c for c in access.visible_cases(user).where(Case.reference.in_(wanted))} if wanted else {}
    found = {}
    for event in events:
        links = EventLinks([items[event.item_id]] if event.item_id in items else [],
                           [cases[r] for r in named.get(event.id, []) if r in cases])
        if links.items or links.cases:
            found[event.id] = links
    return found


def decision_points(case):
    """{stage: [DecisionPoint]} in their order."""
    found = {}
    for point in (DecisionPoint.select().where(DecisionPoint.case == case)
                  .order_by(DecisionPoint.stage, DecisionPoint.position, DecisionPoint.id)):
        found.setdefault(point.stage, []).append(point)
    return found


def available_actions(case, stage_rows, paused, may_decide=True):
    """Which action links the page offers an officer now (the services still check).
    `may_decide` is False for an officer who handled stage 1 of a case now at stage 2:
    the stage 2 response and extension are not theirs to offer."""
    row = stage_rows.get(case.stage)
    is_open = case.status == "open"
    complaint = is_open and case.kind == "complaint"
    acknowledged = row is not None and row.acknowledged_at is not None
    responded = row is not None and row.responded_at is not None
    stage1 = stage_rows.get(1)
    wanted = {
        "acknowledge": complaint and not acknowledged and not responded,
        "note": case.status != "merged",
        "call": case.status != "merged",
        "extend": complaint and may_decide and acknowledged and not responded
        and not (row.extension_days or row.extended_at),
        "pause": complaint and not paused and not responded,
        "resume": complaint and paused,
        "holding": complaint and not responded,
        "respond": complaint and may_decide and acknowledged and not responded,
        "stage2": case.kind == "complaint" and case.status in ("open", "closed") and case.stage == 1
        and stage1 is not None and stage1.responded_at is not None,
        "reviewer": complaint and case.stage == 2 and not responded,
        "ombudsman": case.kind == "complaint" and case.status != "merged" and not case.ombudsman_referred_at,
        "ombudsman_outcome": bool(case.ombudsman_referred_at) and not case.ombudsman_decided_at,
        "to_service_request": complaint,
        "to_complaint": is_open and case.kind == "service_request",
        "assign": is_open,
        "link": is_open,
        "merge": is_open,
        "split": is_open,
        "close": is_open,
        "reopen": case.status == "closed" and case.outcome != NOT_ACCEPTED,
        "refuse": complaint and not any(r.responded_at for r in stage_rows.values()),
        "reverse_refusal": case.status == "closed" and case.outcome == NOT_ACCEPTED,
    }
    return {name for name, ok in wanted.items() if ok}


def paused_since(case):
    pause = open_pause(case)
    return pause.started_at if pause else None



def linked_actions(case, user):
    """[(action, whether `user` may open its page)] of the root-cause actions the case led to,
    in the order they were linked."""
    from app.actions import access as action_access
    from app.actions.models import Action
    from app.cases.models import CaseActionLink

    actions = (Action.select().join(CaseActionLink).where(CaseActionLink.case == case)
               .order_by(CaseActionLink.id))
    return [(action, action_access.can_view(user, action)) for action in actions]
