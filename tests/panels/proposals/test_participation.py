"""Members read an open proposal of their panel, comment in threads, answer the questions and
give a view (changeable until the closing date); after it closes the page is read-only."""
import datetime

from panels.proposals.models import Answer, Comment, Notification, View
from tests.factories import create_member, create_panel, create_proposal
from tests.html import parse
from tests.panels.proposals.helpers import get, member_client, post


def test_a_member_answers_gives_a_view_changes_it_and_replies_notify_the_author(app):
    panel = create_panel()
    ann, bob = create_member(panel, name="Ann"), create_member(panel, name="Bob")
    proposal = create_proposal(panel, questions=("Which hours suit you?", "Anything else?"))
    url = f"/panel/proposals/{proposal.id}"
    ann_client, bob_client = member_client(app, ann), member_client(app, bob)
    page = parse(get(ann_client, url))
    assert page.find("h1").text == proposal.title
    first, second = proposal.questions
    response = post(ann_client, f"{url}/answers", {f"answer_{first.id}": "Sunday 1pm to 4pm", f"answer_{second.id}": ""})
    assert response.status_code == 302
    assert [a.text for a in Answer.select()] == ["Sunday 1pm to 4pm"]
    assert post(ann_client, f"{url}/view", {"stance": "support", "reason": "I work weekdays"}).status_code == 302
    assert post(ann_client, f"{url}/view", {"stance": "neutral", "reason": "Saturday would do too"}).status_code == 302
    view = View.get()
    assert (view.stance, view.reason, View.select().count()) == ("neutral", "Saturday would do too", 1)
    post(ann_client, f"{url}/comments", {"body": "Please keep the Saturday hours too."})
    parent = Comment.get()
    assert post(bob_client, f"{url}/comments/{parent.id}/replies", {"body": "Agreed."}).status_code == 302
    reply = Comment.get(Comment.parent == parent)
    note = Notification.get()
    assert (note.member_id, note.kind, note.comment_id) == (ann.id, "reply", reply.id)
    thread = parse(get(ann_client, url)).by_id(f"comment-{parent.id}")
    assert "Please keep the Saturday hours too." in thread.text and "Agreed." in thread.by_id(f"comment-{reply.id}").text


def test_a_view_needs_a_reason_and_the_page_keeps_what_was_typed(app):
    member = create_member()
    proposal = create_proposal(member.memberships[0].panel)
    client = member_client(app, member)
    url = f"/panel/proposals/{proposal.id}"
    response = post(client, f"{url}/view", {"stance": "oppose", "reason": "  "})
    html = response.get_data(as_text=True)
    page = parse(html)
    assert response.status_code == 200 and "<title>Error:" in html
    assert page.find("div", cls="govuk-error-summary").link("Enter the reason for your view").href == "#reason"
    assert page.find("input", where=lambda e: e.attrs.get("value") == "oppose" and "checked" in e.attrs) is not None
    response = post(client, f"{url}/comments", {"body": ""})
    assert parse(response.get_data(as_text=True)).by_id("body-error").text == "Error: Enter your comment"
    assert View.select().count() == 0 and Comment.select().count() == 0


def test_after_the_closing_date_the_page_is_read_only_and_says_so(app):
    member = create_member()
    proposal = create_proposal(member.memberships[0].panel)
    client = member_client(app, member)
    url = f"/panel/proposals/{proposal.id}"
    post(client, f"{url}/view", {"stance": "support", "reason": "Good idea"})
    proposal.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    proposal.save()
    page = parse(get(client, url))
    assert "you can no longer comment, answer or change your view" in page.by_id("read-only").text
    assert page.find("form", where=lambda f: "/view" in (f.attrs.get("action") or "")) is None
    assert page.find("textarea") is None
    assert "Good idea" in page.text
    response = post(client, f"{url}/view", {"stance": "oppose", "reason": "Changed my mind"})
    assert "This proposal has closed" in response.get_data(as_text=True)
    assert View.get().stance == "support"


def test_members_of_other_panels_and_drafts_are_404_by_changing_ids(app):
    panel, other = create_panel(), create_panel(name="Accessibility Panel")
    member = create_member(panel)
    outsider = create_member(other)
    proposal = create_proposal(panel)
    draft = create_proposal(panel, status="draft")
    client, outsider_client = member_client(app, member), member_client(app, outsider)
    assert outsider_client.get(f"/panel/proposals/{proposal.id}").status_code == 404
    assert post(outsider_client, f"/panel/proposals/{proposal.id}/view", {}).status_code == 404
    assert client.get(f"/panel/proposals/{draft.id}").status_code == 404
    assert client.get(f"/panel/proposals/{proposal.id + 100}").status_code == 404
    anonymous = app.test_client().get(f"/panel/proposals/{proposal.id}")
    assert anonymous.status_code == 302 and "/panel/sign-in" in anonymous.headers["Location"]
    decided = create_proposal(panel, status="decided", decision="We will open on Sundays.")
    assert client.get(f"/panel/proposals/{decided.id}").status_code == 200
