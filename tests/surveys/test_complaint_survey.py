"""Choosing the survey residents are invited to when their complaint closes, on the survey's
settings page (administrators only; one survey at most; COMPLAINT_SURVEY_ID still wins)."""
from app.cases import closing
from surveys import services
from surveys.models import Survey
from tests.factories import service
from tests.surveys.helpers import create_survey, signed_in
from tests.web import submit

SETTINGS = {"service": None, "welcome_text": "", "thank_you_text": "", "anonymous": "yes",
            "opens_on": "", "closes_on": "", "formats_phone": ""}


def _settings(survey, **changes):
    return dict(SETTINGS, title=survey.title, service=survey.service_id, **changes)


def test_an_administrator_chooses_the_complaint_survey_and_only_one_is_chosen(app):
    first = create_survey(title="How did we handle your complaint?")
    second = create_survey(title="Complaints: a shorter survey")
    client = signed_in(app)
    assert "when their complaint is closed" in client.get(f"/staff/surveys/{first.id}/edit").get_data(as_text=True)

    assert submit(client, f"/staff/surveys/{first.id}/edit",
                  _settings(first, after_complaints="yes")).status_code == 302
    assert services.complaint_survey() == first and closing.complaint_survey() == first
    page = client.get(f"/staff/surveys/{first.id}").get_data(as_text=True)
    assert "Residents are invited to this survey when their complaint is closed." in page
    assert "Sent when complaints close" in client.get("/staff/surveys/").get_data(as_text=True)

    assert submit(client, f"/staff/surveys/{second.id}/edit",
                  _settings(second, after_complaints="yes")).status_code == 302
    assert [s.title for s in Survey.select().where(Survey.after_complaints == True)] == [  # noqa: E712
        "Complaints: a shorter survey"]
    assert closing.complaint_survey() == Survey.get_by_id(second.id)


def test_the_setting_overrides_the_chosen_survey(app):
    chosen = create_survey(title="Chosen", after_complaints=True)
    configured = create_survey(title="Configured")
    assert closing.complaint_survey() == chosen
    app.config["HEARD"] = app.config["HEARD"].with_overrides(complaint_survey_id=configured.id)
    with app.app_context():
        assert closing.complaint_survey() == configured


def test_a_service_lead_cannot_choose_it(app):
    survey = create_survey(title="Library visit", service_slug="libraries")
    client = signed_in(app, role="service_lead", services=[service("libraries")])
    html = client.get(f"/staff/surveys/{survey.id}/edit").get_data(as_text=True)
    assert "when their complaint is closed" not in html
    assert submit(client, f"/staff/surveys/{survey.id}/edit",
                  _settings(survey, after_complaints="yes")).status_code == 302
    assert not Survey.get_by_id(survey.id).after_complaints


def test_only_interactions_while_the_survey_is_open_are_invited(app):
    import datetime

    from surveys.invitations import invite_after_interaction

    today = services.today_in_london()
    survey = create_survey(title="How did we handle your complaint?", opens_on=today - datetime.timedelta(days=10))
    with app.app_context():
        before = invite_after_interaction(survey, "early@example.com", survey.service,
                                          on=today - datetime.timedelta(days=20))
        after = invite_after_interaction(survey, "later@example.com", survey.service,
                                         on=today - datetime.timedelta(days=5))
        now = invite_after_interaction(survey, "now@example.com", survey.service)
    assert before is None and after is not None and now is not None
