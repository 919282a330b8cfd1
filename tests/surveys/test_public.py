"""Residents answering at /s/<code>: every question type, errors, closed surveys, feedback items."""
import datetime
import re
from html import unescape

from app.feedback.models import FeedbackItem
from surveys.models import Answer, Response
from surveys.services import live_version
from surveys.versions import questions
from tests.surveys.helpers import (ALL_KINDS, create_survey, create_touchpoint, field, good_answers, question_keys,
                                   text_of)
from tests.web import h1_count, submit, title_starts_with_h1


def test_the_page_shows_welcome_and_accessible_questions(client):
    touchpoint = create_touchpoint()
    response = client.get(f"/s/{touchpoint.code}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert h1_count(html) == 1 and title_starts_with_h1(html)[0]
    assert "Tell us about your visit." in html
    assert html.count("<fieldset") == 7  # 4 scales, single, multiple, yes/no
    assert "<legend" in html and "govuk-radios--inline" in html
    assert 'type="checkbox"' in html and "Page 1 of 2" in html
    assert "(optional)" in html and 'name="website"' in html


def test_a_response_records_touchpoint_version_and_every_answer(client):
    touchpoint = create_touchpoint()
    survey = touchpoint.survey
    response = submit(client, f"/s/{touchpoint.code}", good_answers(survey))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/s/thanks/{survey.id}")
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you" in thanks and "We read every answer." in thanks

    saved = Response.get()
    assert saved.touchpoint_id == touchpoint.id and saved.channel == "in_person"
    assert saved.version.status == "live" and saved.version.number == 1
    assert saved.service.slug == "libraries" and saved.person is None
    answers = {a.question.kind: a for a in saved.answers}
    assert answers["csat"].number == 4 and answers["nps"].number == 10
    assert answers["multiple"].value == "Books\nPrinting" and answers["yes_no"].value == "yes"
    assert answers["single"].value == "Bicester"


def test_free_text_answers_become_feedback_items(client):
    touchpoint = create_touchpoint()
    submit(client, f"/s/{touchpoint.code}", good_answers(touchpoint.survey))
    items = list(FeedbackItem.select().order_by(FeedbackItem.id))
    assert [i.text for i in items] == ["Brilliant", "The staff at the desk were very kind."]
    for item in items:
        assert item.kind == "survey_answer" and item.channel == "qr_survey"
        assert item.service.slug == "libraries" and item.person is None and item.anonymous
    linked = [a.feedback_item_id for a in Answer.select() if a.feedback_item_id]
    assert sorted(linked) == [i.id for i in items]


def test_required_questions_missing_show_gov_uk_errors_and_keep_answers(client):
    touchpoint = create_touchpoint()
    q = question_keys(touchpoint.survey)
    response = submit(client, f"/s/{touchpoint.code}", {field(q["short_text"]): "Keep me",
                                                         field(q["nps"]): "7"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in html and title_starts_with_h1(html)[1].startswith("Error: ")
    assert "Select an answer to “How satisfied were you?”" in html
    assert "Select an answer to “Which branch?”" in html
    assert f'href="#{field(q["csat"])}"' in html
    assert 'value="Keep me"' in html
    assert re.search(rf'id="{field(q["nps"])}-7" name="{field(q["nps"])}"\s+type="radio" value="7" checked', html)
    assert Response.select().count() == 0


def test_wrong_choices_and_out_of_range_scales_are_refused(client):
    touchpoint = create_touchpoint()
    survey = touchpoint.survey
    q = question_keys(survey)
    for name, bad in (("csat", "6"), ("csat", "0"), ("nps", "11"), ("ces", "-1"), ("rating", "five"),
                      ("single", "Oxford"), ("multiple", ["Books", "Gym"]), ("yes_no", "maybe"),
                      ("short_text", "x" * 501), ("long_text", "y" * 5001)):
        data = dict(good_answers(survey), **{field(q[name]): bad})
        response = submit(client, f"/s/{touchpoint.code}", data)
        html = response.get_data(as_text=True)
        assert response.status_code == 200, name
        assert "There is a problem" in html and f'href="#{field(q[name])}"' in html, name
    assert Response.select().count() == 0


def test_hostile_input_never_500s(client):
    touchpoint = create_touchpoint()
    q = question_keys(touchpoint.survey)
    for value in ("\x00\xff", "' OR 1=1 --", "<script>alert(1)</script>", "x" * 20000):
        data = {field(q["csat"]): value, field(q["single"]): value, field(q["long_text"]): value}
        assert submit(client, f"/s/{touchpoint.code}", data).status_code == 200
    # No token at all: the answers come back with "This form has expired".
    response = client.post(f"/s/{touchpoint.code}", data={field(q["short_text"]): "Still here"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "This form has expired. Send it again." in html
    assert 'value="Still here"' in html


def test_honeypot_thanks_the_bot_and_keeps_nothing(client):
    touchpoint = create_touchpoint()
    data = dict(good_answers(touchpoint.survey), website="http://spam.example")
    response = submit(client, f"/s/{touchpoint.code}", data)
    assert response.status_code == 302 and Response.select().count() == 0


def test_posts_are_rate_limited(app, client):
    touchpoint = create_touchpoint()
    limit = app.config["HEARD"].public_rate_limit
    for _ in range(limit):
        client.post(f"/s/{touchpoint.code}", data={}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    response = client.post(f"/s/{touchpoint.code}", data={}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert response.status_code == 429


def test_unknown_code_is_404_and_codes_ignore_case(client):
    touchpoint = create_touchpoint()
    assert client.get("/s/nosuchcd").status_code == 404
    assert client.get(f"/s/{touchpoint.code.upper()}").status_code == 200


def test_closed_not_yet_open_and_unpublished_surveys_are_friendly(client):
    today = datetime.date.today()
    cases = {
        "This survey has closed": dict(closes_on=today - datetime.timedelta(days=2)),
        "This survey is not open yet": dict(opens_on=today + datetime.timedelta(days=3)),
        "This survey is not open": dict(publish=False),
    }
    for heading, fields in cases.items():
        touchpoint = create_touchpoint(create_survey(**fields))
        response = client.get(f"/s/{touchpoint.code}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and heading in html and h1_count(html) == 1
        assert client.post(f"/s/{touchpoint.code}", data={}).status_code == 200
    assert Response.select().count() == 0


def test_a_closed_touchpoint_takes_no_answers(client):
    from surveys.touchpoints import set_active

    touchpoint = set_active(create_touchpoint(), False)
    assert "This survey has closed" in client.get(f"/s/{touchpoint.code}").get_data(as_text=True)


def test_non_anonymous_survey_links_a_person_only_on_opt_in(client):
    survey = create_survey(anonymous=False, questions=[dict(kind="long_text", text="Tell us more")])
    touchpoint = create_touchpoint(survey)
    key = field(question_keys(survey)["long_text"])
    html = client.get(f"/s/{touchpoint.code}").get_data(as_text=True)
    assert "You can contact me about my answers" in html

    submit(client, f"/s/{touchpoint.code}", {key: "No contact please", "contact_email": "x@example.com"})
    response = submit(client, f"/s/{touchpoint.code}", {key: "Call me", "contact_ok": "y"})
    assert "Enter your email address" in text_of(response.get_data(as_text=True))
    submit(client, f"/s/{touchpoint.code}", {key: "Call me", "contact_ok": "y",
                                             "contact_email": "Resident@Example.com"})
    first, second = Response.select().order_by(Response.id)
    assert first.person is None
    assert second.person.email == "resident@example.com"
    item = FeedbackItem.get(FeedbackItem.text == "Call me")
    assert item.person_id == second.person_id and not item.anonymous


def test_long_surveys_go_over_pages_and_keep_earlier_answers(client):
    extra = dict(kind="yes_no", text="Would you come back?", required=True)
    survey = create_survey(questions=ALL_KINDS + [extra])
    touchpoint = create_touchpoint(survey)
    url = f"/s/{touchpoint.code}"
    answers = good_answers(survey)
    answers.pop("page")
    q = question_keys(survey)
    later = [field(x) for x in questions(live_version(survey))[8:]]
    first_page = {k: v for k, v in answers.items() if k not in later}

    html = client.get(url).get_data(as_text=True)
    assert "Page 1 of 2" in html and "Would you come back?" not in html

    # Page 1 with a required answer missing: only page 1's error, nothing about page 2.
    response = submit(client, url, dict(first_page, **{field(q["csat"]): ""}, page="0"))
    html = response.get_data(as_text=True)
    assert "Select an answer to “How satisfied were you?”" in html and "Page 1 of 2" in html
    assert "Would you come back?" not in html

    response = submit(client, url, dict(first_page, page="0"))
    html = response.get_data(as_text=True)
    assert "Page 2 of 2" in html and "Would you come back?" in html and "There is a problem" not in html
    assert 'type="hidden" name="' + field(q["single"]) + '" value="Bicester"' in html
    assert Response.select().count() == 0

    # The second page sends everything: page 1's answers ride in its hidden fields.
    data = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html):
        data.setdefault(name, []).append(unescape(value))
    assert data["page"] == ["1"] and data[field(q["multiple"])] == ["Books", "Printing"]
    data.update({later[0]: "The staff were kind.", later[1]: "yes"})
    response = client.post(url, data=data)
    assert response.status_code == 302
    saved = Response.get()
    assert saved.answers.count() == 10
    assert {a.value for a in saved.answers} >= {"Bicester", "Books\nPrinting", "The staff were kind."}
