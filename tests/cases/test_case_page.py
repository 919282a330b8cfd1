"""The case page (/staff/cases/<id>): what it shows and to whom, one-click corrections, similar
past cases, and the single view of the customer (/staff/people/<id>). The action pages are in
test_case_actions.py."""
import datetime
import json

import numpy as np
import pytest

from app.audit.models import AuditEvent
from app.cases import closing, services, stages, timeline
from app.cases.models import Case, CaseEvent
from app.feedback.models import FeedbackUpdate
from app.learning.models import ItemEmbedding, OfficerLabel, Topic
from app.learning.taxonomy import store_item_topics
from tests.cases.pages import deadline_state, new_case, page, signed_in
from tests.factories import create_feedback, create_person
from tests.web import csrf_token, h1_count, submit, title_starts_with_h1

MONDAY = datetime.datetime(2026, 3, 2, 10, 0)  # Monday 2 March 2026, 10am (GMT)


@pytest.fixture
def officer(app):
    return signed_in(app)


# The page ------------------------------------------------------------------------------------

def test_the_residents_words_come_first_then_deadlines_summary_and_timeline(app, officer, clock):
    clock(MONDAY)
    case, item = new_case(received_at=MONDAY, put_right="Fill the hole.")
    FeedbackUpdate.create(item=item, channel="email", text="Here is a photo of the hole.",
                          received_at=MONDAY + datetime.timedelta(hours=2))
    html = page(officer, case)
    assert h1_count(html) == 1 and title_starts_with_h1(html)[0]
    order = [html.index(s) for s in ("What the resident said", "The pothole on Mill Lane", "Fill the hole.",
                                     "Here is a photo of the hole.", 'id="deadlines"', 'id="summary"',
                                     'id="actions"', 'id="timeline"', 'id="classification"', 'id="similar"')]
    assert order == sorted(order)
    assert f'href="/staff/cases/{case.id}/audit"' in html  # who viewed and changed it
    assert deadline_state(html, 1, "acknowledge") == ("9 March 2026", "due in 5 working days")
    assert 'id="deadline-1-respond"' not in html  # not until it is acknowledged
    assert f'href="/staff/people/{item.person_id}"' in html
    assert AuditEvent.select().where(AuditEvent.action == "case.viewed",
                                     AuditEvent.object_id == str(case.id)).count() == 1


def test_deadlines_say_overdue_and_paused_since(app, officer, clock):
    case, _ = new_case(received_at=MONDAY)
    clock(MONDAY + datetime.timedelta(days=10))  # Thursday 12 March
    assert deadline_state(page(officer, case), 1, "acknowledge") == ("9 March 2026", "3 working days overdue")
    stages.acknowledge(case, actor=officer.user, at=MONDAY + datetime.timedelta(days=1))
    stages.pause(Case.get_by_id(case.id), "Waiting for photos", actor=officer.user,
                 at=datetime.datetime(2026, 3, 5, 9))
    html = page(officer, case)
    assert deadline_state(html, 1, "acknowledge") == ("9 March 2026", "met on 3 March 2026")
    assert deadline_state(html, 1, "respond")[1] == "paused since 5 March 2026"
    assert "Waiting for the resident" in html and "Restart the clock" in html


def test_anonymous_case_has_no_person_link(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(anonymous=True, received_at=MONDAY)
    html = page(officer, case)
    assert "Anonymous: they left no name or contact details" in html and "/staff/people/" not in html


def test_the_timeline_is_newest_first_and_links_emails_to_the_outbox(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    stages.acknowledge(case, actor=officer.user, at=MONDAY + datetime.timedelta(hours=1))
    services.add_note(Case.get_by_id(case.id), "Rang highways", actor=officer.user,
                      at=MONDAY + datetime.timedelta(hours=2))
    html = page(officer, case)
    email = CaseEvent.get(CaseEvent.case == case, CaseEvent.kind == "email_out")
    assert f'href="/staff/outbox/{email.outbox_id}"' in html
    timeline_html = html[html.index('id="timeline"'):html.index('id="classification"')]
    assert timeline_html.index("Rang highways") < timeline_html.index("Stage 1 acknowledged") \
        < timeline_html.index("received by")


# Access ----------------------------------------------------------------------------------

def test_service_leads_read_their_services_cases_but_change_nothing(app, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    lead = signed_in(app, "service_lead", services=["highways"])
    html = page(lead, case)
    assert 'id="actions"' not in html and "Confirm or correct" not in html and "/audit" not in html
    assert lead.get(f"/staff/cases/{case.id}/note").status_code == 403
    other = signed_in(app, "service_lead", services=["libraries"])
    assert other.get(f"/staff/cases/{case.id}").status_code == 404
    assert signed_in(app, "analyst").get(f"/staff/cases/{case.id}").status_code == 403
    assert app.test_client().get(f"/staff/cases/{case.id}").status_code == 302




# What the models said ---------------------------------------------------------------------------

def test_one_click_corrections_from_the_case_page(app, officer, clock):
    clock(MONDAY)
    case, item = new_case(received_at=MONDAY)
    html = page(officer, case)
    assert f'name="item{item.id}-sentiment"' in html and f'name="item{item.id}-service_area"' in html
    assert f'name="item{item.id}-themes"' in html
    url = f"/staff/cases/{case.id}/items/{item.id}/sentiment"
    token = csrf_token(officer, f"/staff/cases/{case.id}")
    response = officer.post(url, data={"csrf_token": token, f"item{item.id}-sentiment": "sideways"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in html and "<title>Error:" in html
    assert f'href="#item{item.id}-sentiment"' in html
    response = officer.post(url, data={"csrf_token": token, f"item{item.id}-sentiment": "negative"})
    assert response.status_code == 302
    response = officer.post(f"/staff/cases/{case.id}/items/{item.id}/service",
                            data={"csrf_token": token, f"item{item.id}-service_area": "highways"})
    assert response.status_code == 302
    response = officer.post(f"/staff/cases/{case.id}/items/{item.id}/themes",
                            data={"csrf_token": token, f"item{item.id}-themes": ["delay", "communication"]})
    assert response.status_code == 302
    response = officer.post(f"/staff/cases/{case.id}/items/{item.id}/themes",
                            data={"csrf_token": token, f"item{item.id}-themes": ["highways"]})
    assert response.status_code == 200 and f'href="#item{item.id}-themes"' in response.get_data(as_text=True)
    labels = {(l.task, l.value) for l in OfficerLabel.select().where(OfficerLabel.item == item)}
    assert labels == {("sentiment", "negative"), ("service", "highways"), ("theme", "delay"), ("theme", "communication")}
    assert [e.summary for e in timeline.events(case, ["classification"])] == [
        f"{item.reference}: sentiment set to negative", f"{item.reference}: service area set to Highways",
        f"{item.reference}: themes set to Communication, Delay"]
    html = page(officer, case)
    words = html[html.index('id="classification"'):]
    assert words.index("Service area") < words.index("Highways</strong> (chosen by an officer)") \
        < words.index("Themes") < words.index("Communication, Delay (chosen by an officer)")
    other, _ = new_case()
    assert officer.post(f"/staff/cases/{other.id}/items/{item.id}/sentiment",
                        data={"csrf_token": token, f"item{item.id}-sentiment": "negative"}).status_code == 404


# Similar past cases --------------------------------------------------------------------------------

def _embed(item, vector):
    ItemEmbedding.create(item=item, encoder_version="test", vector=np.asarray(vector, dtype=np.float32).tobytes())


def _closed(case, officer_user):
    closing.close(Case.get_by_id(case.id), "withdrawn", actor=officer_user)
    return Case.get_by_id(case.id)


def test_similar_past_cases_by_embeddings_and_never_across_access_rules(app, officer, clock):
    clock(MONDAY)
    case, item = new_case(received_at=MONDAY)
    near, near_item = new_case(text="Pothole ruined my tyre")
    far, far_item = new_case(text="Lovely library")
    secret, secret_item = new_case(text="Pothole and my health")
    libraries, lib_item = new_case(text="Pothole by the library", service_slug="libraries")
    for c in (near, far, secret, libraries):
        _closed(c, officer.user)
    Case.update(special_category=True).where(Case.id == secret.id).execute()
    _embed(item, [1, 0, 0])
    _embed(near_item, [0.9, 0.1, 0])
    _embed(far_item, [0, 0, 1])
    _embed(secret_item, [1, 0, 0])
    _embed(lib_item, [1, 0.05, 0])
    html = page(officer, case)
    similar = html[html.index('id="similar"'):]
    assert near.reference in similar and secret.reference in similar and libraries.reference in similar
    assert far.reference not in similar
    lead = signed_in(app, "service_lead", services=["highways"])
    html = page(lead, case)
    similar = html[html.index('id="similar"'):]
    assert near.reference in similar
    assert secret.reference not in similar and libraries.reference not in similar


def test_similar_past_cases_fall_back_to_shared_topic_and_service(app, officer, clock):
    clock(MONDAY)
    case, item = new_case(received_at=MONDAY)
    same, same_item = new_case(text="Another pothole")
    other_topic, other_item = new_case(text="Bins")
    topics = list(Topic.select().where(Topic.kind == "theme").order_by(Topic.id).limit(2))
    store_item_topics(item, [(topics[0].key, 0.9, True), (topics[1].key, 0.2, False)], source="model", head="theme")
    store_item_topics(same_item, [(topics[0].key, 0.8, True)], source="model", head="theme")
    store_item_topics(other_item, [(topics[1].key, 0.8, True)], source="model", head="theme")
    _closed(same, officer.user)
    _closed(other_topic, officer.user)
    html = page(officer, case)
    similar = html[html.index('id="similar"'):]
    assert same.reference in similar and "same service and topic" in similar
    assert other_topic.reference not in similar


# The single view of the customer ------------------------------------------------------------------

def test_the_person_page_shows_everything_they_told_the_council_but_nothing_anonymous(app, officer, clock):
    clock(MONDAY)
    person = create_person(name="Ann Example", email="ann@example.com")
    case, item = new_case(person=person, received_at=MONDAY)
    compliment = create_feedback(kind="compliment", person=person, text="Thanks for the quick fix",
                                 service_slug="libraries")
    anonymous = create_feedback(kind="comment", anonymous=True, text="Anonymous words here")
    response = officer.get(f"/staff/people/{person.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and h1_count(html) == 1 and title_starts_with_h1(html)[0]
    assert "Ann Example" in html and item.reference in html and compliment.reference in html
    assert case.reference in html and "Thanks for the quick fix" in html
    assert anonymous.reference not in html and "Anonymous words here" not in html
    assert AuditEvent.select().where(AuditEvent.action == "person.viewed").count() == 1
    # a service lead sees only their services' part; another service's lead learns nothing
    lead = signed_in(app, "service_lead", services=["libraries"])
    html = lead.get(f"/staff/people/{person.id}").get_data(as_text=True)
    assert compliment.reference in html and case.reference not in html and "Mill Lane" not in html
    stranger = signed_in(app, "service_lead", services=["adult-social-care"])
    assert stranger.get(f"/staff/people/{person.id}").status_code == 404
    assert signed_in(app, "analyst").get(f"/staff/people/{person.id}").status_code == 403
    assert officer.get("/staff/people/999999").status_code == 404


def test_a_comment_becomes_a_complaint_from_the_person_page(app, officer, clock):
    clock(MONDAY)
    person = create_person(name="Cal Example")
    comment = create_feedback(kind="comment", person=person, text="Nobody ever answers the phone",
                              received_at=MONDAY)
    html = officer.get(f"/staff/people/{person.id}").get_data(as_text=True)
    url = f"/staff/cases/from-feedback/{comment.id}"
    assert f'href="{url}"' in html
    html = officer.get(url).get_data(as_text=True)
    assert h1_count(html) == 1 and title_starts_with_h1(html)[0] and "Nobody ever answers the phone" in html
    response = submit(officer, url, {})
    case = services.case_of(comment)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/cases/{case.id}")
    assert case.kind == "complaint" and case.received_at == MONDAY
    assert officer.get(url).headers["Location"].endswith(f"/staff/cases/{case.id}")  # already one
    lead = signed_in(app, "service_lead", services=["highways"])
    assert lead.get(url).status_code == 403


def test_the_person_page_shows_named_survey_answers(app, officer):
    from surveys.models import Answer, Question, Response, Survey, SurveyVersion
    from tests.factories import service

    person = create_person(name="Bob Example")
    survey = Survey.create(title="After your call", service=service("highways"), anonymous=False)
    version = SurveyVersion.create(survey=survey, number=1, status="live")
    question = Question.create(version=version, key="q1", kind="text", text="How did we do?")
    response = Response.create(survey=survey, version=version, channel="web", person=person,
                               service=service("highways"))
    Answer.create(response=response, question=question, value="Very well, thank you")
    html = officer.get(f"/staff/people/{person.id}").get_data(as_text=True)
    assert "After your call" in html and "How did we do?" in html and "Very well, thank you" in html


def test_json_details_of_views_carry_no_personal_data(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    page(officer, case)
    for event in AuditEvent.select().where(AuditEvent.action.in_(["case.viewed", "person.viewed"])):
        assert "Mill Lane" not in event.details and "@" not in json.loads(event.details).get("page", "")
