"""The demo's complaint casework, planned from a seed: pure and repeatable.

`plan(items, today, seed)` gives every complaint item a script: the steps officers (and
the resident) took on its case, each at a past moment, in order. A story is written
whole (triage, acknowledgement, notes, calls, a pause, an extension, the response,
closing, stage 2, the Ombudsman) and cut off at `today`: steps that would fall today or
later have not happened yet, so recent complaints are still unacknowledged or being
investigated, older ones responded to and closed. The fixed stories of app.demo.scenarios
are scripted by hand (app.demo.casework_scenarios).

A step is a dict: {"do": action, "at": naive UTC, "by": HANDLER / ADMIN / None, ...},
run by app.demo.cases against the real casework services. HANDLER is whoever the case is
assigned to at that moment; ADMIN the demo administrator; None the resident or the system.
"""
import datetime
import random

import app.workdays as workdays
from app.cases.rules import overall_decision
from app.demo import texts_cases as t
from app.timefmt import LONDON, to_london

HANDLER, ADMIN = "handler", "admin"
# What each step tells the resident on /track (app.cases.timeline.tell_resident).
STATUS_AFTER = {"acknowledge": "acknowledged", "respond": "responded", "stage2": "in_progress",
                "close": "closed"}
OPEN_STATUSES = ("received", "acknowledged", "in_progress")
OLDEST_OPEN_DAYS = 85  # a story still open after this many days is cut back to its closing
OUTCOME_WEIGHTS = {"upheld": 28, "partly_upheld": 30, "not_upheld": 34, "withdrawn": 8}
EXTEND_EVERY = 20  # one in this many investigated complaints needs the one extension allowed
STAGE2_EVERY = 6  # one in this many stage 1 decisions that did not uphold everything goes to stage 2


class Story:
    """One case's steps, each some working days after the one before (or after a mark)."""

    def __init__(self, item, today, calendar, rng):
        self.item, self.today, self.cal, self.rng = item, today, calendar, rng
        self.last = item["received_at"]
        self.steps, self.marks, self.stopped = [], {}, False

    def do(self, action, days=(0, 0), by=HANDLER, after=None, **details):
        """Plan `action` a random number of working days in `days` after the last step (or
        after the mark `after`); False, and nothing more from here on, once that is today
        or later."""
        if self.stopped:
            return False
        start = to_london(self.marks.get(after, self.last)).date()
        count = self.rng.randint(*days)
        day = self.cal.add(start, count) if count else start
        last = to_london(self.last)
        if day <= last.date():
            day = last.date()
            if not self.cal.is_working_day(day) or last.hour >= 16:
                day = self.cal.add(day, 1)
        if day >= self.today:
            self.stopped = True
            return False
        at = self._time(day, last)
        self.steps.append(dict(details, do=action, at=at, by=by))
        self.last = at
        return True

    def mark(self, name):
        self.marks[name] = self.last

    def _time(self, day, last):
        """Office hours on `day`, after the last step when that was the same day."""
        minutes = self.rng.randint(9 * 60, 17 * 60)
        if day == last.date():
            minutes = max(minutes, last.hour * 60 + last.minute + self.rng.randint(5, 60))
        minutes = min(minutes, 23 * 60 + 58)
        local = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60),
                                          tzinfo=LONDON)
        return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def plan(items, today, seed, calendar=None):
    """{item key: [step, ...]} for every complaint item (items sorted by arrival)."""
    from app.demo import casework_scenarios

    rng = random.Random(f"{seed}:casework")  # its own stream: the feedback stays the same
    calendar = calendar or workdays.calendar()
    complaints = [item for item in items if item["kind"] == "complaint"]
    oldest = next((i for i in complaints if not i["scenario"]), None)
    seen, plans, turns = {}, {}, {"stage2": 0, "extend": 0}
    for item in complaints:
        story = Story(item, today, calendar, rng)
        if casework_scenarios.scripted(item["scenario"]):
            index = seen[item["scenario"]] = seen.get(item["scenario"], -1) + 1
            casework_scenarios.write(item["scenario"], index, story, rng)
        else:
            ordinary(story, item, rng, turns, ombudsman=item is oldest)
        plans[item["key"]] = _cut_back(story.steps, item, today)
    return plans


def with_addresses(people, seed):
    """Residents with no email get a (fictional) postal address, so letters can be posted."""
    from app.demo import phrases

    rng = random.Random(f"{seed}:addresses")
    return [person if person["email"] else dict(person, postal_address=(
        f"{rng.randint(1, 120)} {rng.choice(phrases.ROADS)}\n{rng.choice(phrases.PLACES)}"))
        for person in people]


def status_of(steps):
    """The resident's /track status once the steps have run."""
    status = "received"
    for step in steps:
        status = STATUS_AFTER.get(step["do"], status)
    return status


def _cut_back(steps, item, today):
    """A case this old is closed: drop what came after its last closing, if it is open."""
    if (today - to_london(item["received_at"]).date()).days <= OLDEST_OPEN_DAYS:
        return steps
    if status_of(steps) not in OPEN_STATUSES:
        return steps
    closes = [n for n, step in enumerate(steps) if step["do"] == "close"]
    return steps[:closes[-1] + 1] if closes else steps


# An ordinary complaint ----------------------------------------------------------------

def ordinary(story, item, rng, turns, ombudsman=False):
    outcome = "not_upheld" if ombudsman else _weighted(rng, OUTCOME_WEIGHTS)
    points = _points(rng, item["service"], outcome)
    if not story.do("triage", (0, 1), by=None):
        return
    late = rng.random() < 0.1
    if not story.do("acknowledge", (6, 8) if late else (0, 3), understanding=understanding(points)):
        return
    story.mark("acknowledged")
    if rng.random() < 0.35:
        story.do("note", (1, 3), text=rng.choice(t.NOTES))
    if rng.random() < 0.2:
        story.do("call", (0, 2), text=rng.choice(t.CALLS))
    if outcome == "withdrawn":
        story.do("call", (2, 6), text=rng.choice(t.WITHDRAWN_CALLS))
        story.do("close", (0, 0), outcome="withdrawn")
        return
    shift = _pause_and_extension(story, rng, turns)
    slow = (11, 13) if rng.random() < 0.12 else (5, 9)
    story.do("respond", (slow[0] + shift, slow[1] + shift), after="acknowledged",
             **response(rng, points))
    story.do("close", (1, 5), **closing(rng, points))
    if outcome != "upheld" and not ombudsman:
        turns["stage2"] += 1  # stage 2 requests spread evenly through the year
    if ombudsman or (outcome != "upheld" and turns["stage2"] % STAGE2_EVERY == 0):
        stage2(story, rng, points, ombudsman=ombudsman)


def _pause_and_extension(story, rng, turns):
    """Working days the response moves for a pause (sometimes) and an extension (one in
    EXTEND_EVERY complaints investigated, spread evenly through the year)."""
    shift = 0
    if rng.random() < 0.15:
        reason, message = rng.choice(t.PAUSES)
        story.do("pause", (1, 3), reason=reason, message=message)
        held = rng.randint(3, 8) if rng.random() < 0.6 else rng.randint(12, 20)  # slow replies
        story.do("resume", (held, held))
        shift += held
    turns["extend"] += 1
    if turns["extend"] % EXTEND_EVERY == 0:
        extra = rng.randint(5, 10)
        story.do("extend", (6, 8), after="acknowledged", extra_days=extra,
                 reason=rng.choice(t.EXTENSIONS))
        shift += extra
    return shift


def stage2(story, rng, points, ombudsman=False):
    """The resident asks for stage 2; a different officer reviews it and answers."""
    story.do("stage2", (3, 10), by=None, reason=rng.choice(t.STAGE2_REASONS))
    story.do("reviewer", (0, 1), by=ADMIN, choice=rng.randrange(3))
    story.do("acknowledge", (0, 3), understanding=understanding(points, stage=2))
    story.mark("acknowledged2")
    if rng.random() < 0.5:
        story.do("note", (2, 6), text=rng.choice(t.NOTES))
    agree = ombudsman or rng.random() < 0.65
    reviewed = [_review(point, agree) for point in points]
    story.do("respond", (14, 20), after="acknowledged2", **response(rng, reviewed))
    story.do("close", (1, 3), **closing(rng, reviewed))
    if ombudsman:
        story.do("refer", (15, 30), ombudsman="lgsco")
        story.do("ombudsman_outcome", (40, 70), text=t.OMBUDSMAN_OUTCOMES[0])


# What the officer writes ----------------------------------------------------------------

def _points(rng, service, outcome):
    """The complaint's points with a decision on each that adds up to `outcome`
    (a withdrawn complaint gets points too: the acknowledgement states them)."""
    entries = list(t.POINTS[service])
    rng.shuffle(entries)
    chosen = [entries[0]]
    if outcome == "partly_upheld" or rng.random() < 0.4:
        chosen.append(rng.choice(entries[1:] + list(t.GENERIC_POINTS)))
    decisions = {"upheld": ["upheld"] * 2, "not_upheld": ["not_upheld"] * 2,
                 "withdrawn": ["not_upheld"] * 2, "partly_upheld": ["upheld", "not_upheld"]}
    return [{"point": entry["point"], "decision": decision, "reasons": entry[decision],
             "entry": entry} for entry, decision in zip(chosen, decisions[outcome])]


def _review(point, agree):
    """The stage 2 reviewer's decision on a point: the same, or upheld after all."""
    decision = point["decision"] if agree else "upheld"
    opening = t.STAGE2_AGREE if decision == point["decision"] else t.STAGE2_DISAGREE
    return dict(point, decision=decision, reasons=opening + point["entry"][decision])


def understanding(points, stage=1):
    words = "; ".join(p["point"][0].lower() + p["point"][1:] for p in points)
    return t.UNDERSTANDING[stage].format(points=words)


def response(rng, points):
    upheld = [p for p in points if p["decision"] == "upheld"]
    pence = rng.choice(t.FINANCIAL_PENCE) if upheld and rng.random() < 0.2 else None
    return {"points": [{k: p[k] for k in ("point", "decision", "reasons")} for p in points],
            "remedy_apology": bool(upheld),
            "remedy_action": " ".join(p["entry"]["action"] for p in upheld),
            "remedy_financial_pence": pence,
            "outstanding_actions": rng.choice(t.OUTSTANDING) if upheld and rng.random() < 0.3 else ""}


def closing(rng, points):
    outcome = overall_decision(p["decision"] for p in points)
    upheld = [p for p in points if p["decision"] == "upheld"]
    cause = upheld[0]["entry"]["cause"] if upheld else ""
    actions = [t.ROOT_CAUSE_ACTIONS[cause]] if cause in t.ROOT_CAUSE_ACTIONS and rng.random() < 0.3 else []
    return {"outcome": outcome, "root_cause": cause,
            "lessons": rng.choice(t.LESSONS[cause]) if cause else "", "actions": actions}


def _weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]
