"""Officers' confirmed labels in the demo: a few dozen items whose sentiment and topics a demo
complaints officer set while working them, through the labels service (so each is an audited
OfficerLabel, the learning loop's training data): the sentiment its kind has, and the topic of
its service area. With these the worker trains challengers as
soon as it starts (app.learning.tasks.catch_up), and the models page shows measured quality.

    label_items(items, created, users, seed, today)

`items` are app.demo.generate's dicts, `created` maps their keys to FeedbackItems and `users`
emails to Users. Which items, and by whom, is fixed by the seed.
"""
import datetime
import random

from app.auth.roles import COMPLAINTS_OFFICER
from app.cases.models import Case, CaseItem
from app.learning import labels
from app.learning.models import OfficerLabel

# How many of each kind, and the sentiment an officer gives them.
PER_KIND = {"complaint": 16, "compliment": 12, "service_request": 10}
SENTIMENT = {"complaint": "negative", "compliment": "positive", "service_request": "neutral"}
MIN_AGE_DAYS = 7  # officers label what they have worked on, not what arrived this week


def label_items(items, created, users, seed, today):
    """Label the chosen items; returns how many items were labelled."""
    rng = random.Random(f"{seed}:labels")
    officers = {user.email: user for user in users.values() if user.role == COMPLAINTS_OFFICER}
    chosen = []
    for kind, count in PER_KIND.items():
        candidates = [spec for spec in items if spec["kind"] == kind and not spec["scenario"]
                      and (today - spec["received_at"].date()).days >= MIN_AGE_DAYS]
        chosen += rng.sample(candidates, min(count, len(candidates)))
    for spec in sorted(chosen, key=lambda spec: spec["key"]):
        item = created[spec["key"]]
        officer = _officer(item, spec["service"], officers, rng)
        labels.label_sentiment(item, SENTIMENT[spec["kind"]], actor=officer)
        labels.label_service(item, spec["service"], actor=officer)
        at = min(spec["received_at"] + datetime.timedelta(days=rng.randint(1, 5)),
                 datetime.datetime.combine(today, datetime.time()))
        OfficerLabel.update(at=at).where(OfficerLabel.item == item).execute()
    return len(chosen)


def _officer(item, service, officers, rng):
    """The officer who handled the item's case, else one in the service's team."""
    case = Case.select().join(CaseItem).where(CaseItem.item == item).first()
    if case is not None and case.assigned_to_id and case.assigned_to.role == COMPLAINTS_OFFICER:
        return case.assigned_to
    team = [user for email, user in sorted(officers.items()) if service in _services_of(user)]
    return rng.choice(team or sorted(officers.values(), key=lambda user: user.id))


def _services_of(user):
    from app.org.models import ServiceArea

    return {area.slug for area in ServiceArea.select().where(ServiceArea.id.in_(list(user.service_ids()) or [0]))}

