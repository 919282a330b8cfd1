"""Timing out without losing work (WCAG 2.2.1): the warning's two questions (how long is
left, stay signed in) and the words of a form sent after the session ended, kept for the
same officer while they sign in again."""
import datetime
import json
import re
from html import unescape
from html.parser import HTMLParser

from app.auth.models import KeptForm, StaffSession
from app.cases import services as cases
from app.cases.models import CaseEvent
from app.db import utcnow
from tests.factories import create_feedback, create_user
from tests.web import csrf_token, sign_in

PASSWORD = "correct horse battery staple"
NOTE = "Rang Mrs Patel back: the crew will fill the pothole on Friday & she's happy with that."


def officer(app, **kwargs):
    user = create_user(role="complaints_officer", password=PASSWORD, **kwargs)
    client = app.test_client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    return client, user


def idle_for(user, minutes):
    """Move the officer's session back in time, as if they had done nothing for `minutes`."""
    StaffSession.update(last_seen_at=utcnow() - datetime.timedelta(minutes=minutes)).where(
        StaffSession.user == user).execute()


def a_case():
    return cases.make_complaint(create_feedback(text="The pothole on Mill Lane burst my tyre."))


def sent_after_timeout(client, user, url, data, form_page=None, **kwargs):
    """Open the form (at `form_page`, or `url`), do nothing past the 30-minute timeout, then
    send `data` to `url`."""
    token = csrf_token(client, form_page or url)
    idle_for(user, 45)
    return client.post(url, data={"csrf_token": token, **data}, **kwargs)


class Fields(HTMLParser):
    """The value of every textarea and text input on a page, by name."""

    def __init__(self):
        super().__init__()
        self.values, self._textarea = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "textarea":
            self._textarea = attrs["name"]
            self.values[self._textarea] = ""
        elif tag == "input" and attrs.get("type") in ("text", "email", None):
            self.values[attrs.get("name")] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.values[self._textarea] = self.values[self._textarea].strip()
            self._textarea = None


def checked_of(html):
    """{name: [value, ...]} of every checked radio and checkbox."""
    checked = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        if re.search(r"\schecked\b", tag):
            name = re.search(r'name="([^"]+)"', tag).group(1)
            checked.setdefault(name, []).append(re.search(r'value="([^"]*)"', tag).group(1))
    return checked


def fields_of(html):
    parser = Fields()
    parser.feed(html)
    return parser.values


def test_the_page_knows_the_real_time_left_and_asking_does_not_extend_it(app):
    client, user = officer(app)
    idle_for(user, 20)
    answer = client.get("/staff/session").get_json()
    assert answer["signed_in"] and 9 * 60 <= answer["seconds_left"] <= 10 * 60
    assert 9 * 60 <= client.get("/staff/session").get_json()["seconds_left"] <= 10 * 60

    html = client.get("/staff/").get_data(as_text=True)  # any other page keeps it alive
    assert 'id="timeout-warning"' in html and 'aria-modal="true"' in html
    assert 'data-seconds-left="1800"' in html or 'data-seconds-left="1799"' in html
    assert 'data-warn-seconds="300"' in html


def test_stay_signed_in_needs_the_csrf_token_and_restarts_the_clock(app):
    client, user = officer(app)
    token = csrf_token(client, "/staff/")
    idle_for(user, 27)
    assert client.post("/staff/session/keep-alive").status_code == 400  # no token
    response = client.post("/staff/session/keep-alive", headers={"X-CSRFToken": token})
    assert response.status_code == 200 and response.get_json()["seconds_left"] >= 30 * 60 - 2
    assert client.get("/staff/").status_code == 200


def test_after_the_timeout_the_warning_hears_signed_out(app):
    client, user = officer(app)
    idle_for(user, 31)
    response = client.get("/staff/session")
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login")


def test_a_note_sent_after_the_timeout_comes_back_after_signing_in(app):
    client, user = officer(app)
    case = a_case()
    url = f"/staff/cases/{case.id}/note"

    response = sent_after_timeout(client, user, url, {"text": NOTE})
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login")
    assert not CaseEvent.select().where(CaseEvent.case == case, CaseEvent.kind == "note").exists()
    kept = KeptForm.get()
    assert kept.user_id == user.id and kept.path == url
    assert json.loads(kept.fields) == [["text", NOTE]]  # never the CSRF token
    login = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We have kept what you typed" in login

    response = sign_in(client, user.email, PASSWORD)
    assert response.headers["Location"] == url
    html = client.get(url).get_data(as_text=True)
    assert "We kept what you typed: check it and send it again." in html
    assert fields_of(html)["text"] == unescape(NOTE) == NOTE
    assert KeptForm.select().count() == 0  # shown once, then forgotten
    again = client.get(url).get_data(as_text=True)
    assert "We kept what you typed" not in again and fields_of(again)["text"] == ""


def test_only_the_same_officer_gets_the_words_back(app):
    client, user = officer(app)
    other = create_user(role="complaints_officer", password=PASSWORD)
    url = f"/staff/cases/{a_case().id}/note"
    sent_after_timeout(client, user, url, {"text": NOTE})

    response = sign_in(client, other.email, PASSWORD)  # someone else signs in on that browser
    assert response.headers["Location"] != url
    html = client.get(url).get_data(as_text=True)
    assert NOTE not in unescape(html) and "We kept what you typed" not in html
    assert KeptForm.select().count() == 0  # it can never be claimed now, so it is gone


def test_passwords_and_empty_forms_are_never_kept(app):
    client, user = officer(app)
    sent_after_timeout(client, user, "/staff/password", {"current_password": PASSWORD,
                                                         "new_password": "another long password",
                                                         "confirm_password": ""})
    assert KeptForm.select().count() == 0

    client, user = officer(app)
    response = sent_after_timeout(client, user, f"/staff/cases/{a_case().id}/note", {"text": "  "})
    assert KeptForm.select().count() == 0
    assert response.headers["Location"].startswith("/staff/login")


def test_a_form_kept_goes_after_a_day_and_signing_out_forgets_the_officer(app):
    client, user = officer(app)
    url = f"/staff/cases/{a_case().id}/note"
    sent_after_timeout(client, user, url, {"text": NOTE})
    KeptForm.update(created_at=utcnow() - datetime.timedelta(hours=25)).execute()
    response = sign_in(client, user.email, PASSWORD)
    assert response.headers["Location"] != url and KeptForm.select().count() == 0

    token = csrf_token(client, url)
    client.post("/staff/logout", data={"csrf_token": token})
    client.post(url, data={"csrf_token": token, "text": NOTE})  # signed out on purpose: nobody to keep it for
    assert KeptForm.select().count() == 0


def test_choices_come_back_too_and_a_post_only_address_returns_to_the_page_that_sent_it(app):
    from tests.surveys.helpers import create_survey

    client = app.test_client()
    admin = create_user(role="administrator", password=PASSWORD)
    assert sign_in(client, admin.email, PASSWORD).status_code == 302
    survey = create_survey(publish=False)
    page = f"/staff/surveys/{survey.id}/questions/new"
    sent_after_timeout(client, admin, page, {"kind": "yes_no", "text": "Was the library warm enough?",
                                             "required": "no"})
    assert sign_in(client, admin.email, PASSWORD).headers["Location"] == page
    html = client.get(page).get_data(as_text=True)
    assert fields_of(html)["text"] == "Was the library warm enough?"
    assert checked_of(html) == {"kind": ["yes_no"], "required": ["no"]}

    item = create_feedback(kind="comment", text="The library was cold.")
    response = sent_after_timeout(client, admin, f"/staff/feedback/{item.id}/sentiment",
                                  {"sentiment": "negative"}, form_page=f"/staff/surveys/{survey.id}",
                                  headers={"Referer": f"http://localhost/staff/feedback/{item.id}"})
    assert response.headers["Location"].startswith("/staff/login")
    assert KeptForm.get().path == f"/staff/feedback/{item.id}"


def test_the_warning_works_for_staff_who_must_change_a_one_time_password(app):
    client, user = officer(app, must_change_password=True)
    assert client.get("/staff/").headers["Location"] == "/staff/password"
    assert client.get("/staff/session").get_json()["signed_in"]
    token = csrf_token(client, "/staff/password")
    assert client.post("/staff/session/keep-alive", headers={"X-CSRFToken": token}).status_code == 200
