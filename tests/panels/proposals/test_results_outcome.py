"""The members' outcome page: once a proposal is decided, its panel's current members read what
was decided and why, how members' views were counted and what the comments were about (never a
hidden comment), with links onwards; anyone else gets a 404."""
import pytest

from app.db import utcnow
from panels.models import Membership
from panels.proposals import decisions
from tests.factories import (create_comment, create_done_action, create_member, create_panel, create_proposal,
                             create_user, create_view)
from tests.html import parse
from tests.panels.members import sign_in_member

DECISION = "We will open on Sundays from June.\n\nThank you: most of you supported it."


@pytest.fixture
def decided(app):
    """A decided proposal with views, classified comments (one hidden), an action and a page."""
    import datetime

    from reports.yswd.models import Publication

    facilitator = create_user("panel_facilitator")
    panel = create_panel(facilitators=[facilitator])
    proposal = create_proposal(panel)
    for stance in ("support", "support", "oppose"):
        create_view(proposal, stance=stance)
    create_comment(proposal, body="It took too long to decide.", sentiment="negative", topic="delay", topic_score=0.8)
    create_comment(proposal, body="Good for families.", sentiment="positive", topic="policy-decision", topic_score=0.7)
    create_comment(proposal, body="Something unkind about staff.", sentiment="negative", topic="staff-attitude",
                   topic_score=0.9, hidden=True)
    action = create_done_action(title="Internal: rota change", service_slug="libraries",
                                public_summary="Banbury library now opens on Sunday afternoons.")
    create_done_action(title="No summary", service_slug="libraries", public_summary="")
    page = Publication.create(title="Libraries: spring 2026", slug="libraries-spring", status="published",
                              published_at=utcnow(), period_start=datetime.date(2026, 3, 1),
                              period_end=datetime.date(2026, 5, 31), service_name="Libraries")
    with app.app_context():
        decisions.publish(proposal, decision=DECISION, action_ids=[action.id], publication_id=page.id,
                          actor=facilitator)
    return proposal


def url(proposal):
    return f"/panel/proposals/{proposal.id}/outcome"


def member_client(app, member):
    client = app.test_client()
    sign_in_member(client, member)
    return client


def test_a_member_reads_the_decision_views_and_themes(app, decided):
    page = parse(member_client(app, create_member(decided.panel)).get(url(decided)).get_data(as_text=True))
    assert page.find("h1").text == "What we decided: Open the library on Sunday afternoons"
    assert [p.text for p in page.by_id("decision-text").find_all("p")] == [
        "We will open on Sundays from June.", "Thank you: most of you supported it."]
    assert page.by_id("decision-actions").text == "Banbury library now opens on Sunday afternoons."
    assert page.link("Libraries: spring 2026").href == "/you-said-we-did/libraries-spring"
    counts = {row.find("th").text: row.find("td").text for row in page.by_id("view-counts").find_all("tr")[1:]}
    assert counts == {"Support": "2", "Neutral": "0", "Oppose": "1"}
    themes = page.by_id("comment-themes").text
    assert "2 comments from members" in themes
    assert "Delay: 1 comment" in themes and "It took too long to decide." in themes
    assert "unkind" not in page.find("main").text and "Internal: rota change" not in page.find("main").text


def test_only_current_members_of_the_panel_once_decided(app, decided):
    outsider = create_member(create_panel("Accessibility Panel"))
    assert member_client(app, outsider).get(url(decided)).status_code == 404
    leaver = create_member(decided.panel)
    client = member_client(app, leaver)
    assert client.get(url(decided)).status_code == 200
    Membership.update(left_at=utcnow()).where(Membership.member == leaver).execute()
    assert client.get(url(decided)).status_code == 404
    still_open = create_proposal(decided.panel)
    assert member_client(app, create_member(decided.panel)).get(url(still_open)).status_code == 404
    assert member_client(app, create_member(decided.panel)).get("/panel/proposals/99999999999/outcome").status_code == 404


def test_signed_out_visitors_and_staff_are_sent_to_the_member_sign_in(app, decided):
    response = app.test_client().get(url(decided))
    assert response.status_code == 302 and "/panel/sign-in" in response.headers["Location"]
    from tests.surveys.helpers import signed_in

    staff = signed_in(app, "administrator")
    response = staff.get(url(decided))
    assert response.status_code == 302 and "/panel/sign-in" in response.headers["Location"]
