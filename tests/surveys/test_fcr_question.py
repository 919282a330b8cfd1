"""The first contact resolution question: a Yes / No "Was it sorted the first time you
contacted us?" that the builder offers and residents answer like any yes or no question, and
that the dashboard counts (reports.queries.satisfaction.fcr_survey)."""
from surveys.models import FCR_WORDING, Answer, Response
from tests.surveys.helpers import create_survey, create_touchpoint, field, question_keys, signed_in, text_of
from tests.web import submit


def _touchpoint():
    survey = create_survey(questions=[dict(kind="fcr", text=FCR_WORDING, required=True)])
    return create_touchpoint(survey)


def test_the_builder_offers_the_question(app):
    client = signed_in(app)
    survey = create_survey(publish=False, questions=[])
    html = client.get(f"/staff/surveys/{survey.id}/questions/new").get_data(as_text=True)
    assert 'value="fcr"' in html and "was it sorted the first time you contacted us?" in text_of(html)
    response = submit(client, f"/staff/surveys/{survey.id}/questions/new",
                      {"kind": "fcr", "text": FCR_WORDING, "required": "yes"})
    assert response.status_code == 302
    assert [q.kind for q in question_keys_live_or_draft(survey)] == ["fcr"]


def question_keys_live_or_draft(survey):
    from surveys import versions

    return versions.questions(versions.editable_version(survey, None))


def test_residents_answer_yes_or_no(client):
    touchpoint = _touchpoint()
    question = question_keys(touchpoint.survey)["fcr"]
    html = client.get(f"/s/{touchpoint.code}").get_data(as_text=True)
    assert "govuk-radios--inline" in html and 'value="yes"' in html and 'value="no"' in html
    refused = submit(client, f"/s/{touchpoint.code}", {field(question): "maybe", "page": "0"})
    assert "There is a problem" in refused.get_data(as_text=True) and Response.select().count() == 0
    missing = submit(client, f"/s/{touchpoint.code}", {"page": "0"})
    assert "Select an answer to" in missing.get_data(as_text=True)
    assert submit(client, f"/s/{touchpoint.code}", {field(question): "no", "page": "0"}).status_code == 302
    assert Answer.get().value == "no"
