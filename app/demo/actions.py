"""The demo's root-cause actions, in every state, made through the actions services by the demo's
staff at past dates: some done with a summary for residents (the "We did" of the demo's "You
said, we did" pages), some in progress or agreed and overdue (the overdue queue, and their
owners' weekly reminders), one dropped with its reason. Closing demo cases adds more, proposed
(app.cases.closing).

The pothole story (app.demo.texts_loop) has its action: done CHANGE_DAYS_AGO days ago, linked
to the complaints that led to it and to the theme "Delay" over the three months before, so its
page shows the evidence: complaints per month before and after. Officers label those complaints'
theme as they work them, so the evidence does not wait for the models.

    seed_actions(items, created, users, today) -> {status: count}
"""
import datetime

from peewee import fn

from app.actions import services
from app.actions.models import Action
from app.cases.models import CaseItem
from app.demo.staff import DEMO_EMAIL_DOMAIN
from app.demo.texts_loop import CHANGE_DAYS_AGO
from app.learning import labels
from app.learning.models import OfficerLabel, Topic
from app.org.models import ServiceArea
from app.timefmt import LONDON, add_months

ACTIONS = (
    dict(story="pothole_waits", service="highways", owner="lead.streets", by="lead.streets",
         title="Book every reported pothole within ten working days and text the repair date",
         description="Residents waited weeks for reported potholes to be mended and heard nothing. Move "
                     "online reports from the weekly inspection list to the daily one, book the repair "
                     "within ten working days and send the resident a text with the date.",
         created=CHANGE_DAYS_AGO + 40, due=CHANGE_DAYS_AGO - 10, status="done", done=CHANGE_DAYS_AGO,
         theme="delay",
         public_summary="You told us you waited weeks for reported potholes to be mended and heard nothing "
                        "back. We now book every reported pothole within ten working days and text you the "
                        "repair date.",
         owner_note="Two extra repair gangs over the summer; the booking moved to the daily list on the "
                    "first of the month. Watch the autumn figures before the winter peak."),
    dict(service="waste-recycling", owner="officer3", by="officer3",
         title="Crews photograph a bin they could not empty and we tell the resident why",
         description="Many 'missed bin' complaints were bins blocked by parked cars or put out late. "
                     "Crews' tablets take a photo; the contact centre can see it and tell the resident.",
         created=260, due=200, status="done", done=190,
         public_summary="You told us bins were missed and nobody said why. Crews now photograph any bin "
                        "they cannot empty, and we tell you the reason and when they will come back.",
         owner_note="Complaints about missed bins that were not out on time have almost stopped."),
    dict(service="adult-social-care", owner="lead.care", by="lead.care",
         title="Confirm the care package's start date before agreeing a hospital discharge",
         description="Residents were sent home from hospital with no care in place. The discharge team "
                     "confirms the provider's start date in writing before agreeing any discharge.",
         created=150, due=80, status="done", done=75,
         public_summary="You told us people were sent home from hospital before their care had started. "
                        "We now agree a discharge only when the care provider has confirmed the start date.",
         owner_note="Agreed with both hospital trusts' discharge teams."),
    dict(service="libraries", owner="officer1", by="admin",
         title="Open Kettleby library until 7pm on Thursdays",
         description="Comments asked for one late opening for people who work in the day.",
         created=120, due=60, status="done", done=55,
         public_summary="You asked for a late opening. Kettleby library now stays open until 7pm every "
                        "Thursday."),
    dict(service="adult-social-care", owner="lead.care", by="lead.care",
         title="Call back every carer who asks for respite within two working days",
         description="Carers at breaking point waited days for a call back about cancelled respite.",
         created=60, due=10, status="in_progress"),
    dict(service="street-lighting", owner="lead.streets", by="lead.streets",
         title="Keep the lamp column number when a street light is reported online",
         description="The online form loses the column number, so crews cannot find the light.",
         created=70, due=21, status="agreed"),
    dict(service="parking", owner="officer1", by="admin",
         title="Send permit renewal reminders 28 days before a permit runs out",
         description="Residents were fined after their permit lapsed; the reminder came too late.",
         created=45, due=5, status="agreed"),
    dict(service="highways", owner="lead.streets", by="lead.streets",
         title="Publish the gritting routes on the website before the first frost",
         description="Residents ask every winter which roads are gritted.",
         created=40, due=-25, status="in_progress"),
    dict(service="council-tax", owner="officer2", by="officer2",
         title="Explain the single person discount review in plain English",
         description="The review letter reads like a fine; residents ring in worried.",
         created=20, due=-40, status="agreed"),
    dict(service="waste-recycling", owner="officer3", by="officer3",
         title="Move Pennford's collection day to Monday",
         description="Proposed to balance the rounds.",
         created=100, due=None, status="dropped",
         reason="The new Oakhurst Green round balanced the rounds without moving Pennford's day."),
)
PATH = {"agreed": ("agreed",), "in_progress": ("agreed", "in_progress"),
        "done": ("agreed", "in_progress", "done"), "dropped": ("dropped",)}


def seed_actions(items, created, users, today):
    """Make the demo's actions; returns {status: count} of every demo action (with those
    proposed when demo cases closed)."""
    people = {email.split("@")[0]: user for email, user in users.items()
              if email.endswith("@" + DEMO_EMAIL_DOMAIN)}
    for spec in ACTIONS:
        _create(spec, people, items, created, today)
    return dict(Action.select(Action.status, fn.COUNT(Action.id)).where(Action.is_demo == True)  # noqa: E712
                .group_by(Action.status).tuples())


def _create(spec, people, items, created, today):
    actor = people[spec["by"]]
    service = ServiceArea.get(ServiceArea.slug == spec["service"])
    case_ids, theme = [], None
    if spec.get("story"):
        story_items = _story_items(spec["story"], items, created, today - datetime.timedelta(days=spec["done"]))
        done_on = today - datetime.timedelta(days=spec["done"])
        earlier = [item for item in story_items if item.received_at.date() < done_on]
        case_ids = [row.case_id for row in CaseItem.select().where(CaseItem.item.in_([i.id for i in earlier]))]
        _label_theme(story_items, spec["theme"], people["officer1"])
        theme = _before(Topic.get(Topic.key == spec["theme"]).id, today - datetime.timedelta(days=spec["done"]))
    action = services.create(
        actor=actor, at=_past(today, spec["created"]), title=spec["title"], description=spec["description"],
        service=service.id, owner=people[spec["owner"]].id, public_summary=spec.get("public_summary", ""),
        due_on=today - datetime.timedelta(days=spec["due"]) if spec["due"] is not None else None,
        case_ids=case_ids, theme=theme)
    steps = PATH.get(spec["status"], ())
    for n, status in enumerate(steps):
        last = n == len(steps) - 1
        days = spec["done"] if last and status == "done" else spec["created"] - 3 * (n + 1)
        services.change_status(action, status, actor=actor, reason=spec.get("reason", ""),
                               owner_note=spec.get("owner_note") if last else None, at=_past(today, days))
    Action.update(is_demo=True).where(Action.id == action.id).execute()
    return Action.get_by_id(action.id)


def _story_items(tag, items, created, before):
    """The story's items (those that arrived before the change first, then the rest)."""
    story = [spec for spec in items if spec["scenario"] == tag and spec["key"] in created]
    story.sort(key=lambda spec: spec["received_at"].date() >= before)
    return [created[spec["key"]] for spec in story]


def _label_theme(story_items, key, officer):
    for item in story_items:
        labels.label_themes(item, [key], actor=officer)
        OfficerLabel.update(at=item.received_at + datetime.timedelta(days=3)).where(
            OfficerLabel.item == item, OfficerLabel.task == "theme").execute()


def _before(topic_id, done_on):
    """(topic, first day, last day) of the three calendar months before the month of `done_on`."""
    month = done_on.replace(day=1)
    return topic_id, add_months(month, -3), month - datetime.timedelta(days=1)


def _past(today, days_ago):
    """Naive UTC for 10:00 London time `days_ago` days before today."""
    local = datetime.datetime.combine(today - datetime.timedelta(days=days_ago), datetime.time(10),
                                      tzinfo=LONDON)
    return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)
