"""Plain create_* functions that build whatever parents are missing."""
import itertools

from app.auth.models import User
from app.org.models import ServiceArea

_seq = itertools.count(1)


def service(slug="highways"):
    return ServiceArea.get(ServiceArea.slug == slug)


def create_user(role="complaints_officer", *, email=None, password="a long test password",
                name=None, services=(), must_change_password=False, two_factor=None):
    """A member of staff. Roles that must sign in with a second factor (administrators,
    complaints officers) get an authenticator secret, as if they had set their app up
    (`two_factor=False` for one who has not yet; `True` gives any role one)."""
    import pyotp

    from app.auth import second_factor
    from app.auth.roles import needs_second_factor
    from app.auth.services import create_user as make

    n = next(_seq)
    user, _ = make(email or f"{role}{n}@test.invalid", name or f"Test {role} {n}", role,
                   password, services=[service(s) if isinstance(s, str) else s for s in services],
                   must_change_password=must_change_password)
    if needs_second_factor(role) if two_factor is None else two_factor:
        second_factor.store_secret(user, pyotp.random_base32())
    return User.get_by_id(user.id)


def create_person(**fields):
    from app.people.services import find_or_create

    n = next(_seq)
    fields.setdefault("email", f"resident{n}@example.com")
    return find_or_create(name=fields.pop("name", f"Resident {n}"), **fields)


def create_person_by_post(name=None, postal_address="12 Mill Lane\nUpper Town\nBanbury\nOX16 5AB",
                          **fields):
    """A resident who gave only a name and a postal address, and asked for replies by post."""
    from app.people.models import Person

    n = next(_seq)
    fields.setdefault("preferred_contact", "post")
    return Person.create(name=name or f"Resident {n}", postal_address=postal_address, **fields)


def create_feedback(*, kind="complaint", channel="web", text="The pothole is still there.",
                    service_slug="highways", person=None, anonymous=False, **extra):
    from app.feedback.services import record_feedback

    if person is None and not anonymous:
        person = create_person()
    return record_feedback(kind=kind, channel=channel, text=text,
                           service=service(service_slug) if service_slug else None,
                           person=person, **extra)


def create_action(*, title="Empty the bins on Mill Lane on the new day", service_slug="waste-recycling", status="proposed",
                  owner=None, due_on=None, cases=(), themes=(), done_at=None, actor=None, **fields):
    """A root-cause action of `service_slug` (through the real service, so it is audited), in
    `status`; `cases` to link, `themes` as (topic key, first day, last day). Parents missing
    (the officer who creates it) are built."""
    from app.actions import services
    from app.learning.models import Topic

    actor = actor or create_user("complaints_officer")
    action = services.create(actor=actor, title=title, service=service(service_slug).id,
                             owner=owner.id if owner else None, due_on=due_on,
                             case_ids=[c.id for c in cases], **fields)
    for key, start, end in themes:
        services.add_theme(action, Topic.get(Topic.key == key).id, start, end, actor=actor)
    if status != "proposed":
        services.change_status(action, status, actor=actor, reason="No longer needed" if status == "dropped" else "",
                               at=done_at)
    return action.__class__.get_by_id(action.id)


def classify(item, *, themes=(), sentiment=None, vector=None, encoder="test-encoder"):
    """Give an item what the worker would: the model's themes (topic keys), a sentiment and
    its stored embedding (a list of floats). Returns the item."""
    import numpy

    from app.learning.models import ItemEmbedding, ItemTopic, ModelVersion, Prediction, Topic

    for key in themes:
        ItemTopic.create(item=item, topic=Topic.get(Topic.key == key), confidence=0.9, source="model",
                         head="theme", assigned=True)
    if sentiment:
        version, _ = ModelVersion.get_or_create(task="sentiment", version="test")
        Prediction.create(item=item, model_version=version, sentiment=sentiment, sentiment_score=0.9)
    if vector is not None:
        ItemEmbedding.create(item=item, encoder_version=encoder,
                             vector=numpy.asarray(vector, dtype=numpy.float32).tobytes())
    return item


def create_done_action(*, title="Mended the potholes on Mill Lane", service_slug="highways",
                       public_summary="We resurfaced Mill Lane in March.", done_at=None, **fields):
    """A finished root-cause action with a public summary ("We did")."""
    from app.actions.models import Action
    from app.db import utcnow

    return Action.create(title=title, service=service(service_slug) if service_slug else None,
                         status="done", public_summary=public_summary, done_at=done_at or utcnow(),
                         **fields)


def a_pdf(text="A one-page PDF"):
    """A small real PDF (one page holding `text`), for uploads and attachments."""
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


def create_panel(name="Customer Experience Panel", *, facilitators=(), **fields):
    """A panel accepting applications, run by `facilitators` (users)."""
    from panels.models import Panel, PanelFacilitator

    n = next(_seq)
    panel = Panel.create(name=name, slug=fields.pop("slug", f"panel-{n}"),
                         summary=fields.pop("summary", "Residents who review changes to council services."),
                         how_to_join=fields.pop("how_to_join", "Anyone who lives in the county can apply."),
                         **fields)
    for user in facilitators:
        PanelFacilitator.create(panel=panel, user=user)
    return panel


def create_member(panel=None, *, email=None, name=None, demographics=None, **fields):
    """A panel member (a resident) of `panel` (built when missing); `demographics` a dict."""
    from panels.models import Demographics, Member, Membership

    n = next(_seq)
    panel = panel or create_panel()
    member = Member.create(email=email or f"member{n}@resident.invalid", name=name or f"Member {n}", **fields)
    Membership.create(panel=panel, member=member)
    if demographics:
        Demographics.create(member=member, **demographics)
    return member


def create_proposal(panel=None, *, title="Open the library on Sunday afternoons", status="open",
                    questions=("Which Sunday hours would suit you?",), closes_on=None, actor=None, **fields):
    """A proposal to `panel` (built when missing) with `questions`, by `actor` (a facilitator)."""
    import datetime

    from panels.proposals.models import Proposal, Question

    panel = panel or create_panel()
    proposal = Proposal.create(
        panel=panel, title=title, status=status,
        what_would_change=fields.pop("what_would_change", "Libraries would open 1pm to 4pm on Sundays."),
        why=fields.pop("why", "Residents told us they cannot visit on weekdays."),
        closes_on=closes_on or datetime.date.today() + datetime.timedelta(days=21),
        created_by=actor, opened_at=fields.pop("opened_at", None), **fields)
    for position, text in enumerate(questions):
        Question.create(proposal=proposal, position=position, text=text)
    return proposal


def create_comment(proposal, member=None, *, body="I would use the library on a Sunday.", parent=None,
                   hidden=False, sentiment="", topic="", topic_score=None, **fields):
    """A comment on `proposal` by `member` (a new member of its panel when missing). With
    `sentiment`/`topic` it is classified as the worker would have (version "test")."""
    from app.db import utcnow
    from panels.proposals.models import Comment

    member = member or create_member(proposal.panel)
    classified = {"sentiment": sentiment, "sentiment_score": 0.9, "topic": topic, "topic_score": topic_score,
                  "classified_version": "test"} if sentiment or topic else {}
    hiding = {"hidden_at": utcnow(), "hidden_reason": "Personal details about a named officer"} if hidden else {}
    return Comment.create(proposal=proposal, member=member, body=body, parent=parent,
                          **classified, **hiding, **fields)


def create_view(proposal, member=None, *, stance="support", reason="It would help working families."):
    """`member`'s view (support, neutral or oppose) of `proposal`, with a reason."""
    from panels.proposals.models import View

    return View.create(proposal=proposal, member=member or create_member(proposal.panel), stance=stance,
                       reason=reason)


def create_answer(question, member=None, *, text="Between 1pm and 4pm."):
    from panels.proposals.models import Answer

    return Answer.create(question=question, member=member or create_member(question.proposal.panel), text=text)
