"""A council year of demo feedback, generated from a seed: pure and repeatable.

`generate(today)` touches no database and returns plain dicts: the same `today`
(and seed) always gives exactly the same people, texts, dates and statuses.
Dates fall in the 365 days before `today`, at plausible local (Europe/London)
hours, more on weekdays; `received_at` is naive UTC, as the database stores it.
"""
import datetime
import random
from collections import Counter

from app.demo import casework, scenarios, survey_answers, texts_loop
from app.demo.residents import Residents
from app.demo.staff import staff_accounts
from app.demo.writing import compose
from app.timefmt import LONDON

DEFAULT_SEED = 1974  # any fixed number: the demo reads the same every time
TOTAL_ITEMS = 315  # besides the free-text survey answers (app.demo.survey_answers)

KIND_WEIGHTS = {"complaint": 39, "compliment": 22, "comment": 22, "service_request": 17}
CHANNEL_WEIGHTS = {
    "complaint": {"web": 42, "email": 32, "phone": 18, "in_person": 6, "qr_survey": 2},
    "compliment": {"web": 35, "email": 30, "phone": 12, "in_person": 10, "qr_survey": 13},
    "comment": {"web": 40, "email": 20, "phone": 8, "in_person": 10, "qr_survey": 22},
    "service_request": {"web": 50, "email": 18, "phone": 24, "in_person": 8},
}
SERVICE_WEIGHTS = {
    "highways": 16, "waste-recycling": 14, "council-tax": 12, "parking": 11,
    "adult-social-care": 9, "libraries": 8, "street-lighting": 7, "school-admissions": 6,
    "childrens-services": 5, "blue-badge": 5, "concessionary-fares": 4, "registration": 4,
}
MIN_PER_SERVICE = 6
# How likely a resident leaves contact details; complaints always do.
PERSON_CHANCE = {"complaint": 1.0, "service_request": 0.9, "compliment": 0.3, "comment": 0.3}
# Months when a service hears more (frost and potholes, offer day, annual bills...).
BUSY_MONTHS = {
    "highways": (12, 1, 2, 3), "street-lighting": (10, 11, 12, 1), "council-tax": (3, 4),
    "school-admissions": (3, 4, 5, 6, 9), "waste-recycling": (5, 6, 7, 8),
}
QUIET_MONTH_CHANCE = 0.45
# A busier few weeks for complaints just before today, so officers open the demo to full
# queues: this share of complaints arrived in the last RECENT_DAYS days.
RECENT_COMPLAINT_SHARE = 0.15
RECENT_DAYS = 35
WEEKEND_CHANCE = {"web": 0.5, "email": 0.35, "qr_survey": 0.6, "phone": 0.04, "in_person": 0.15}


def generate(today=None, seed=DEFAULT_SEED, total=TOTAL_ITEMS):
    """{"today", "seed", "items", "people", "staff", "cases", "responses"} for a year ending
    the day before `today`; "cases" maps each complaint's key to its casework
    (app.demo.casework), and a complaint's status is where that casework leaves it;
    "responses" are the answers to the demo's surveys (app.demo.survey_answers), whose
    free-text answers are among the items (kind "survey_answer")."""
    today = today or datetime.datetime.now(datetime.timezone.utc).date()
    rng = random.Random(seed)
    residents = Residents(rng)
    items = _scenario_items(rng, today, residents)
    kinds = _quota(rng, total, Counter(item["kind"] for item in items))
    for kind, service in zip(kinds, _services(rng, len(kinds))):
        items.append(_item(rng, today, residents, kind, service))
    responses = survey_answers.touchpoint_responses(
        rng, today, lambda day, channel: _at(day, _local_minutes(rng, channel), rng.randrange(60)))
    items += [r["item"] for r in responses if r["item"]]
    items += _loop_items(today, residents, seed)
    items += _assisted_items(today, residents, seed)
    cases = _keyed(items, {}, today, seed)
    later = survey_answers.complaint_responses(rng, items, cases, residents.people, today)
    responses = sorted(responses + later, key=lambda r: (r["at"], r["survey"], r["text"]))
    items += [r["item"] for r in later if r["item"]]
    for item in items:
        if item["kind"] == "survey_answer":
            item["status"] = _status(rng, "survey_answer", (today - item["received_at"].date()).days)
    cases = _keyed(items, cases, today, seed)
    people = casework.with_addresses(_with_first_seen(residents.people, items), seed)
    return {"today": today, "seed": seed, "items": items, "people": people,
            "staff": staff_accounts(), "cases": cases, "responses": responses}


def _keyed(items, cases, today, seed):
    """Sort `items` by arrival and number them from 1; returns the cases keyed by the new
    numbers (planning them when `cases` is empty), with each complaint's status set."""
    items.sort(key=lambda item: (item["received_at"], item["text"]))
    renumber = {}
    for number, item in enumerate(items, start=1):
        if item["key"] is not None:
            renumber[item["key"]] = number
        item["key"] = number
    cases = {renumber[key]: steps for key, steps in cases.items()} if cases else \
        casework.plan(items, today, seed)
    for item in items:
        if item["key"] in cases:
            item["status"] = casework.status_of(cases[item["key"]])
    return cases


def _quota(rng, total, already):
    """Exactly the weighted share of each kind (less the scenarios'), shuffled."""
    weight_sum = sum(KIND_WEIGHTS.values())
    counts = {kind: round(total * weight / weight_sum) for kind, weight in KIND_WEIGHTS.items()}
    counts["complaint"] += total - sum(counts.values())
    kinds = [kind for kind, count in counts.items() for _ in range(count - already[kind])]
    rng.shuffle(kinds)
    return kinds


def _services(rng, count):
    """Every service at least MIN_PER_SERVICE times; the rest by weight."""
    slugs = [slug for slug in SERVICE_WEIGHTS for _ in range(MIN_PER_SERVICE)]
    slugs += rng.choices(list(SERVICE_WEIGHTS), weights=list(SERVICE_WEIGHTS.values()),
                         k=count - len(slugs))
    rng.shuffle(slugs)
    return slugs


def _item(rng, today, residents, kind, service):
    channel = _weighted(rng, CHANNEL_WEIGHTS[kind])
    day = _day(rng, today, channel, service,
               recent=kind == "complaint" and rng.random() < RECENT_COMPLAINT_SHARE)
    person = None
    if rng.random() < PERSON_CHANCE[kind]:
        person = residents.for_item(channel)
    text = compose(rng, service, kind, channel, signer=_first_name(person))
    received_at = _at(day, _local_minutes(rng, channel), rng.randrange(60))
    return _record(kind, channel, service, person, text, received_at,
                   _status(rng, kind, (today - day).days), scenario=None)


def _scenario_items(rng, today, residents):
    repeat = residents.add(**scenarios.REPEAT_PERSON)
    items = []
    for tag, stories in scenarios.ALL:
        for story in stories:
            person = _story_person(story, residents, repeat)
            day = today - datetime.timedelta(days=story["days_ago"])
            hour, minute = map(int, story["at"].split(":"))
            items.append(_record(
                story["kind"], story["channel"], story["service"], person, story["text"],
                _at(day, hour * 60 + minute, rng.randrange(60)),
                _status(rng, story["kind"], story["days_ago"]), scenario=tag))
    return items


def _loop_items(today, residents, seed):
    """The close-the-loop story (app.demo.texts_loop), from its own random stream so the rest
    of the demo reads as before."""
    main, residents.rng = residents.rng, random.Random(f"{seed}:loop")
    try:
        rng = residents.rng
        stories = texts_loop.pothole_waits(rng, today)
        return [_record(story["kind"], story["channel"], story["service"],
                        _story_person(story, residents, None), story["text"],
                        _at(today - datetime.timedelta(days=story["days_ago"]),
                            int(story["at"][:2]) * 60 + int(story["at"][3:]), rng.randrange(60)),
                        _status(rng, story["kind"], story["days_ago"]), scenario="pothole_waits")
                for story in stories]
    finally:
        residents.rng = main


# Contacts the contact centre recorded for residents (app.contacts): letters, social media
# posts and councillors' enquiries, a few of each as a year brings them.
ASSISTED = (("letter", "complaint", "council-tax"), ("letter", "comment", "libraries"),
            ("social_media", "complaint", "waste-recycling"), ("social_media", "compliment", "highways"),
            ("councillor", "complaint", "highways"), ("councillor", "service_request", "street-lighting"))
FRAMES = {
    "letter": "Dear Sir or Madam,\n\n{text}\n\nYours faithfully",
    "social_media": "Posted on the council's Facebook page: {text}",
    "councillor": "Councillor's enquiry on behalf of a resident: {text}",
}


def _assisted_items(today, residents, seed):
    """The contact centre's letters, posts and councillors' enquiries, from their own random
    stream (as _loop_items) so the rest of the demo reads as before."""
    main, residents.rng = residents.rng, random.Random(f"{seed}:assisted")
    try:
        rng, items = residents.rng, []
        for channel, kind, service in ASSISTED:
            day = _day(rng, today, "phone", service)
            person = residents.new(channel)
            text = FRAMES[channel].format(text=compose(rng, service, kind, channel, signer=_first_name(person)))
            items.append(_record(kind, channel, service, person, text,
                                 _at(day, _local_minutes(rng, "phone"), rng.randrange(60)),
                                 _status(rng, kind, (today - day).days), scenario=None))
        return items
    finally:
        residents.rng = main


def _story_person(story, residents, repeat):
    if story["person"] == "repeat":
        return repeat
    if story["person"] == "new":
        return residents.new(story["channel"])
    return None


def _record(kind, channel, service, person, text, received_at, status, scenario):
    return {"key": None, "kind": kind, "channel": channel, "service": service,
            "person": person["key"] if person else None, "text": text,
            "received_at": received_at, "status": status, "scenario": scenario}


def _day(rng, today, channel, service, recent=False):
    """A day in the year before today (in the last RECENT_DAYS when `recent`): fewer at
    weekends and in a service's quiet months."""
    busy = None if recent else BUSY_MONTHS.get(service)
    while True:
        day = today - datetime.timedelta(days=rng.randint(1, RECENT_DAYS if recent else 365))
        if day.weekday() >= 5 and rng.random() > WEEKEND_CHANCE[channel]:
            continue
        if busy and day.month not in busy and rng.random() > QUIET_MONTH_CHANCE:
            continue
        return day


def _local_minutes(rng, channel):
    """Minutes after local midnight: office hours for calls and visits; web and
    email through the day and evening."""
    if channel == "phone":
        return rng.randint(9 * 60, 17 * 60 - 1)
    if channel == "in_person":
        return rng.randint(9 * 60 + 30, 16 * 60 + 29)
    if channel == "qr_survey":
        return rng.randint(9 * 60, 19 * 60)
    start, end = rng.choices(
        ((8 * 60, 18 * 60), (18 * 60, 23 * 60), (6 * 60 + 30, 8 * 60), (23 * 60, 24 * 60 - 1)),
        weights=(55, 35, 6, 4))[0]
    return rng.randint(start, end)


def _at(day, minutes, second):
    """Naive UTC for a local (Europe/London) wall-clock time on `day`."""
    local = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60, second),
                                      tzinfo=LONDON)
    return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def _status(rng, kind, age):
    """Older items are mostly closed or answered; recent ones still open."""
    if kind == "survey_answer":
        return "closed" if age > 14 else "received"
    if kind == "complaint":
        bands = ((60, {"closed": 85, "responded": 15}),
                 (25, {"closed": 45, "responded": 35, "in_progress": 20}),
                 (10, {"in_progress": 50, "acknowledged": 30, "responded": 20}),
                 (3, {"acknowledged": 55, "received": 25, "in_progress": 20}),
                 (-1, {"received": 70, "acknowledged": 30}))
    else:
        bands = ((30, {"closed": 90, "responded": 10}),
                 (10, {"closed": 50, "responded": 25, "acknowledged": 15, "in_progress": 10}),
                 (3, {"acknowledged": 45, "received": 35, "in_progress": 20}),
                 (-1, {"received": 80, "acknowledged": 20}))
    weights = next(weights for older_than, weights in bands if age > older_than)
    return _weighted(rng, weights)


def _weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _first_name(person):
    return person["name"].split()[0] if person and person["name"] else None


def _with_first_seen(people, items):
    """Only residents who gave feedback, each with the date they first did."""
    first_seen = {}
    for item in items:  # sorted by received_at
        first_seen.setdefault(item["person"], item["received_at"])
    return [dict(person, first_seen=first_seen[person["key"]])
            for person in people if person["key"] in first_seen]
