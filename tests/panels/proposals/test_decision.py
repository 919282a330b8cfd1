"""Publishing a decision: "what we decided and why" is required, actions and a "You said, we
did" page are linked, every member is notified and every member who took part is emailed
exactly once (through the outbox, delivered by a real SMTP server), even when it is published
twice; and only the panel's facilitators and administrators may do it."""
import pytest

from app.mail.models import OutboxMessage
from panels.proposals.models import Notification, Proposal, ProposalAction
from tests.factories import (create_answer, create_comment, create_done_action, create_member, create_panel,
                             create_proposal, create_view)
from tests.html import parse
from tests.mail.conftest import smtp_server  # noqa: F401  (the real SMTP server fixture)
from tests.surveys.helpers import signed_in
from tests.web import submit

DECISION = "We will open Banbury library from 1pm to 4pm on Sundays from June.\n\nMost of you supported it."


@pytest.fixture
def settings_overrides(settings_overrides, smtp_server):
    return dict(settings_overrides, mail_backend="smtp", smtp_host="127.0.0.1", smtp_port=smtp_server.port,
                smtp_timeout=5, base_url="https://feedback.testshire.gov.uk")


@pytest.fixture
def facilitator(app):
    return signed_in(app, "panel_facilitator")


@pytest.fixture
def panel(facilitator):
    return create_panel(facilitators=[facilitator.user])


def url(proposal):
    return f"/staff/panels/proposals/{proposal.id}/decision"


def published_page(slug="sunday-opening"):
    import datetime

    from app.db import utcnow
    from reports.yswd.models import Publication

    return Publication.create(title="Libraries: spring 2026", slug=slug, status="published", published_at=utcnow(),
                              period_start=datetime.date(2026, 3, 1), period_end=datetime.date(2026, 5, 31),
                              service_name="Libraries")


def test_publishing_twice_emails_each_participant_once(app, facilitator, panel, smtp_server):
    proposal = create_proposal(panel)
    commenter = create_member(panel, email="cora@resident.invalid", name="Cora")
    answerer = create_member(panel, email="abe@resident.invalid", name="Abe")
    viewer = create_member(panel, email="vic@resident.invalid", name="Vic")
    create_member(panel, email="quiet@resident.invalid")  # took no part
    left = create_member(panel, email="left@resident.invalid")
    create_comment(proposal, commenter)
    create_comment(proposal, commenter, body="And another thing.")
    create_comment(proposal, viewer, body="Hidden, but I still took part.", hidden=True)
    create_answer(proposal.questions.get(), answerer)
    create_view(proposal, viewer, stance="oppose")
    create_view(proposal, left)
    from app.db import utcnow
    from panels.models import Membership

    Membership.update(left_at=utcnow()).where(Membership.member == left).execute()

    response = submit(facilitator, url(proposal), {"decision": DECISION})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/proposals/{proposal.id}/results")
    assert submit(facilitator, url(proposal), {"decision": DECISION + " Thank you."}).status_code == 302

    messages = smtp_server.messages()
    assert sorted(m["To"] for m in messages) == ["abe@resident.invalid", "cora@resident.invalid",
                                                "vic@resident.invalid"]
    cora = next(m for m in messages if m["To"] == "cora@resident.invalid")
    assert cora["Subject"] == "What we decided: Open the library on Sunday afternoons"
    body = cora.get_body(preferencelist=("plain",)).get_content()
    assert "Hello Cora," in body and "We will open Banbury library from 1pm to 4pm" in body
    assert f"https://feedback.testshire.gov.uk/panel/proposals/{proposal.id}/outcome" in body
    keys = sorted(row.idempotency_key for row in OutboxMessage.select().where(OutboxMessage.purpose == "proposal_decision"))
    assert keys == sorted(f"proposal-decision:{proposal.id}:{m.id}" for m in (commenter, answerer, viewer))

    proposal = Proposal.get_by_id(proposal.id)
    assert proposal.status == "decided" and proposal.decision.endswith("Thank you.")
    assert proposal.decided_by_id == facilitator.user.id and proposal.decided_at is not None
    notified = [n.member_id for n in Notification.select().where(Notification.kind == "decision")]
    assert len(notified) == len(set(notified)) == 4  # every current member, once


def test_the_decision_is_required_and_nothing_typed_is_lost(facilitator, panel):
    proposal = create_proposal(panel)
    create_view(proposal)
    response = submit(facilitator, url(proposal), {"decision": "   "})
    page = parse(response.get_data(as_text=True))
    assert response.status_code == 200 and page.find("title").text.startswith("Error: ")
    summary = page.find("div", cls="govuk-error-summary")
    assert summary.link("Enter what you decided and why").href == "#decision"
    assert "Enter what you decided and why" in page.by_id("decision-error").text
    too_long = "x" * 10001
    page = parse(submit(facilitator, url(proposal), {"decision": too_long}).get_data(as_text=True))
    assert "10000 characters or fewer" in page.by_id("decision-error").text
    assert page.by_id("decision").text == too_long
    assert Proposal.get_by_id(proposal.id).status == "open" and not OutboxMessage.select().count()


def test_actions_and_a_you_said_we_did_page_are_linked(app, facilitator, panel):
    proposal = create_proposal(panel)
    member = create_member(panel)
    create_view(proposal, member)
    action = create_done_action(title="Sunday opening at Banbury", service_slug="libraries",
                                public_summary="Banbury library now opens on Sunday afternoons.")
    other = create_done_action(title="Mended potholes")
    page = published_page()
    form = parse(facilitator.get(url(proposal)).get_data(as_text=True))
    assert {e.attrs["value"] for e in form.find_all("input", where=lambda e: e.attrs.get("name") == "actions")} \
        >= {str(action.id), str(other.id)}
    response = submit(facilitator, url(proposal), {"decision": DECISION, "actions": [str(action.id)],
                                                   "publication": str(page.id)})
    assert response.status_code == 302
    assert [(l.action_id, l.role) for l in ProposalAction.select()] == [(action.id, "decision")]
    assert Proposal.get_by_id(proposal.id).publication_id == page.id
    results = parse(facilitator.get(f"/staff/panels/proposals/{proposal.id}/results").get_data(as_text=True))
    assert "Sunday opening at Banbury" in results.by_id("decision-actions").text
    assert results.link("public page").href == "/you-said-we-did/sunday-opening"
    message = OutboxMessage.get(OutboxMessage.purpose == "proposal_decision")
    assert "https://feedback.testshire.gov.uk/you-said-we-did/sunday-opening" in message.text_body
    submit(facilitator, url(proposal), {"decision": DECISION, "publication": ""})  # changed: unlinked
    assert not ProposalAction.select().exists() and Proposal.get_by_id(proposal.id).publication_id is None


def test_a_draft_page_or_a_bad_choice_is_refused(facilitator, panel):
    proposal = create_proposal(panel)
    create_done_action(title="Sunday opening at Banbury", service_slug="libraries")
    response = submit(facilitator, url(proposal), {"decision": DECISION, "publication": "99999"})
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    assert "Choose a published “You said, we did” page from the list" in page.by_id("publication-error").text
    assert page.by_id("decision").text == " ".join(DECISION.split())  # what was typed is kept
    response = submit(facilitator, url(proposal), {"decision": DECISION, "actions": ["12x", "99999"]})
    assert "Choose actions from the list" in parse(response.get_data(as_text=True)).by_id("actions-error").text
    assert Proposal.get_by_id(proposal.id).status == "open"
    draft = create_proposal(panel, status="draft")
    page = parse(facilitator.get(url(draft)).get_data(as_text=True))
    assert "still a draft" in page.find("main").text and page.find("textarea") is None


def test_only_the_panels_facilitators_and_administrators_decide(app, panel):
    proposal = create_proposal(panel)
    other = signed_in(app, "panel_facilitator")
    create_panel("Accessibility Panel", facilitators=[other.user])
    assert other.get(url(proposal)).status_code == 404
    assert submit(signed_in(app, "administrator"), url(proposal), {"decision": DECISION}).status_code == 302
    for role in ("service_lead", "complaints_officer", "analyst"):
        assert signed_in(app, role).get(url(proposal)).status_code == 403
    assert signed_in(app, "administrator").get("/staff/panels/proposals/99999999999/decision").status_code == 404


def test_the_sweep_emails_participants_a_lost_task_missed(app, panel, smtp_server):
    from app.db import utcnow
    from app.queue import run_sweeps
    from panels.proposals import decisions

    proposal = create_proposal(panel, status="decided", decision=DECISION, decided_at=utcnow())
    member = create_member(panel, email="missed@resident.invalid")
    create_view(proposal, member)
    with app.app_context():
        assert decisions.unmailed_proposal_ids() == [proposal.id]
        assert run_sweeps()["panels.decision_emails"] == 1
        assert decisions.unmailed_proposal_ids() == []
    [message] = smtp_server.messages()
    assert message["To"] == "missed@resident.invalid"
    row = OutboxMessage.get(OutboxMessage.purpose == "proposal_decision")
    assert f"/panel/proposals/{proposal.id}/outcome" in row.html_body and "<html" in row.html_body
