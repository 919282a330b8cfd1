"""The demo's customer panels: a Customer Experience Panel and an Accessibility Panel run by the
demo facilitator, with members (some on both), applications waiting for a decision, the council's
population profile, an open proposal that members are discussing and a decided one, its decision
written back to them and linked to the action and the published "You said, we did" page.

    seed_panels(users, today) -> {"panels": 2, "members": n, "proposals": 2}

Members are residents at example.org addresses: type one (say amira.khan@example.org) at
/panel/sign-in and the sign-in email waits in the Outbox (/staff/outbox) for the administrator.
Comments are classified by the worker's sweep, as real ones are.
"""
import datetime

from app.actions.models import Action
from app.learning.models import Topic
from app.org.models import ServiceArea
from app.timefmt import LONDON
from panels.models import (Application, Demographics, Member, Membership, Panel, PanelFacilitator,
                           PopulationShare)
from panels.proposals.models import (Answer, Comment, Notification, Proposal, ProposalAction, ProposalTopic,
                                     Question, View)
from reports.yswd.models import Publication

DEMO_SOURCE = "Census 2021 (figures for the demo council)"
PANELS = {
    "customer-experience": dict(
        name="Customer Experience Panel",
        summary="Residents who read our plans for changing how services work and tell us what they "
                "think before we make the change: letters, forms, phone lines and collections.",
        how_to_join="Anyone who lives in the county and is 16 or over can apply. We ask for about "
                    "two hours a month, online or at a meeting; we pay travel and childcare costs."),
    "accessibility": dict(
        name="Accessibility Panel",
        summary="Disabled residents, carers and people who use assistive technology, who test our "
                "buildings, websites and letters and tell us what gets in the way.",
        how_to_join="Apply if you or someone you care for lives with a disability or long-term "
                    "condition. Tell us any support you need to take part; we provide it."),
}
# name, email user, panels, demographics (age band, sex, ethnicity, disability, area), days since joining
MEMBERS = [
    ("Amira Khan", "amira.khan", ("customer-experience", "accessibility"),
     ("35-44", "female", "asian", "limited_a_little", "Northfield"), 300),
    ("Tom Reilly", "tom.reilly", ("customer-experience",), ("65-74", "male", "white", "not_limited", "Oakhurst Green"), 280),
    ("Grace Okafor", "grace.okafor", ("customer-experience",), ("25-34", "female", "black", "not_limited", "Kettleby"), 250),
    ("Dev Patel", "dev.patel", ("customer-experience",), ("45-54", "male", "asian", "not_limited", "Pennford"), 240),
    ("Margaret Lowe", "margaret.lowe", ("customer-experience", "accessibility"),
     ("75+", "female", "white", "limited_a_lot", "Oakhurst Green"), 220),
    ("Sam Hughes", "sam.hughes", ("customer-experience",),
     ("55-64", "prefer_not_to_say", "white", "not_limited", "prefer_not_to_say"), 200),
    ("Owen Davies", "owen.davies", ("customer-experience",), ("65-74", "male", "white", "not_limited", "Westmoor"), 190),
    ("Lucy Barnes", "lucy.barnes", ("accessibility",), ("35-44", "female", "white", "limited_a_lot", "Kettleby"), 150),
    ("Kwame Mensah", "kwame.mensah", ("accessibility",), ("55-64", "male", "black", "limited_a_little", "Northfield"), 140),
    ("Joan Fielding", "joan.fielding", ("accessibility",), ("75+", "female", "white", "limited_a_lot", "Westmoor"), 120),
]
APPLICANTS = [
    ("Ryan Cole", "ryan.cole", "customer-experience", "I'm 19 and nobody my age seems to be asked about "
     "council services. I use the website for everything.", ("16-24", "male", "mixed", "not_limited", "Kettleby")),
    ("Priya Sharma", "priya.sharma", "customer-experience", "I work shifts and find it hard to get through "
     "on the phone. I would like to help make things easier to do online.", ("25-34", "female", "asian", "not_limited", "Pennford")),
    ("Ben Adeyemi", "ben.adeyemi", "accessibility", "I'm a wheelchair user and I'd like to help test "
     "the new library entrances.", ("45-54", "male", "black", "limited_a_lot", "Northfield")),
]
PROFILE = {
    "age_band": {"16-24": 13.0, "25-34": 15.5, "35-44": 15.0, "45-54": 16.5, "55-64": 16.0,
                 "65-74": 13.0, "75+": 11.0},
    "sex": {"female": 51.0, "male": 49.0},
    "ethnicity": {"asian": 9.5, "black": 4.0, "mixed": 3.0, "white": 81.5, "other": 2.0},
    "disability": {"limited_a_lot": 8.0, "limited_a_little": 10.5, "not_limited": 81.5},
    "area": {"Northfield": 21.0, "Oakhurst Green": 22.0, "Pennford": 19.0, "Westmoor": 18.0, "Kettleby": 20.0},
}
DECIDED = dict(
    panel="customer-experience", service="waste-recycling", theme="communication",
    action="Crews photograph a bin they could not empty and we tell the resident why",
    title="Tell residents why a bin was not emptied, with a photograph",
    what_would_change="When a crew cannot empty a bin, they photograph it and we send the resident a "
                      "text or email the same day saying why (for example, the lid would not close or "
                      "the bin held the wrong things) and what to do next.",
    why="Complaints about missed collections often say 'nobody told me why'. Residents rang us to find "
        "out, and some bins were reported missed when the crew had been and could not empty them.",
    questions=["Would a text, an email or a letter suit you best?",
               "What should the message say so that you know what to do next?"],
    opened=120, closes=95, decided=80,
    comments=[("tom.reilly", "A photo would end the arguments. Twice I was told the bin was not out "
               "when it was.", None),
              ("grace.okafor", "Please say what to do next, not just what went wrong.", None),
              ("dev.patel", "Agreed, and give a date for the next try.", 1),
              ("margaret.lowe", "I don't have a mobile phone, so a letter please, or a card through "
               "the door.", None),
              ("owen.davies", "Worried this is money spent on photos rather than emptying bins.", None)],
    views=[("tom.reilly", "support", "It would stop the back and forth on the phone."),
           ("grace.okafor", "support", "Knowing why means I can fix it before next time."),
           ("dev.patel", "support", "Good idea if the message gives a date."),
           ("margaret.lowe", "neutral", "Fine for people with phones; think about those without."),
           ("owen.davies", "oppose", "I would rather the crews had time to come back the same day.")],
    answers=[("tom.reilly", ["A text", "Why, and when you will come back"]),
             ("margaret.lowe", ["A card through the door", "What to do, in large print"])],
    decision="We are going ahead. Since May crews photograph any bin they cannot empty and residents "
             "hear why the same day by text or email. Because the panel told us not everyone has a "
             "mobile phone, crews now also leave a card through the door saying what happened and when "
             "they will come back. We will check in six months whether calls about missed bins fell.",
)
OPEN = dict(
    panel="accessibility", service="libraries", theme="accessibility", action=None,
    title="Easy-read and large-print versions of every letter about a complaint",
    what_would_change="Every letter we send about a complaint (acknowledgement, response, escalation) "
                      "would come with an easy-read version, and residents could ask once for large "
                      "print or audio for all future letters.",
    why="Residents and advocates told us our complaint letters are hard to follow, and some people "
        "had to ask each time for a format they can read.",
    questions=["Which formats should we offer?", "Is there anything in our letters that is hard to follow?"],
    opened=6, closes=-14, decided=None,
    comments=[("lucy.barnes", "Yes please. The response letter I had used three words I had to look up.", None),
              ("kwame.mensah", "Audio would help me most. Could it be a link in the email as well?", None),
              ("amira.khan", "An audio link would help my dad too.", 1),
              ("joan.fielding", "Large print should be the default if we have asked for it once, without "
               "asking again.", None)],
    views=[("lucy.barnes", "support", "Plain letters help everyone, not just disabled residents."),
           ("kwame.mensah", "support", "As long as audio is one of the formats."),
           ("joan.fielding", "neutral", "Good, but only if the request is remembered.")],
    answers=[("kwame.mensah", ["Audio and large print", "The dates: say the actual date we will reply by"])],
    decision=None,
)


def seed_panels(users, today):
    facilitator = next(user for user in users.values() if user.role == "panel_facilitator")
    panels = {slug: _panel(slug, facilitator) for slug in PANELS}
    members = {user: _member(name, user, [panels[p] for p in on], demo, _at(today, days))
               for name, user, on, demo, days in MEMBERS}
    for name, user, slug, reason, demo in APPLICANTS:
        Application.create(panel=panels[slug], name=name, email=f"{user}@example.org", reason=reason,
                           demographics_consent=True, created_at=_at(today, 3), is_demo=True,
                           **dict(zip(("age_band", "sex", "ethnicity", "disability", "area"), demo)))
    _profile()
    for spec in (DECIDED, OPEN):
        _proposal(spec, panels[spec["panel"]], members, facilitator, today)
    return {"panels": len(panels), "members": len(members), "proposals": 2}


def delete_demo_panels():
    Panel.delete().where(Panel.is_demo == True).execute()  # noqa: E712
    Member.delete().where(Member.is_demo == True).execute()  # noqa: E712
    PopulationShare.delete().where(PopulationShare.source == DEMO_SOURCE).execute()


def _panel(slug, facilitator):
    panel = Panel.create(slug=slug, is_demo=True, **PANELS[slug])
    PanelFacilitator.create(panel=panel, user=facilitator)
    return panel


def _member(name, user, panels, demo, joined):
    member = Member.create(name=name, email=f"{user}@example.org", created_at=joined, is_demo=True)
    for panel in panels:
        application = Application.create(
            panel=panel, name=name, email=member.email, reason="I want a say before services change.",
            demographics_consent=True, status="approved", decision_reason="Welcome to the panel.",
            decided_at=joined, member=member, created_at=joined - datetime.timedelta(days=7), is_demo=True,
            **dict(zip(("age_band", "sex", "ethnicity", "disability", "area"), demo)))
        Membership.create(panel=panel, member=member, joined_at=joined, application=application)
    Demographics.create(member=member, consented_at=joined,
                        **dict(zip(("age_band", "sex", "ethnicity", "disability", "area"), demo)))
    return member


def _profile():
    if PopulationShare.select().exists():
        return  # the council's own profile stays
    for dimension, shares in PROFILE.items():
        for category, percent in shares.items():
            PopulationShare.create(dimension=dimension, category=category, percent=percent, source=DEMO_SOURCE)


def _proposal(spec, panel, members, facilitator, today):
    opened = _at(today, spec["opened"])
    service = ServiceArea.get(ServiceArea.slug == spec["service"])
    proposal = Proposal.create(
        panel=panel, title=spec["title"], what_would_change=spec["what_would_change"], why=spec["why"],
        service=service, evidence_start=today - datetime.timedelta(days=spec["opened"] + 180),
        evidence_end=today - datetime.timedelta(days=spec["opened"]),
        closes_on=today - datetime.timedelta(days=spec["closes"]), status="decided" if spec["decision"] else "open",
        created_by=facilitator, created_at=opened - datetime.timedelta(days=2), opened_at=opened, is_demo=True)
    ProposalTopic.create(proposal=proposal, topic=Topic.get(Topic.key == spec["theme"]))
    questions = [Question.create(proposal=proposal, position=n, text=text) for n, text in enumerate(spec["questions"])]
    for member in members.values():
        if panel.id in {m.panel_id for m in member.memberships}:
            Notification.create(member=member, kind="proposal", proposal=proposal, created_at=opened,
                                digested_at=opened if spec["decision"] else None)
    comments = []
    for n, (who, body, parent) in enumerate(spec["comments"]):
        comments.append(Comment.create(proposal=proposal, member=members[who], body=body,
                                       parent=comments[parent] if parent is not None else None,
                                       created_at=opened + datetime.timedelta(hours=5 * (n + 1))))
    for who, stance, reason in spec["views"]:
        View.create(proposal=proposal, member=members[who], stance=stance, reason=reason,
                    updated_at=opened + datetime.timedelta(days=2))
    for who, texts in spec["answers"]:
        for question, text in zip(questions, texts):
            Answer.create(question=question, member=members[who], text=text)
    if spec["decision"]:
        _decide(proposal, spec, facilitator, today)
    return proposal


def _decide(proposal, spec, facilitator, today):
    action = Action.get_or_none(Action.title == spec["action"], Action.is_demo == True)  # noqa: E712
    if action is not None:
        ProposalAction.create(proposal=proposal, action=action, role="evidence")
        ProposalAction.create(proposal=proposal, action=action, role="decision")
    publication = (Publication.select().join(ServiceArea)
                   .where(ServiceArea.slug == spec["service"], Publication.status == "published")
                   .order_by(Publication.period_start.desc()).first())
    Proposal.update(decision=spec["decision"], decided_by=facilitator, decided_at=_at(today, spec["decided"]),
                    publication=publication).where(Proposal.id == proposal.id).execute()


def _at(today, days_ago):
    """Naive UTC for 11:00 London time `days_ago` days before today."""
    local = datetime.datetime.combine(today - datetime.timedelta(days=days_ago), datetime.time(11), tzinfo=LONDON)
    return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)
