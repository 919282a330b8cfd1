"""Facilitators hide a comment with a reason: its author sees it with the reason, other members
do not see it, facilitators see it marked hidden; the hiding is audited."""
from app.audit.models import AuditEvent
from panels.proposals import comments
from panels.proposals.models import Comment
from tests.cases.pages import signed_in
from tests.factories import create_member, create_panel, create_proposal, service
from tests.html import parse
from tests.panels.proposals.helpers import get, member_client
from tests.web import submit


def test_hidden_comments_are_shown_only_to_their_author_and_facilitators(app):
    facilitator = signed_in(app, "panel_facilitator")
    panel = create_panel(facilitators=[facilitator.user])
    author, other = create_member(panel, name="Ann"), create_member(panel, name="Bob")
    proposal = create_proposal(panel, service=service("libraries"))
    rude = comments.post(proposal, author, "The librarian on Tuesdays is useless.")
    reply = comments.post(proposal, other, "I disagree with that.", parent_id=rude.id)
    hide_url = f"/staff/panels/comments/{rude.id}/hide"
    staff_page = parse(get(facilitator, f"/staff/panels/proposals/{proposal.id}"))
    assert staff_page.by_id(f"comment-{rude.id}").link("Hide").href == hide_url
    response = submit(facilitator, hide_url, {"reason": ""})
    assert parse(response.get_data(as_text=True)).by_id("reason-error").text == "Error: Enter why you are hiding the comment"
    assert submit(facilitator, hide_url, {"reason": "It names a member of staff"}).status_code == 302
    hidden = Comment.get_by_id(rude.id)
    assert hidden.hidden_reason == "It names a member of staff" and hidden.hidden_by_id == facilitator.user.id
    event = AuditEvent.get(AuditEvent.action == "panels.comment_hidden")
    assert event.actor_id == facilitator.user.id and "useless" not in event.summary + event.details

    url = f"/panel/proposals/{proposal.id}"
    own = parse(get(member_client(app, author), url)).by_id(f"comment-{rude.id}")
    assert "The librarian on Tuesdays is useless." in own.text
    assert "A facilitator has hidden your comment from other members. Reason: It names a member of staff" in own.text
    others = parse(get(member_client(app, other), url))
    assert "useless" not in others.text and "It names a member of staff" not in others.text
    assert "A comment here was hidden by a facilitator." in others.by_id(f"comment-{rude.id}").text
    assert "I disagree with that." in others.by_id(f"comment-{reply.id}").text
    staff_view = parse(get(facilitator, f"/staff/panels/proposals/{proposal.id}")).by_id(f"comment-{rude.id}")
    assert "Hidden" in staff_view.text and "useless" in staff_view.text and "It names a member of staff" in staff_view.text


def test_a_hidden_comment_without_replies_leaves_no_trace_for_other_members(app):
    panel = create_panel()
    author, other = create_member(panel), create_member(panel)
    proposal = create_proposal(panel)
    comment = comments.post(proposal, author, "Off-topic rant.")
    comments.hide(comment, actor=signed_in(app, "administrator").user, reason="Off topic")
    page = parse(get(member_client(app, other), f"/panel/proposals/{proposal.id}"))
    assert page.find(id=f"comment-{comment.id}") is None and "No comments yet." in page.text


def test_only_facilitators_of_the_panel_hide_comments(app):
    facilitator = signed_in(app, "panel_facilitator")
    panel = create_panel(facilitators=[facilitator.user])
    proposal = create_proposal(panel, service=service("libraries"))
    comment = comments.post(proposal, create_member(panel), "Fine by me.")
    lead = signed_in(app, "service_lead", services=["libraries"])
    page = parse(get(lead, f"/staff/panels/proposals/{proposal.id}"))
    assert "Fine by me." in page.text
    assert not [a for a in page.by_id(f"comment-{comment.id}").links() if a.text.startswith("Hide")]
    assert lead.get(f"/staff/panels/comments/{comment.id}/hide").status_code == 403
    assert signed_in(app, "panel_facilitator").get(f"/staff/panels/comments/{comment.id}/hide").status_code == 404
    assert Comment.get_by_id(comment.id).hidden_at is None
