"""A slow resident loses nothing: expired or missing tokens, lost sessions and coming
back the next day all re-show what was typed; the journey's answers outlast the day."""
import datetime
import re

import itsdangerous.timed
import pytest

from app.db import utcnow
from app.feedback.journey import drafts
from app.feedback.journey.models import FeedbackDraft
from app.feedback.models import FeedbackItem
from tests.feedback.journey import COMPLAINT, answer, fill, reference_in
from tests.web import TOKEN, csrf_token, h1_count, submit

EXPIRED = "This form has expired. Send it again."
WORDS = "The bin men left rubbish all over the road & my drive <again>."


def expired_page(response):
    assert response.status_code in (200, 400)
    html = response.get_data(as_text=True)
    assert EXPIRED in html and h1_count(html) == 1
    assert TOKEN.search(html), "no fresh token to send the form again with"
    assert "The bin men left rubbish all over the road &amp; my drive &lt;again&gt;." in html
    return html


def test_missing_token_reshows_the_answer(client):
    answer(client, "kind", {"kind": "complaint"})
    expired_page(client.post("/feedback/what-happened", data={"text": WORDS}))


def test_bad_token_reshows_the_answer(client):
    answer(client, "kind", {"kind": "complaint"})
    expired_page(client.post("/feedback/what-happened", data={"text": WORDS, "csrf_token": "nonsense"}))


def test_lost_session_reshows_the_answer(app):
    first = app.test_client()
    token = csrf_token(first, "/feedback/what-happened")
    other = app.test_client()  # the cookie is gone: another browser, or cleared
    html = expired_page(other.post("/feedback/what-happened", data={"text": WORDS, "csrf_token": token}))
    # the fresh token on that page works
    fresh = TOKEN.search(html).group(1)
    response = other.post("/feedback/what-happened", data={"text": WORDS, "csrf_token": fresh})
    assert response.status_code == 302


def test_expired_token_after_20_hours_reshows_then_sends(app, client, monkeypatch):
    app.config["WTF_CSRF_TIME_LIMIT"] = 3600  # even where a deployment sets a time limit
    answer(client, "kind", {"kind": "complaint"})
    token = csrf_token(client, "/feedback/what-happened")
    later = int(datetime.datetime.now().timestamp()) + 20 * 3600
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: later)
    html = expired_page(client.post("/feedback/what-happened", data={"text": WORDS, "csrf_token": token}))
    fresh = TOKEN.search(html).group(1)
    response = client.post("/feedback/what-happened", data={"text": WORDS, "csrf_token": fresh})
    assert response.status_code == 302


def test_coming_back_20_hours_later_keeps_every_answer(client, monkeypatch):
    answer(client, "kind", {"kind": "complaint"})
    answer(client, "service", {"service": "highways"})
    answer(client, "what-happened", {"text": WORDS})
    token = csrf_token(client, "/feedback/put-right")  # the page left open overnight
    later = utcnow() + datetime.timedelta(hours=20)
    monkeypatch.setattr(drafts, "utcnow", lambda: later)
    response = client.post("/feedback/put-right", data={"put_right": "Clean it up", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/feedback/when")
    assert WORDS in client.get("/feedback/what-happened").get_data(as_text=True).replace(
        "&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    for slug in ("when", "files", "contact", "support", "privacy"):
        answer(client, slug, COMPLAINT[slug])
    submit(client, "/feedback/check", {})
    sent = client.get("/feedback/sent").get_data(as_text=True)
    item = FeedbackItem.get(FeedbackItem.reference == reference_in(sent))
    assert item.text == WORDS and item.put_right == "Clean it up"


def test_the_session_cookie_lasts_days_not_until_the_browser_closes(app, client):
    assert app.permanent_session_lifetime >= datetime.timedelta(days=2)
    response = answer(client, "kind", {"kind": "comment"})
    cookie = response.headers["Set-Cookie"]
    assert "heard_session=" in cookie and "Expires=" in cookie


def test_old_drafts_are_forgotten(client):
    fill(client, COMPLAINT)
    FeedbackDraft.update(updated_at=utcnow() - drafts.KEEP_FOR - datetime.timedelta(minutes=1)).execute()
    assert client.get("/feedback/check").headers["Location"].endswith("/feedback")
    assert drafts.prune() == 1


@pytest.fixture
def strict_app(settings_overrides):
    from app import create_app

    return create_app(dict(settings_overrides, public_rate_limit=2))


def test_sending_is_rate_limited_with_a_friendly_page(strict_app):
    client = strict_app.test_client()
    fill(client, COMPLAINT)
    token = csrf_token(client, "/feedback/check")
    statuses = [client.post("/feedback/check", data={"csrf_token": token}).status_code
                for _ in range(3)]
    assert statuses == [302, 302, 429]  # sent, then (nothing left to send) back to the start, then refused
    response = client.post("/feedback/check", data={"csrf_token": token})
    html = response.get_data(as_text=True)
    assert response.status_code == 429 and h1_count(html) == 1 and "Too many attempts" in html
    assert response.headers["Retry-After"]


def test_journey_pages_have_a_wider_limit(strict_app):
    client = strict_app.test_client()
    statuses = [answer(client, "kind", {"kind": "comment"}).status_code for _ in range(11)]
    assert statuses == [302] * 10 + [429]
    assert re.search(r"<h1", client.get("/feedback").get_data(as_text=True))


def test_staff_sign_in_in_the_same_browser_is_not_made_permanent(client, staff_credentials):
    from tests.web import sign_in

    answer(client, "kind", {"kind": "comment"})
    response = sign_in(client, *staff_credentials)
    assert response.status_code == 302
    assert "Expires=" not in response.headers["Set-Cookie"]  # staff cookies end with the browser
    assert client.get("/staff/").status_code == 200
