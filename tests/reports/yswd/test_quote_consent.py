"""Residents are asked "May we quote your words, without your name, when we report back?" on
the feedback journey and on surveys with a text question; the answer is kept on what they sent
(not answering counts as no)."""
import pytest

from app.feedback.models import FeedbackItem
from surveys.models import Response
from tests.feedback.journey import COMPLAINT, answer, fill, reference_in, send
from tests.html import parse
from tests.surveys.helpers import create_survey, create_touchpoint
from tests.web import submit

QUESTION = "May we quote your words, without your name, when we report back?"


@pytest.mark.parametrize("given, kept", [({"quote": "yes"}, True), ({"quote": "no"}, False), ({}, False)])
def test_the_journey_keeps_the_answer(client, given, kept):
    html = send(client, COMPLAINT, privacy=given)
    assert FeedbackItem.get(FeedbackItem.reference == reference_in(html)).quote_consent is kept


def test_the_question_is_optional_radios_on_the_privacy_page(client):
    fill(client, COMPLAINT)
    page = parse(client.get("/feedback/privacy").get_data(as_text=True))
    legend = page.find("legend")
    assert QUESTION in legend.text and "(optional)" in legend.text
    assert [i.attrs["value"] for i in page.find_all("input", type="radio")] == ["yes", "no"]


def test_a_made_up_answer_is_refused_and_check_your_answers_lets_it_be_changed(client):
    fill(client, COMPLAINT, privacy={"quote": "yes"})
    html = answer(client, "privacy", {"quote": "perhaps"}).get_data(as_text=True)
    assert "There is a problem" in html and "Select yes or no" in html
    check = parse(client.get("/feedback/check").get_data(as_text=True))
    row = [r for r in check.find_all("div", cls="govuk-summary-list__row") if "Quoting your words" in r.text][0]
    assert "Yes, you may quote my words without my name" in row.text
    assert row.find("a").href == "/feedback/privacy?change=1"
    assert answer(client, "privacy?change=1", {"quote": "no"}).headers["Location"].endswith("/feedback/check")
    assert "No, do not quote my words" in client.get("/feedback/check").get_data(as_text=True)


def _survey(with_text=True):
    questions = [dict(kind="csat", text="How satisfied were you?", required=True)]
    if with_text:
        questions.append(dict(kind="long_text", text="What could we do better?", required=False))
    return create_touchpoint(create_survey(questions=questions))


def test_a_survey_with_a_text_question_asks_and_carries_the_answer_to_its_feedback_items(client):
    touchpoint = _survey()
    url = f"/s/{touchpoint.code}"
    assert QUESTION in client.get(url).get_data(as_text=True)
    fields = {name: value for name, value in _fields(client, url).items()}
    response = submit(client, url, dict(fields, quote_consent="yes"))
    assert response.status_code == 302
    saved = Response.select().order_by(Response.id.desc()).get()
    assert saved.quote_consent is True
    item = FeedbackItem.get(FeedbackItem.kind == "survey_answer")
    assert item.text == "More staff on Saturdays" and item.quote_consent is True


def test_a_survey_answered_without_saying_counts_as_no(client):
    touchpoint = _survey()
    url = f"/s/{touchpoint.code}"
    assert submit(client, url, _fields(client, url)).status_code == 302
    assert Response.get().quote_consent is False
    assert FeedbackItem.get(FeedbackItem.kind == "survey_answer").quote_consent is False


def test_a_survey_without_a_text_question_does_not_ask(client):
    assert QUESTION not in client.get(f"/s/{_survey(with_text=False).code}").get_data(as_text=True)


def _fields(client, url):
    page = parse(client.get(url).get_data(as_text=True))
    names = {i.attrs["name"] for i in page.find_all("input") + page.find_all("textarea")}
    csat = [n for n in names if n.startswith("q_") and page.find("input", name=n) is not None
            and page.find("input", name=n).attrs.get("type") == "radio"][0]
    text = [n for n in names if n.startswith("q_") and page.find("textarea", name=n) is not None][0]
    return {"page": "0", csat: "4", text: "More staff on Saturdays"}
