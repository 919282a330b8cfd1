"""The staff builder: creating surveys and questions, versions, and who may do what."""
import pytest

from surveys import services, versions
from surveys.models import Question, Response, Survey, SurveyVersion
from tests.factories import service
from tests.surveys.helpers import (create_survey, create_touchpoint, field, good_answers, question_keys,
                                   signed_in)
from tests.web import csrf_token, h1_count, submit, title_starts_with_h1


def _ok_page(response):
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html[:500]
    assert h1_count(html) == 1 and title_starts_with_h1(html)[0]
    return html


def test_build_publish_and_answer_a_survey_through_the_pages(app):
    client = signed_in(app)
    response = submit(client, "/staff/surveys/new", {
        "title": "Blue Badge phone line", "service": service("blue-badge").id, "welcome_text": "Hello",
        "thank_you_text": "Thanks", "anonymous": "yes", "opens_on": "1/1/2020", "closes_on": "",
        "formats_phone": "01865 000000"})
    assert response.status_code == 302
    survey = Survey.get(Survey.title == "Blue Badge phone line")
    base = f"/staff/surveys/{survey.id}"
    assert survey.opens_on.isoformat() == "2020-01-01" and survey.anonymous
    for kind, options in (("csat", ""), ("single", "Phone\nEmail\n\nPhone call")):
        response = submit(client, f"{base}/questions/new", {"kind": kind, "text": f"A {kind} question",
                                                            "help_text": "", "required": "yes",
                                                            "options": options})
        assert response.status_code == 302, response.get_data(as_text=True)[:300]
    html = _ok_page(client.get(base))
    assert "A csat question" in html and "Publish version 1" in html
    assert submit(client, f"{base}/publish", {}).status_code == 302
    assert services.availability(survey) == "open"
    assert submit(client, f"/staff/surveys/{survey.id}/touchpoints/new",
                  {"name": "Blue Badge phone line", "channel": "phone",
                   "service": service("blue-badge").id}).status_code == 302
    for page in ("", "/edit", "/questions/new", "/results", "/invite", "/touchpoints/new"):
        _ok_page(client.get(base + page))
    _ok_page(client.get("/staff/surveys/"))
    single = Question.get(Question.kind == "single")
    assert single.option_list == ["Phone", "Email", "Phone call"]


def test_builder_forms_show_gov_uk_errors_and_keep_what_was_typed(app):
    client = signed_in(app)
    html = submit(client, "/staff/surveys/new", {"title": "", "service": "999", "anonymous": "perhaps",
                                                 "opens_on": "31/2/2026", "closes_on": "soon",
                                                 "welcome_text": "Kept"}).get_data(as_text=True)
    for message in ("Enter a title", "Select a service from the list", "Select yes or no",
                    "Opens on must be a real date", "Closes on must be a real date"):
        assert message in html
    assert "Kept" in html and 'value="31/2/2026"' in html and "Error: " in html
    survey = create_survey(questions=[], publish=False)
    html = submit(client, f"/staff/surveys/{survey.id}/questions/new",
                  {"kind": "single", "text": "Which?", "options": "Only one"}).get_data(as_text=True)
    assert "Enter at least 2 options, one per line" in html and "Only one" in html
    html = submit(client, f"/staff/surveys/{survey.id}/questions/new",
                  {"kind": "bogus", "text": ""}).get_data(as_text=True)
    assert "Select the type of question" in html and "Enter the question" in html


def test_editing_a_live_survey_makes_a_new_version_and_old_answers_stay(app, client):
    touchpoint = create_touchpoint()
    survey = touchpoint.survey
    submit(client, f"/s/{touchpoint.code}", good_answers(survey))
    v1 = services.live_version(survey)
    csat = question_keys(survey)["csat"]

    staff = signed_in(app)
    response = submit(staff, f"/staff/surveys/{survey.id}/questions/{csat.key}/edit", {
        "kind": "csat", "text": "How satisfied were you today?", "required": "yes", "help_text": ""})
    assert response.status_code == 302
    draft = versions.latest_version(survey)
    assert draft.number == 2 and draft.status == "draft"
    assert services.live_version(survey).id == v1.id  # still answering version 1
    assert Question.get(Question.version == v1, Question.key == csat.key).text == "How satisfied were you?"
    assert len(versions.questions(draft)) == len(versions.questions(v1))

    # A second edit goes into the same draft; publishing makes it live.
    rating = question_keys(survey)["rating"]
    submit(staff, f"/staff/surveys/{survey.id}/questions/{rating.key}/remove", {})
    assert versions.latest_version(survey).number == 2
    assert submit(staff, f"/staff/surveys/{survey.id}/publish", {}).status_code == 302
    assert services.live_version(survey).number == 2
    assert SurveyVersion.get_by_id(v1.id).status == "retired"

    data = good_answers(survey)
    assert "rating" not in question_keys(survey)
    submit(client, f"/s/{touchpoint.code}", data)
    old, new = Response.select().order_by(Response.id)
    assert old.version_id == v1.id and new.version.number == 2
    assert {a.question.version_id for a in old.answers} == {v1.id}
    html = staff.get(f"/staff/surveys/{survey.id}/results?version=1").get_data(as_text=True)
    assert "How satisfied were you?" in html and "Answers to version 1" in html


def test_a_published_version_without_answers_is_also_frozen():
    survey = create_survey(questions=[dict(kind="yes_no", text="Was it good?")])
    key = versions.questions(services.live_version(survey))[0].key
    versions.edit_question(survey, key, kind="yes_no", text="Was it good today?", required=True)
    assert [v.status for v in versions.versions(survey)] == ["draft", "live"]


def test_reordering_questions():
    survey = create_survey(publish=False, questions=[dict(kind="yes_no", text=t) for t in "ABC"])
    keys = {q.text: q.key for q in versions.questions(versions.latest_version(survey))}
    versions.move_question(survey, keys["C"], "up")
    versions.move_question(survey, keys["A"], "up")  # already first: nothing happens
    assert [q.text for q in versions.questions(versions.latest_version(survey))] == ["A", "C", "B"]
    assert versions.latest_version(survey).number == 1  # unanswered draft: edited in place


def test_publishing_needs_questions():
    survey = create_survey(questions=[], publish=False)
    with pytest.raises(versions.VersionError):
        versions.publish(survey)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    touchpoint = create_touchpoint()
    for path in ("/staff/surveys/", f"/staff/surveys/{touchpoint.survey_id}",
                 f"/staff/surveys/touchpoints/{touchpoint.id}/qr.png"):
        response = client.get(path)
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_panel_facilitators_may_not_use_surveys(app):
    touchpoint = create_touchpoint()
    client = signed_in(app, "panel_facilitator")
    for path in ("/staff/surveys/", "/staff/surveys/new", f"/staff/surveys/{touchpoint.survey_id}",
                 f"/staff/surveys/touchpoints/{touchpoint.id}/poster.pdf"):
        assert client.get(path).status_code == 403, path


def test_service_leads_manage_only_their_own_services_surveys(app):
    mine = create_touchpoint(create_survey(service_slug="libraries", title="Mine"))
    theirs = create_touchpoint(create_survey(service_slug="highways", title="Theirs"))
    client = signed_in(app, "service_lead", services=["libraries"])
    listing = client.get("/staff/surveys/").get_data(as_text=True)
    assert "Mine" in listing and "Theirs" not in listing
    assert client.get(f"/staff/surveys/{mine.survey_id}").status_code == 200
    for path in (f"/staff/surveys/{theirs.survey_id}", f"/staff/surveys/{theirs.survey_id}/results",
                 f"/staff/surveys/{theirs.survey_id}/invite",
                 f"/staff/surveys/touchpoints/{theirs.id}/qr.svg"):
        assert client.get(path).status_code == 403, path
    token = csrf_token(client, "/staff/surveys/new")
    assert client.post(f"/staff/surveys/{theirs.survey_id}/publish",
                       data={"csrf_token": token}).status_code == 403
    # The new-survey form offers only their services.
    html = submit(client, "/staff/surveys/new", {"title": "Sneaky", "service": service("highways").id,
                                                 "anonymous": "yes"}).get_data(as_text=True)
    assert "Select a service from the list" in html and not Survey.select().where(Survey.title == "Sneaky").exists()


def test_complaints_officers_see_a_read_only_list(app):
    survey = create_survey()
    client = signed_in(app, "complaints_officer")
    html = client.get("/staff/surveys/").get_data(as_text=True)
    assert survey.title in html and "Create a survey" not in html
    assert client.get(f"/staff/surveys/{survey.id}").status_code == 403
    assert client.get("/staff/surveys/new").status_code == 403


def test_results_show_scores_channels_and_free_text(app, client):
    touchpoint = create_touchpoint()
    survey = touchpoint.survey
    for csat, nps in ((5, 10), (4, 9), (2, 3), (1, 7)):
        data = dict(good_answers(survey), **{field(question_keys(survey)["csat"]): str(csat),
                                             field(question_keys(survey)["nps"]): str(nps)})
        submit(client, f"/s/{touchpoint.code}", data)
    staff = signed_in(app)
    html = staff.get(f"/staff/surveys/{survey.id}/results").get_data(as_text=True)
    assert "50%" in html and "Satisfied (4 or 5)" in html  # 2 of 4
    assert "+25" in html  # 50% promoters - 25% detractors
    assert "6.0" in html and "Banbury library desk" in html and "In person" in html
    assert "The staff at the desk were very kind." in html and "HRD-" in html
    csv = staff.get(f"/staff/surveys/{survey.id}/results.csv")
    assert csv.mimetype == "text/csv" and "Brilliant" in csv.get_data(as_text=True)
