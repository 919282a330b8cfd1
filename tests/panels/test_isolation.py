"""A member sees only their own panels: another panel's workspace, a panel they left and its
proposals are 404 however they are reached (a link, or changing an id), and no staff page
opens for a member's session."""
import re
from urllib.parse import urlparse

import pytest

from app.db import utcnow
from tests.factories import create_member, create_panel, create_proposal
from tests.panels.members import sign_in_member
from tests.web import csrf_token


@pytest.fixture
def two_panels(app):
    panel_a, panel_b = create_panel("Customer Experience Panel"), create_panel("Accessibility Panel")
    return panel_a, panel_b, create_member(panel_a, name="Ann A"), create_member(panel_b, name="Bob B")


def test_a_member_of_panel_a_cannot_see_panel_bs_workspace(app, client, two_panels):
    panel_a, panel_b, ann, _ = two_panels
    create_proposal(panel_b, title="Only for the Accessibility Panel", opened_at=utcnow())
    sign_in_member(client, ann)
    assert client.get(f"/panel/panels/{panel_a.id}").status_code == 200
    home = client.get("/panel/").get_data(as_text=True)
    assert "Accessibility Panel" not in home and "Only for the Accessibility Panel" not in home
    for url in (f"/panel/panels/{panel_b.id}", f"/panel/panels/{panel_b.id}/leave",
                "/panel/panels/999999", "/panel/panels/0", "/panel/panels/-1", f"/panel/panels/{2 ** 40}",
                "/panel/panels/abc"):
        assert client.get(url).status_code == 404, url
    token = csrf_token(client, "/panel/settings")
    assert client.post(f"/panel/panels/{panel_b.id}/leave", data={"csrf_token": token}).status_code == 404
    assert client.get(f"/panel/panels/{panel_a.id}").status_code == 200  # still on their own panel


def test_a_proposal_of_another_panel_or_of_a_panel_left_is_404(app, client, two_panels):
    panel_a, panel_b, ann, _ = two_panels
    mine = create_proposal(panel_a, title="Call-back instead of waiting", opened_at=utcnow())
    theirs = create_proposal(panel_b, title="Only for the Accessibility Panel", opened_at=utcnow())
    sign_in_member(client, ann)
    assert client.get(f"/panel/proposals/{mine.id}").status_code == 200
    assert client.get(f"/panel/proposals/{theirs.id}").status_code == 404
    from panels.models import Membership

    Membership.create(panel=panel_b, member=ann)  # on two panels, so leaving A keeps her signed in
    client.post(f"/panel/panels/{panel_a.id}/leave", data={"csrf_token": csrf_token(client, "/panel/settings")})
    assert client.get(f"/panel/panels/{panel_a.id}").status_code == 404
    assert client.get(f"/panel/proposals/{mine.id}").status_code == 404
    assert client.get(f"/panel/proposals/{theirs.id}").status_code == 200


def test_after_leaving_the_panel_and_its_pages_are_404(app, client, two_panels):
    panel_a, panel_b, ann, _ = two_panels
    from panels.models import Membership

    Membership.create(panel=panel_b, member=ann)
    sign_in_member(client, ann)
    client.post(f"/panel/panels/{panel_a.id}/leave", data={"csrf_token": csrf_token(client, "/panel/settings")})
    for url in (f"/panel/panels/{panel_a.id}", f"/panel/panels/{panel_a.id}/leave"):
        assert client.get(url).status_code == 404, url
    assert "Customer Experience Panel" not in client.get("/panel/").get_data(as_text=True)


def staff_paths(app):
    for rule in app.url_map.iter_rules():
        if rule.rule == "/staff" or rule.rule.startswith("/staff/"):
            yield rule, re.sub(r"<[^>]+>", "1", rule.rule)


def test_a_member_session_cannot_reach_any_staff_page(app, client, two_panels):
    sign_in_member(client, two_panels[2])
    assert client.get("/panel/").status_code == 200
    token = csrf_token(client, "/panel/settings")
    opened = []
    for rule, path in staff_paths(app):
        if path in ("/staff/login", "/staff/logout"):
            continue
        if "GET" in rule.methods:
            response = client.get(path)
        else:
            response = client.post(path, data={"csrf_token": token})
        location = urlparse(response.headers.get("Location", "")).path
        if not (response.status_code == 302 and location == "/staff/login"):
            opened.append(f"{rule.rule}: {response.status_code} {location}")
    assert not opened, "\n".join(opened)
    login = client.get("/staff/login")  # the staff sign-in form: the member is no staff user
    assert login.status_code == 200 and 'aria-label="Staff menu"' not in login.get_data(as_text=True)
