"""A proposal's results for staff: views by stance with their reasons, each question's answers,
and the themes of members' comments (sentiment counts, topics with up to three representative
comments), never from hidden comments; and who may read them."""
import pytest

from panels.proposals import results
from tests.factories import (create_answer, create_comment, create_member, create_panel, create_proposal,
                             create_view, service)
from tests.html import main_text, parse
from tests.surveys.helpers import signed_in


@pytest.fixture
def facilitator(app):
    return signed_in(app, "panel_facilitator")


@pytest.fixture
def proposal(facilitator):
    panel = create_panel(facilitators=[facilitator.user])
    return create_proposal(panel, questions=("Which Sunday hours would suit you?", "What else should change?"))


def url(proposal):
    return f"/staff/panels/proposals/{proposal.id}/results"


def test_views_are_counted_by_stance_with_their_reasons(facilitator, proposal):
    for reason in ("I work all week.", "My children could study there."):
        create_view(proposal, stance="support", reason=reason)
    create_view(proposal, stance="oppose", reason="Staff deserve their weekend.")
    page = parse(facilitator.get(url(proposal)).get_data(as_text=True))
    counts = {row.find("th").text: row.find("td").text for row in page.by_id("view-counts").find_all("tr")[1:]}
    assert counts == {"Support": "2", "Neutral": "0", "Oppose": "1"}
    assert "3 members gave a view" in page.by_id("view-counts").text
    support = page.by_id("reasons-support").text
    assert "I work all week." in support and "My children could study there." in support
    assert "Staff deserve their weekend." in page.by_id("reasons-oppose").text
    assert page.find(id="reasons-neutral") is None


def test_each_question_lists_its_answers(facilitator, proposal):
    first, second = proposal.questions.order_by("position")
    member = create_member(proposal.panel, name="Priya Shah")
    create_answer(first, member, text="Noon until 5pm")
    create_answer(first, text="Afternoons")
    page = parse(facilitator.get(url(proposal)).get_data(as_text=True))
    answers = page.by_id(f"answers-{first.id}").text
    assert "Noon until 5pm (Priya Shah)" in answers and "Afternoons" in answers
    assert page.find(id=f"answers-{second.id}") is None
    assert "No answers yet." in main_text(facilitator.get(url(proposal)).get_data(as_text=True))


def test_themes_count_sentiment_and_topics_with_three_representative_comments(app, proposal):
    bodies = [("Please open later, the delay in opening hours is hard for me.", 0.9),
              ("Waited ages for a decision about the hours.", 0.8),
              ("Another delay before anything changes.", 0.7),
              ("Delays, always delays.", 0.6)]
    for body, score in bodies:
        create_comment(proposal, body=body, sentiment="negative", topic="delay", topic_score=score)
    create_comment(proposal, body="Lovely idea, thank you.", sentiment="positive", topic="policy-decision",
                   topic_score=0.8)
    create_comment(proposal, body="Not classified yet.")
    themes = results.themes(proposal)
    assert (themes.comments, themes.classified, themes.waiting) == (6, 5, 1)
    assert themes.sentiments == [("positive", "Positive", 1), ("neutral", "Neutral", 0),
                                 ("negative", "Negative", 4)]
    delay, policy = themes.topics
    assert (delay.key, delay.name, delay.count) == ("delay", "Delay", 4)
    assert delay.quotes == [body for body, _ in bodies[:3]]  # the model's surest three
    assert (policy.name, policy.count, policy.quotes) == ("Policy / decision", 1, ["Lovely idea, thank you."])


def test_hidden_comments_and_staff_replies_are_never_in_the_themes(facilitator, proposal):
    create_comment(proposal, body="Open on Sundays please.", sentiment="positive", topic="delay", topic_score=0.5)
    create_comment(proposal, body="The manager Mr Hidden is lazy.", sentiment="negative", topic="staff-attitude",
                   topic_score=0.99, hidden=True)
    from panels.proposals.models import Comment

    Comment.create(proposal=proposal, staff_author=facilitator.user, body="Thanks, we are listening.",
                   sentiment="positive", topic="delay", topic_score=0.99, classified_version="test")
    themes = results.themes(proposal)
    assert themes.comments == 1 and [t.key for t in themes.topics] == ["delay"]
    assert themes.topics[0].quotes == ["Open on Sundays please."]
    html = facilitator.get(url(proposal)).get_data(as_text=True)
    assert "Mr Hidden" not in html and "we are listening" not in html
    assert "Open on Sundays please." in parse(html).by_id("comment-themes").text


def test_representative_comments_lose_personal_details(proposal):
    member = create_member(proposal.panel, name="Jo Bloggs")
    create_comment(proposal, member, body="Ring me on 07700 900123 or email jo@example.com, Jo Bloggs",
                   sentiment="neutral", topic="communication", topic_score=0.9)
    [quote] = results.themes(proposal).topics[0].quotes
    assert "07700" not in quote and "jo@example.com" not in quote and "Bloggs" not in quote
    assert "[phone]" in quote and "[email]" in quote


def test_waiting_comments_are_explained_before_any_is_classified(facilitator, proposal):
    create_comment(proposal, body="Good idea.")
    text = parse(facilitator.get(url(proposal)).get_data(as_text=True)).by_id("comment-themes").text
    assert "1 comment from members" in text and "being worked out" in text


def test_who_may_read_the_results(app, proposal):
    other_panel_facilitator = signed_in(app, "panel_facilitator")
    create_panel("Accessibility Panel", facilitators=[other_panel_facilitator.user])
    assert other_panel_facilitator.get(url(proposal)).status_code == 404
    assert signed_in(app, "administrator").get(url(proposal)).status_code == 200
    assert signed_in(app, "complaints_officer").get(url(proposal)).status_code == 403
    lead = signed_in(app, "service_lead", services=["libraries"])
    assert lead.get(url(proposal)).status_code == 404  # a proposal for no service
    proposal.service = service("libraries")
    proposal.save()
    assert lead.get(url(proposal)).status_code == 200
    assert signed_in(app, "service_lead", services=["highways"]).get(url(proposal)).status_code == 404
    assert signed_in(app, "administrator").get("/staff/panels/proposals/99999999999/results").status_code == 404


def test_the_results_page_links_to_the_decision_only_for_those_who_decide(app, facilitator, proposal):
    page = parse(facilitator.get(url(proposal)).get_data(as_text=True))
    assert page.link("Publish the decision").href == f"/staff/panels/proposals/{proposal.id}/decision"
    proposal.service = service("libraries")
    proposal.save()
    lead = signed_in(app, "service_lead", services=["libraries"])
    assert "Publish the decision" not in lead.get(url(proposal)).get_data(as_text=True)
