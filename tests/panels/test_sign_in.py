"""Members sign in without passwords: /panel/sign-in emails a single-use link (through the
outbox, delivered by a real SMTP server), valid for 15 minutes, that only a "Sign in" button
spends; used, expired and unknown links get a clear page, never a 500."""
import datetime
import hashlib
from urllib.parse import urlencode

import pytest

from app.db import utcnow
from app.mail.models import OutboxMessage
from panels import signin
from panels.models import Membership, SignInLink
from tests.html import main_text, parse
from tests.factories import create_member, create_panel
from tests.mail.conftest import smtp_server  # noqa: F401  (the real SMTP server fixture)
from tests.panels.members import sign_in_member
from tests.panels.workspace_support import emailed_token
from tests.web import csrf_token, h1_count


@pytest.fixture
def settings_overrides(settings_overrides, smtp_server):
    return dict(settings_overrides, mail_backend="smtp", smtp_host="127.0.0.1", smtp_port=smtp_server.port,
                smtp_timeout=5, base_url="https://feedback.testshire.gov.uk")


@pytest.fixture
def member(app):
    return create_member(create_panel("Accessibility Panel"), email="rosa@resident.invalid", name="Rosa Park")


def page(response):
    return parse(response.get_data(as_text=True))


def h1(response):
    return page(response).find("h1").text


def ask(client, email, next_path=None, ip="127.0.0.1"):
    url = "/panel/sign-in" + (f"?next={next_path}" if next_path else "")
    data = {"email": email, "csrf_token": csrf_token(client, url)}
    if next_path:
        data["next"] = next_path
    return client.post(url, data=data, environ_base={"REMOTE_ADDR": ip})


def press_sign_in(client, token, query=""):
    url = f"/panel/sign-in/{token}{query}"
    data = {"csrf_token": csrf_token(client, "/panel/sign-in")}  # the session's token
    nxt = page(client.get(url)).find("input", name="next")
    if nxt is not None and nxt.attrs.get("value"):
        data["next"] = nxt.attrs["value"]
    return client.post(url, data=data)


def test_a_member_is_emailed_a_link_that_signs_them_in_once(app, client, member, smtp_server):
    response = ask(client, "  Rosa@Resident.invalid ")
    assert response.status_code == 302 and response.headers["Location"].endswith("/panel/sign-in/check-your-email")
    sent = client.get(response.headers["Location"])
    assert h1(sent) == "Check your email" and "rosa@resident.invalid" in sent.get_data(as_text=True).lower()
    [message] = smtp_server.messages()
    assert message["To"] == "rosa@resident.invalid"
    assert message["Subject"] == "Your sign-in link for the panel workspace"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "works once, for 15 minutes" in body
    token = emailed_token(body)
    assert f"https://feedback.testshire.gov.uk/panel/sign-in/{token}" in body
    # Only the token's hash is stored.
    [link] = SignInLink.select()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in link.token_hash
    assert link.expires_at - link.created_at == datetime.timedelta(minutes=15)
    # Opening the link (a mail scanner, or the member) does not spend it.
    for _ in range(2):
        opened = client.get(f"/panel/sign-in/{token}")
        assert opened.status_code == 200 and h1(opened) == "Sign in to your panel workspace"
        assert page(opened).find("button", where=lambda e: e.text == "Sign in")
    assert SignInLink.get_by_id(link.id).used_at is None
    signed_in = press_sign_in(client, token)
    assert signed_in.status_code == 302 and signed_in.headers["Location"].endswith("/panel/")
    home = client.get("/panel/")
    assert home.status_code == 200 and "Accessibility Panel" in home.get_data(as_text=True)
    assert SignInLink.get_by_id(link.id).used_at is not None
    # The same link again, in another browser: refused with a clear page offering a new one.
    other = app.test_client()
    for response in (other.get(f"/panel/sign-in/{token}"), press_sign_in(app.test_client(), token)):
        assert response.status_code == 410
        assert h1(response) == "This sign-in link has already been used"
        assert page(response).link("Get a new sign-in link").href == "/panel/sign-in"
    assert other.get("/panel/").status_code == 302


def test_an_address_that_is_not_a_members_gets_the_same_answer_and_no_email(app, client, member, smtp_server):
    answers = []
    for email in ("nobody@resident.invalid", "rosa@resident.invalid"):
        response = ask(app.test_client(), email)
        answers.append((response.status_code, response.headers["Location"]))
    assert answers[0] == answers[1]
    assert [m["To"] for m in smtp_server.messages()] == ["rosa@resident.invalid"]
    assert OutboxMessage.select().count() == 1


def test_an_expired_link_is_refused_with_a_clear_page(app, client, member):
    token = "expired-token-for-the-test-0123456789abcdefghijk"
    now = utcnow()
    SignInLink.create(member=member, token_hash=signin.token_hash(token), created_at=now - datetime.timedelta(minutes=20),
                      expires_at=now - datetime.timedelta(minutes=5))
    for response in (client.get(f"/panel/sign-in/{token}"),
                     client.post(f"/panel/sign-in/{token}", data={"csrf_token": csrf_token(client, "/panel/sign-in")})):
        assert response.status_code == 410
        assert h1(response) == "This sign-in link has expired"
        assert "work for 15 minutes" in main_text(response.get_data(as_text=True))
        assert h1_count(response.get_data(as_text=True)) == 1
    assert client.get("/panel/").status_code == 302


def test_unknown_and_malformed_links_get_a_page_not_an_error(client, member):
    for token in ("not-a-real-token", "x" * 5000, "%E2%80%AE", "a.b"):
        response = client.get(f"/panel/sign-in/{token}")
        assert response.status_code == 404, token
        assert h1(response) == "This sign-in link does not work"


def test_a_link_stops_working_once_the_member_has_left_every_panel(app, client, member, smtp_server):
    ask(client, "rosa@resident.invalid")
    token = emailed_token(smtp_server.messages()[0].get_body(preferencelist=("plain",)).get_content())
    Membership.update(left_at=utcnow()).where(Membership.member == member).execute()
    response = client.get(f"/panel/sign-in/{token}")
    assert response.status_code == 404 and h1(response) == "You are no longer on a panel"
    ask(app.test_client(), "rosa@resident.invalid")  # and no new link is sent
    assert len(smtp_server.messages()) == 1


def test_links_are_throttled_per_email_and_per_address(app, member, smtp_server):
    for n in range(5):
        response = ask(app.test_client(), "rosa@resident.invalid", ip=f"10.0.0.{n}")
        assert response.status_code == 302  # the same answer: throttling reveals nothing
    assert len(smtp_server.messages()) == signin.PER_EMAIL == 3
    client = app.test_client()
    codes = [ask(client, f"someone{n}@resident.invalid", ip="10.9.9.9").status_code for n in range(signin.PER_ADDRESS + 1)]
    assert codes[:-1] == [302] * signin.PER_ADDRESS and codes[-1] == 429


@pytest.mark.parametrize("next_path, lands_on", [
    ("/panel/settings", "/panel/settings"),
    ("https://evil.example/panel/", "/panel/"),
    ("//evil.example/panel/", "/panel/"),
    ("/staff/", "/panel/"),
    ("/panel/../staff/", "/panel/"),
    ("/panel/%2e%2e/staff/", "/panel/"),
])
def test_next_is_honoured_only_inside_the_workspace(app, client, member, smtp_server, next_path, lands_on):
    ask(client, "rosa@resident.invalid", next_path=next_path)
    body = smtp_server.messages()[0].get_body(preferencelist=("plain",)).get_content()
    token = emailed_token(body)
    query = "?" + urlencode({"next": next_path})  # even when handed straight to the link's page
    response = press_sign_in(client, token, query)
    assert response.status_code == 302 and response.headers["Location"] == lands_on


def test_a_member_sent_to_sign_in_comes_back_to_the_page_they_asked_for(app, client, member, smtp_server):
    response = client.get("/panel/settings")
    assert response.status_code == 302
    form_page = client.get(response.headers["Location"])
    assert page(form_page).find("input", name="next").attrs["value"] == "/panel/settings"
    ask(client, "rosa@resident.invalid", next_path="/panel/settings")
    body = smtp_server.messages()[0].get_body(preferencelist=("plain",)).get_content()
    assert "/panel/sign-in/" in body and "next=%2Fpanel%2Fsettings" in body
    response = press_sign_in(client, emailed_token(body), "?next=/panel/settings")
    assert response.headers["Location"] == "/panel/settings"


def test_a_mistyped_address_gets_an_error_and_keeps_what_was_typed(client, member):
    empty = client.post("/panel/sign-in", data={"email": "", "csrf_token": csrf_token(client, "/panel/sign-in")})
    doc = page(empty)
    assert empty.status_code == 200 and doc.find("title").text.startswith("Error: ")
    assert doc.find("div", cls="govuk-error-summary").find("a").href == "#email"
    assert "Enter your email address" in doc.by_id("email-error").text
    typo = client.post("/panel/sign-in", data={"email": "rosa.resident.invalid",
                                               "csrf_token": csrf_token(client, "/panel/sign-in")})
    assert page(typo).by_id("email").attrs["value"] == "rosa.resident.invalid"
    stale = client.post("/panel/sign-in", data={"email": "rosa@resident.invalid", "csrf_token": "stale"})
    assert stale.status_code == 200 and "This form has expired" in stale.get_data(as_text=True)
    assert page(stale).by_id("email").attrs["value"] == "rosa@resident.invalid"


def test_signing_out_ends_the_session(app, client, member):
    sign_in_member(client, member)
    assert client.get("/panel/").status_code == 200
    response = client.post("/panel/sign-out", data={"csrf_token": csrf_token(client, "/panel/")})
    assert response.status_code == 302
    assert client.get("/panel/").status_code == 302
