"""The public side of panels as a resident uses it: the list of panels, a panel's page, the
application form (its errors keep every answer; hostile input is a clear error, never a 500),
the consent question that decides whether demographics are kept, the confirmation page and
the acknowledgement email."""
import pytest

from app.mail.models import OutboxMessage
from panels.models import Application, PopulationShare
from tests.factories import create_panel
from tests.html import parse
from tests.web import csrf_token, h1_count, submit, title_starts_with_h1

DETAILS = {"name": "Asha Patel", "email": "Asha@Example.com",
           "reason": "I use the library every week\nand want a say in its hours.",
           "support_needs": "Large print, please", "consent": "yes"}
ANSWERS = {"age_band": "25-34", "sex": "female", "ethnicity": "asian", "disability": "prefer_not_to_say"}
# What the second page ("Questions about you") sends: its answers and the first page's.
GOOD = dict(DETAILS, **ANSWERS, step="questions")


def apply_url(panel):
    return f"/panels/{panel.slug}/apply"


def page_of(response, status=200):
    html = response.get_data(as_text=True)
    assert response.status_code == status, (response.status_code, html[:300])
    assert h1_count(html) == 1 and title_starts_with_h1(html)[0]
    return parse(html)


def test_panels_are_listed_with_what_they_do_and_how_to_join(client):
    open_panel = create_panel("Accessibility Panel", summary="Residents who test our services for access.",
                              how_to_join="Anyone who lives in Testshire.")
    create_panel("Housing Panel", accepting_applications=False)
    listing = page_of(client.get("/panels"))
    assert "Residents who test our services for access." in listing.text
    assert listing.link("Accessibility Panel").href == f"/panels/{open_panel.slug}"
    assert "Not taking applications" in listing.text
    shown = page_of(client.get(f"/panels/{open_panel.slug}"))
    assert "Anyone who lives in Testshire." in shown.text
    assert shown.link("Apply to join").href == apply_url(open_panel)
    assert client.get("/panels/no-such-panel").status_code == 404


def test_an_application_is_stored_acknowledged_and_confirmed(client):
    panel = create_panel("Accessibility Panel")
    questions = page_of(submit(client, apply_url(panel), DETAILS))  # page one, with consent
    assert questions.find("h1").text == "Questions about you"
    carried = {e.attrs["name"]: e.attrs["value"] for e in questions.find_all("input")
               if e.attrs.get("type") == "hidden" and e.attrs["name"] in DETAILS}
    assert carried == DETAILS and Application.select().count() == 0
    response = submit(client, apply_url(panel), dict(carried, **ANSWERS, step="questions"))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{apply_url(panel)}/sent")
    confirmation = page_of(client.get(response.headers["Location"]))
    assert confirmation.find("h1").text == "Application sent"
    application = Application.get()
    assert (application.panel_id, application.email, application.status) == (panel.id, "asha@example.com", "pending")
    assert application.reason == DETAILS["reason"] and application.support_needs == "Large print, please"
    assert application.demographics_consent and (application.age_band, application.sex) == ("25-34", "female")
    assert application.disability == "prefer_not_to_say" and application.area == ""
    [mail] = OutboxMessage.select().where(OutboxMessage.template == "panel_application_received")
    assert mail.to_address == "asha@example.com" and "Accessibility Panel" in mail.subject
    assert "facilitator will read your application" in mail.text_body
    # Sending again (the back button, a double click) keeps one application and one email.
    submit(client, apply_url(panel), GOOD)
    assert Application.select().count() == 1 and OutboxMessage.select().count() == 1


def test_back_from_the_questions_keeps_both_pages_answers(client):
    panel = create_panel()
    page = page_of(submit(client, apply_url(panel), dict(GOOD, back="1")))
    assert page.find("h1").text == f"Apply to join the {panel.name}"
    assert page.by_id("name").attrs["value"] == "Asha Patel"
    kept = {e.attrs["name"]: e.attrs["value"] for e in page.find_all("input") if e.attrs.get("type") == "hidden"}
    assert kept["age_band"] == "25-34" and kept["step"] == "details"
    assert Application.select().count() == 0


def test_without_consent_no_demographics_are_kept_even_if_sent(client):
    panel = create_panel()
    response = submit(client, apply_url(panel), dict(DETAILS, consent="no", ethnicity="not-a-real-choice"))
    assert response.status_code == 302  # no questions page: sent straight away
    application = Application.get()
    assert not application.demographics_consent
    assert [application.age_band, application.sex, application.ethnicity, application.disability] == ["", "", "", ""]


def test_the_optional_questions_are_asked_only_after_consent(client):
    PopulationShare.create(dimension="area", category="Banbury", percent=60, source="Census 2021")
    PopulationShare.create(dimension="area", category="Bicester", percent=40, source="Census 2021")
    panel = create_panel()
    first = page_of(client.get(apply_url(panel)))
    assert first.find(id="age_band") is None and first.by_id("consent").attrs["value"] == "yes"
    assert first.find("input", where=lambda e: e.attrs.get("name") == "website") is not None  # honeypot
    assert "captcha" not in first.text.lower()
    questions = page_of(submit(client, apply_url(panel), DETAILS))
    legends = [legend.text for legend in questions.find_all("legend")]
    assert legends[0] == "What is your age?" and legends[-1] == "Which area do you live in?"
    labels = [label.text for label in questions.find_all("label")]
    assert labels.count("Prefer not to say") == 5 and "Banbury" in labels


def test_a_wrong_answer_on_the_questions_page_stays_there(client):
    panel = create_panel()
    page = page_of(submit(client, apply_url(panel), dict(GOOD, sex="robot")))
    assert page.find("h1").text == "Questions about you"
    assert page.find("div", cls="govuk-error-summary").find("a").href == "#sex"
    assert "checked" in page.find("input", where=lambda e: e.attrs.get("value") == "25-34").attrs
    assert Application.select().count() == 0


def test_errors_are_shown_at_the_fields_and_keep_everything_typed(client):
    panel = create_panel()
    typed = dict(DETAILS, name="  ", email="not an email", consent="", age_band="25-34")
    response = submit(client, apply_url(panel), typed)
    page = page_of(response)
    assert page.find("title").text.startswith("Error:")
    summary = page.find("div", cls="govuk-error-summary")
    assert [(a.text, a.href) for a in summary.find_all("a")] == [
        ("Enter your full name", "#name"),
        ("Enter an email address in the correct format, like name@example.com", "#email"),
        ("Select yes if you agree to answer questions about yourself", "#consent")]
    assert page.by_id("email").attrs["value"] == "not an email"
    assert page.by_id("reason").text == DETAILS["reason"].replace("\n", " ")
    assert page.by_id("support_needs").text == "Large print, please"
    assert page.find("input", where=lambda e: e.attrs.get("name") == "age_band").attrs["value"] == "25-34"
    assert Application.select().count() == 0 and OutboxMessage.select().count() == 0


def test_an_expired_form_keeps_the_answers(client):
    panel = create_panel()
    response = client.post(apply_url(panel), data=dict(DETAILS, csrf_token="stale"))
    page = page_of(response)
    assert "This form has expired. Send it again." in page.find("div", cls="govuk-error-summary").text
    assert page.by_id("name").attrs["value"] == "Asha Patel"
    assert Application.select().count() == 0


@pytest.mark.parametrize("hostile", [
    {"name": "Asha\x00"},
    {"reason": "x" * 50_000},
    {"email": "a@b.c" + "x" * 400},
    {"age_band": "'; DROP TABLE panel; --"},
    {"consent": "maybe"},
])
def test_hostile_input_is_a_clear_error_never_a_500(client, hostile):
    panel = create_panel()
    response = submit(client, apply_url(panel), dict(GOOD, **hostile))
    page = page_of(response)
    assert page.find("div", cls="govuk-error-summary") is not None
    assert Application.select().count() == 0


def test_odd_requests_never_fail(client):
    panel = create_panel()
    token = csrf_token(client, apply_url(panel))
    assert client.post(apply_url(panel), json={"name": "x"}).status_code == 200
    assert client.post(apply_url(panel), data={"csrf_token": token}).status_code == 200
    assert client.get("/panels/" + "a" * 5000).status_code == 404
    assert client.get("/panels/%00/apply").status_code == 404
    assert client.get(f"{apply_url(panel)}/sent").status_code == 302  # nothing sent from this browser
    assert submit(client, apply_url(panel), dict(GOOD, sex=["female", "male"])).status_code == 302
    assert Application.get().sex == "female"  # a radio sent twice: the first counts


def test_a_honeypot_hit_looks_sent_but_keeps_nothing(client):
    panel = create_panel()
    response = submit(client, apply_url(panel), dict(GOOD, website="http://spam.example"))
    assert response.status_code == 302
    assert Application.select().count() == 0 and OutboxMessage.select().count() == 0


def test_a_panel_not_taking_applications_says_so(client):
    panel = create_panel(accepting_applications=False)
    page = page_of(client.get(apply_url(panel)))
    assert "not taking applications" in page.find("h1").text
    submit_response = client.post(apply_url(panel), data=GOOD)
    assert submit_response.status_code == 200 and Application.select().count() == 0
