"""The demo's close-the-loop story: residents waiting weeks for reported potholes to be
mended, until Highways books repairs within ten working days and texts a date (a done action,
app.demo.loop). Many such complaints in the months before the change, few after, so the
action's evidence (app.actions.evidence) shows the effect; the demo's officers label their
theme "Delay" as they work them.

`pothole_waits(rng, today)` returns scenario dicts (app.demo.scenarios' shape).
"""
import datetime

from app.timefmt import add_months

WHERE = ("Sandpit Lane, Pennford", "Quarry Hill, Upper Hadlow", "Ferry Road, Kettleby",
         "Wexley Road, Oakhurst Green", "Saxon Way, Pennford", "Ambrey Hill, Kettleby",
         "Dunstone Drive, Upper Hadlow", "Cobblers Lane, Oakhurst Green", "Priory Walk, Pennford",
         "Beacon View, Kettleby", "Rookery Lane, Upper Hadlow", "Old Forge Lane, Pennford")

BEFORE = (
    "I reported the pothole on {where} online {weeks} weeks ago and it is still there. Nobody has "
    "told me when it will be fixed. It is getting deeper every week.",
    "Still waiting for the pothole outside my house on {where} to be repaired. I reported it {weeks} "
    "weeks ago and chased it twice. The website just says 'in progress'.",
    "Caller reported a pothole on {where} {weeks} weeks ago. No repair date and no reply to two "
    "follow-up emails. Says a cyclist came off there at the weekend.",
    "How long does it take to fill in one pothole? {weeks} weeks since I reported the one on {where} "
    "and nothing has happened. I keep reporting it and hearing nothing back.",
    "The pothole on {where} has now burst two tyres in our street. It was reported {weeks} weeks ago. "
    "Please tell us when it is actually going to be mended.",
    "I am complaining about the delay in repairing the road on {where}. I reported the hole {weeks} "
    "weeks ago, was told it would be inspected, and have heard nothing since.",
)
AFTER = (
    "The pothole on {where} was booked quickly but the repair did not last - it has opened up again "
    "after a fortnight. Please send someone to do it properly.",
    "I got a text with a repair date for the pothole on {where}, which was good, but the crew did not "
    "come on that day and nobody told me why.",
)
CHANGE_DAYS_AGO = 130  # when Highways changed how it books pothole repairs
BEFORE_COUNT = 18
AFTER_COUNT = 4
CHANNELS = ("web", "web", "email", "phone")


def pothole_waits(rng, today):
    """Complaints spread over the three calendar months before the month of the change, and a
    handful over the three months after it."""
    change = today - datetime.timedelta(days=CHANGE_DAYS_AGO)
    month = change.replace(day=1)
    before = _spread(add_months(month, -3), month, BEFORE_COUNT, rng)
    after = _spread(add_months(month, 1), min(add_months(month, 4), today), AFTER_COUNT, rng)
    return ([_story(rng, BEFORE[n % len(BEFORE)], n, (today - day).days) for n, day in enumerate(before)]
            + [_story(rng, AFTER[n % len(AFTER)], n + BEFORE_COUNT, (today - day).days)
               for n, day in enumerate(after)])


def _spread(start, end, count, rng):
    """`count` days from `start` up to (not including) `end`, evenly spread, a little jittered."""
    span = (end - start).days
    step = span / count
    return [start + datetime.timedelta(days=int(n * step + rng.uniform(0, step * 0.8))) for n in range(count)]



def _story(rng, text, n, days_ago):
    channel = CHANNELS[n % len(CHANNELS)]
    hour = rng.randint(9, 16) if channel == "phone" else rng.choice((8, 12, 19, 21))
    return dict(service="highways", kind="complaint", channel=channel, days_ago=days_ago,
                at=f"{hour:02d}:{rng.randint(0, 59):02d}", person="new",
                text=text.format(where=WHERE[n % len(WHERE)], weeks=rng.choice((3, 4, 5, 6, 7))))
