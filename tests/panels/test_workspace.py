"""The member's workspace: their panels and open proposals, a panel's page, leaving a panel
(with the choice to be anonymised as "A former member"), and the digest setting."""
import datetime

import pytest

from app.db import utcnow
from panels.models import Demographics, Member, MemberSession, Membership
from panels.proposals.models import Comment
from tests.factories import create_member, create_panel, create_proposal
from tests.html import main_text, parse
from tests.panels.members import sign_in_member
from tests.web import csrf_token, h1_count, title_starts_with_h1

DAY = datetime.timedelta(days=1)


@pytest.fixture
def panels(app):
    return create_panel("Customer Experience Panel", summary="Residents who review changes to how we answer the phone."), \
        create_panel("Accessibility Panel")


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.get_data(as_text=True)
    assert h1_count(html) == 1 and title_starts_with_h1(html)[0], url
    return parse(html), html


def test_home_lists_the_members_panels_and_their_open_proposals_newest_first(app, client, panels):
    experience, accessibility = panels
    member = create_member(experience, name="Rosa Park")
    now = utcnow()
    older = create_proposal(experience, title="Shorter phone menu", opened_at=now - 3 * DAY)
    newer = create_proposal(experience, title="Call-back instead of waiting", opened_at=now - DAY)
    create_proposal(experience, title="A draft nobody sees", status="draft")
    create_proposal(experience, title="Already decided", status="decided", decided_at=now)
    create_proposal(accessibility, title="Another panel's proposal", opened_at=now)
    sign_in_member(client, member)
    page, html = get_page(client, "/panel/")
    assert page.find("h1").text == "Your panels"
    titles = [a.text for a in page.find_all("a") if (a.href or "").startswith("/panel/proposals/")]
    assert titles == ["Call-back instead of waiting", "Shorter phone menu"]
    assert page.link("Call-back instead of waiting").href == f"/panel/proposals/{newer.id}"
    assert page.link("Shorter phone menu").href == f"/panel/proposals/{older.id}"
    assert "You have not given your view yet." in main_text(html)
    assert page.link("Customer Experience Panel").href == f"/panel/panels/{experience.id}"
    assert "Accessibility Panel" not in main_text(html)


def test_a_panels_page_says_what_it_does_with_its_open_and_decided_proposals(app, client, panels):
    experience, _ = panels
    member = create_member(experience)
    now = utcnow()
    create_proposal(experience, title="Call-back instead of waiting", opened_at=now)
    decided = create_proposal(experience, title="Longer Saturday hours", status="decided", decided_at=now - DAY)
    create_proposal(experience, title="A draft nobody sees", status="draft")
    sign_in_member(client, member)
    page, html = get_page(client, f"/panel/panels/{experience.id}")
    text = main_text(html)
    assert "Residents who review changes to how we answer the phone." in text
    assert "Call-back instead of waiting" in text and "A draft nobody sees" not in text
    assert page.link("Longer Saturday hours").href == f"/panel/proposals/{decided.id}"
    assert page.link("Leave the Customer Experience Panel").href == f"/panel/panels/{experience.id}/leave"


def leave(client, panel, anonymise=False):
    url = f"/panel/panels/{panel.id}/leave"
    data = {"csrf_token": csrf_token(client, url)}
    if anonymise:
        data["anonymise"] = "y"
    return client.post(url, data=data)


def test_leaving_one_of_two_panels_keeps_the_member_signed_in(app, client, panels):
    experience, accessibility = panels
    member = create_member(experience, name="Rosa Park")
    Membership.create(panel=accessibility, member=member)
    sign_in_member(client, member)
    page, html = get_page(client, f"/panel/panels/{accessibility.id}/leave")
    assert "you stay on your other panel and can still sign in" in main_text(html)
    assert page.find("input", name="anonymise") is None  # only offered when leaving the last panel
    response = leave(client, accessibility, anonymise=True)
    assert response.status_code == 302 and response.headers["Location"] == "/panel/"
    page, html = get_page(client, "/panel/")
    assert "You have left the Accessibility Panel" in html
    assert [a.text for a in page.find_all("a") if "/panel/panels/" in (a.href or "")] == ["Customer Experience Panel"]
    assert Member.get_by_id(member.id).anonymised_at is None
    assert client.get(f"/panel/panels/{accessibility.id}").status_code == 404


def test_leaving_the_last_panel_signs_the_member_out_and_keeps_their_name_unless_asked(app, client, panels):
    experience, _ = panels
    member = create_member(experience, name="Rosa Park")
    sign_in_member(client, member)
    _, html = get_page(client, f"/panel/panels/{experience.id}/leave")
    assert "this is your last panel, so you will be signed out" in main_text(html)
    response = leave(client, experience)
    assert response.headers["Location"] == "/panel/left"
    page, html = get_page(client, "/panel/left")
    assert page.find("h1").text == "You have left the panel"
    assert "Your name stays on the comments you wrote" in main_text(html)
    assert client.get("/panel/").status_code == 302
    assert MemberSession.select().where(MemberSession.member == member).count() == 0
    assert Member.get_by_id(member.id).name == "Rosa Park"


def test_a_member_leaving_their_last_panel_can_be_anonymised_as_a_former_member(app, client, panels):
    experience, _ = panels
    member = create_member(experience, name="Rosa Park", email="rosa@resident.invalid",
                           support_needs="Large print", demographics={"age_band": "65-74"})
    proposal = create_proposal(experience)
    comment = Comment.create(proposal=proposal, member=member, body="Sunday mornings would suit me.")
    other_browser = app.test_client()
    sign_in_member(other_browser, member)
    sign_in_member(client, member)
    page, html = get_page(client, f"/panel/panels/{experience.id}/leave")
    assert "you wrote 1 comment and gave 0 views" in main_text(html)
    assert page.find("input", name="anonymise") is not None
    leave(client, experience, anonymise=True)
    _, html = get_page(client, "/panel/left")
    assert "Your comments, answers and views are now shown as from “A former member”" in main_text(html)
    former = Member.get_by_id(member.id)
    assert former.anonymised_at is not None and former.display_name == "A former member"
    assert former.name == "A former member" and "rosa" not in former.email and former.support_needs == ""
    assert not Demographics.select().where(Demographics.member == member).exists()
    assert Comment.get_by_id(comment.id).body == "Sunday mornings would suit me."  # the words stay, unnamed
    assert Comment.get_by_id(comment.id).member.display_name == "A former member"
    assert other_browser.get("/panel/").status_code == 302  # every session ended


def test_the_digest_can_be_switched_off_and_on(app, client, panels):
    member = create_member(panels[0])
    sign_in_member(client, member)
    page, _ = get_page(client, "/panel/settings")
    assert page.find("input", name="digest", value="on").attrs.get("checked", "absent") is None
    response = client.post("/panel/settings", data={"digest": "off", "csrf_token": csrf_token(client, "/panel/settings")})
    assert response.status_code == 302
    page, html = get_page(client, "/panel/settings")
    assert "Daily digest switched off" in html
    assert "checked" in page.find("input", name="digest", value="off").attrs
    assert Member.get_by_id(member.id).digest_enabled is False
    client.post("/panel/settings", data={"digest": "on", "csrf_token": csrf_token(client, "/panel/settings")})
    assert Member.get_by_id(member.id).digest_enabled is True


def test_settings_without_a_choice_shows_an_error(app, client, panels):
    sign_in_member(client, create_member(panels[0]))
    response = client.post("/panel/settings", data={"csrf_token": csrf_token(client, "/panel/settings")})
    page = parse(response.get_data(as_text=True))
    assert response.status_code == 200 and page.find("title").text.startswith("Error: ")
    assert page.find("div", cls="govuk-error-summary").find("a").href == "#digest"
    assert "Select whether you want a daily email" in page.by_id("digest-error").text
