"""The complaint clocks: when each stage must be acknowledged and answered, in working days.

The Complaint Handling Code, as Heard counts it (working days: app.workdays):

- A day is the Europe/London date of the stored UTC time. "Within 5 working days of X"
  means by the end of the 5th working day after X's date; X itself never counts, even
  when it is a working day, and X on a weekend or bank holiday counts the same way
  (Saturday + 5 is the next Friday, as is Friday + 5).
- Stage 1: acknowledge by receipt + 5; respond by acknowledgement + 10 (+ the extension,
  at most 10, agreed once). Stage 2: acknowledge by the resident's request + 5; respond by
  the stage-2 acknowledgement + 20 (+ its own extension, at most 20, agreed once). Before
  acknowledgement only the acknowledgement is due.
  A response without a separate acknowledgement also acknowledges.
- A pause (waiting for the resident) that starts on date A and ends on date B moves the
  deadline that was running when it started by the working days in [A, B). A pause still
  open is counted as if it ended today, and its deadline is marked `paused`.
- Only open complaints are on the clock (service requests are logged, not timed).

`deadlines_for` works on any objects with the CaseStage / ClockPause attributes, so the
rules can be tested without a database; `deadlines(case)` reads a case's rows.
"""
import datetime
from dataclasses import dataclass

import app.workdays as workdays
from app.cases.models import Case
from app.db import utcnow
from app.timefmt import to_london

ACKNOWLEDGE_DAYS = 5
RESPOND_DAYS = {1: 10, 2: 20}
MAX_EXTENSION_DAYS = {1: 10, 2: 20}  # the one extension each stage may have
DUE_SOON_WORKING_DAYS = 2  # due today, or within this many working days: "due soon"
WHAT = {"acknowledge": "Acknowledge", "respond": "Respond"}


@dataclass(frozen=True)
class Deadline:
    stage: int
    what: str  # "acknowledge" / "respond"
    due_on: datetime.date
    met_on: datetime.date | None = None
    paused: bool = False  # an open pause is holding this deadline

    @property
    def met(self):
        return self.met_on is not None

    @property
    def late(self):
        """Met after the day it was due."""
        return self.met_on is not None and self.met_on > self.due_on

    @property
    def label(self):
        return f"Stage {self.stage}: {WHAT.get(self.what, self.what).lower()}"


@dataclass(frozen=True)
class _Stage:
    """Stage 1 of a case whose stage row is missing: counted from the case's receipt."""

    number: int
    started_at: datetime.datetime
    acknowledged_at: datetime.datetime | None = None
    extension_days: int = 0
    responded_at: datetime.datetime | None = None


def london_today():
    """Today's date in Europe/London."""
    return to_london(utcnow()).date()


today = london_today  # clocks.today(); the functions below take `today=` to ask about any day


def local_date(value):
    """The Europe/London date of a naive-UTC datetime (a date is returned as it is)."""
    if value is None or not isinstance(value, datetime.datetime):
        return value
    return to_london(value).date()


# Reading a case -------------------------------------------------------------------------

def deadlines(case, today=None):
    """Every deadline of `case` (met or not), stage by stage; [] for a service request."""
    stages = sorted(case.stages, key=lambda s: s.number)
    if not stages:
        stages = [_Stage(number=1, started_at=case.received_at)]
    return deadlines_for(stages, list(case.pauses), kind=case.kind, today=today)


def current(case, today=None):
    """The deadline to show in queues: the first one not yet met in the case's latest
    stage, or None (nothing due, or the case is not an open complaint)."""
    if not case.on_clock:
        return None
    return current_of(deadlines(case, today=today))


def current_of(items):
    if not items:
        return None
    latest = max(d.stage for d in items)
    return next((d for d in items if d.stage == latest and not d.met), None)


def refresh(case, today=None):
    """Recompute the case's denormalised clock fields (next_due_on as the due date at 00:00,
    next_due_what, paused) and save only those."""
    due = current(case, today=today)
    case.next_due_on = datetime.datetime.combine(due.due_on, datetime.time()) if due else None
    case.next_due_what = due.what if due else ""
    case.paused = bool(due and due.paused)
    case.save(only=[Case.next_due_on, Case.next_due_what, Case.paused])


# The rules on plain objects ---------------------------------------------------------------

def deadlines_for(stages, pauses=(), kind="complaint", today=None, calendar=None):
    """Deadlines from stage rows (number, started_at, acknowledged_at, extension_days,
    responded_at) and pauses (stage, started_at, ended_at), all datetimes in naive UTC."""
    if kind != "complaint":
        return []
    calendar = calendar or workdays.calendar()
    today = today or london_today()
    result = []
    for stage in sorted(stages, key=lambda s: s.number):
        held = [p for p in pauses if p.stage == stage.number]
        result.extend(_stage_deadlines(stage, held, today, calendar))
    return result


def _stage_deadlines(stage, pauses, today, calendar):
    acknowledged_at = stage.acknowledged_at or stage.responded_at
    mine = _split_pauses(pauses, acknowledged_at, stage.responded_at)
    acknowledge = _deadline(stage.number, "acknowledge", local_date(stage.started_at),
                            ACKNOWLEDGE_DAYS, local_date(acknowledged_at), mine["acknowledge"],
                            today, calendar)
    if acknowledged_at is None:
        return [acknowledge]
    days = RESPOND_DAYS.get(stage.number, RESPOND_DAYS[1]) + (stage.extension_days or 0)
    respond = _deadline(stage.number, "respond", local_date(acknowledged_at), days,
                        local_date(stage.responded_at), mine["respond"], today, calendar)
    return [acknowledge, respond]


def _split_pauses(pauses, acknowledged_at, responded_at):
    """Which deadline each pause held: the one running when it started."""
    mine = {"acknowledge": [], "respond": []}
    for pause in pauses:
        if acknowledged_at is None or pause.started_at < acknowledged_at:
            mine["acknowledge"].append(pause)
        elif responded_at is None or pause.started_at < responded_at:
            mine["respond"].append(pause)
    return mine


def _deadline(stage, what, start, days, met_on, pauses, today, calendar):
    shift, paused = 0, False
    for pause in pauses:
        resumed = local_date(pause.ended_at) if pause.ended_at else max(today, local_date(
            pause.started_at))
        paused = paused or pause.ended_at is None
        shift += calendar.count(local_date(pause.started_at), resumed)
    due_on = calendar.add(start, days + shift)
    return Deadline(stage=stage, what=what, due_on=due_on, met_on=met_on,
                    paused=paused and met_on is None)


# Words for people --------------------------------------------------------------------------

def _as_date(value):
    # next_due_on is stored as the London due date at 00:00 (not a UTC instant): keep its date.
    return value.date() if isinstance(value, datetime.datetime) else value


def status(due_on, today=None):
    """"overdue" (past its day), "due_soon" (today or within DUE_SOON_WORKING_DAYS working
    days) or "ok" (also for no deadline)."""
    due_on, today = _as_date(due_on), today or london_today()
    if due_on is None:
        return "ok"
    if due_on < today:
        return "overdue"
    if workdays.calendar().between(today, due_on) <= DUE_SOON_WORKING_DAYS:
        return "due_soon"
    return "ok"


def due_soon_until(today=None):
    """The last date whose deadline counts as due soon (for SQL: next_due_on <= this)."""
    today = today or london_today()
    return workdays.calendar().add(today, DUE_SOON_WORKING_DAYS + 1) - datetime.timedelta(days=1)


def describe(due_on, today=None, paused=False):
    """"due today", "due in 1 working day", "due in 3 working days", "1 working day overdue",
    "paused" (an open pause), or "" (no deadline). A deadline missed on Friday is "1 working
    day overdue" over the weekend and on Monday, "2 working days overdue" on Tuesday."""
    if paused:
        return "paused"
    due_on, today = _as_date(due_on), today or london_today()
    if due_on is None:
        return ""
    calendar = workdays.calendar()
    if due_on < today:
        late = max(1, calendar.between(due_on, today))
        return f"{late} working day{'' if late == 1 else 's'} overdue"
    left = calendar.between(today, due_on)
    if left == 0:
        return "due today"
    return f"due in {left} working day{'' if left == 1 else 's'}"
