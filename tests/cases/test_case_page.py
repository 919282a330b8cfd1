"""The case page (/staff/cases/<id>), its action pages, one-click corrections, similar past
cases and the single view of the customer (/staff/people/<id>)."""
import datetime
import json
import re

import numpy as np
import pytest

from app.audit.models import AuditEvent
from app.cases import clocks, closing, rules, services, stages, timeline
from app.cases.models import Case, CaseActionLink, CaseEvent, DecisionPoint
from app.feedback.models import FeedbackUpdate
from app.learning.models import ItemEmbedding, OfficerLabel, Topic
from app.learning.taxonomy import store_item_topics
from tests.factories import create_feedback, create_person, create_user
from tests.web import csrf_token, h1_count, sign_in, submit, title_starts_with_h1

PASSWORD = "correct horse battery staple"
MONDAY = datetime.datetime(2026, 3, 2, 10, 0)  # Monday 2 March 2026, 10am (GMT)


def signed_in(app, role="complaints_officer", **kwargs):
    user = create_user(role=role, password=PASSWORD, **kwargs)
    client = app.test_client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    client.user = user
    return client


@pytest.fixture
def officer(app):
    return signed_in(app)


@pytest.fixture
def clock(monkeypatch):
    """Sets the casework clock (the services' default `at` and the case page's today)."""
    def set_to(moment):
        monkeypatch.setattr(rules, "utcnow", lambda: moment)
        monkeypatch.setattr(clocks, "utcnow", lambda: moment)
    return set_to


def new_case(text="The pothole on Mill Lane burst my tyre.", **kwargs):
    item = create_feedback(text=text, **kwargs)
    return services.case_of(item), item


def page(client, case):
    response = client.get(f"/staff/cases/{case.id}")
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def deadline_state(html, stage, what):
    row = re.search(rf'<tr class="govuk-table__row" id="deadline-{stage}-{what}">(.*?)</tr>', html, re.S)
    assert row, f"no deadline row for stage {stage} {what}"
    cells = [text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row.group(1), re.S)]
    return cells[1], cells[2]


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


def test_every_action_page_renders_for_an_officer(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    for action in ("acknowledge", "extend", "pause", "resume", "holding", "note", "call", "assign", "link",
                   "merge", "split", "service-request", "complaint", "respond", "stage-2", "reviewer",
                   "ombudsman", "ombudsman-outcome", "close", "reopen"):
        response = officer.get(f"/staff/cases/{case.id}/{action}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200, action
        assert h1_count(html) == 1 and title_starts_with_h1(html)[0], action
        assert f'href="/staff/cases/{case.id}"' in html, action  # back to the case
        assert "None</div>" not in html, action  # no empty hints


# Actions ------------------------------------------------------------------------------------

def test_a_note_needs_text_and_goes_on_the_timeline(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    url = f"/staff/cases/{case.id}/note"
    response = submit(officer, url, {"text": "  "})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in html and "Enter the note" in html
    assert "<title>Error:" in html
    response = submit(officer, url, {"text": "Spoke to the highways team."})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/cases/{case.id}")
    assert timeline.latest(case, "note").body == "Spoke to the highways team."
    assert AuditEvent.select().where(AuditEvent.action == "case.note_added").count() == 1


def test_a_call_says_who_called(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    html = submit(officer, f"/staff/cases/{case.id}/call", {"text": "Asked about progress"}).get_data(as_text=True)
    assert "Select who called" in html and "Asked about progress" in html
    assert submit(officer, f"/staff/cases/{case.id}/call",
                  {"direction": "in", "text": "Asked about progress"}).status_code == 302
    assert timeline.latest(case, "call").body == "The resident called us.\n\nAsked about progress"


def test_a_refusal_from_the_service_is_shown_on_the_form_with_what_was_typed(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    response = submit(officer, f"/staff/cases/{case.id}/extend", {"days": "5", "reason": "Waiting for the contractor"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Acknowledge the complaint before extending" in html
    assert "Waiting for the contractor" in html and 'value="5"' in html
    response = submit(officer, f"/staff/cases/{case.id}/extend", {"days": "11", "reason": "Contractor"})
    assert "Number of working days must be between 1 and 10" in response.get_data(as_text=True)


def test_acknowledge_extend_pause_and_restart_through_the_pages(app, officer, clock):
    case, _ = new_case(received_at=MONDAY)
    clock(MONDAY + datetime.timedelta(days=1))  # Tuesday 3 March
    assert submit(officer, f"/staff/cases/{case.id}/acknowledge", {"understanding": "The pothole"}).status_code == 302
    clock(MONDAY + datetime.timedelta(days=2))
    assert submit(officer, f"/staff/cases/{case.id}/extend", {"days": "5", "reason": "Contractor"}).status_code == 302
    # respond by: 3 March + 10 + 5 working days = 24 March
    assert deadline_state(page(officer, case), 1, "respond")[0] == "24 March 2026"
    clock(datetime.datetime(2026, 3, 9, 9))  # Monday 9 March
    assert submit(officer, f"/staff/cases/{case.id}/pause", {"reason": "Need photos"}).status_code == 302
    clock(datetime.datetime(2026, 3, 11, 9))  # Wednesday 11 March: paused Mon and Tue
    assert deadline_state(page(officer, case), 1, "respond")[1] == "paused since 9 March 2026"
    assert submit(officer, f"/staff/cases/{case.id}/resume", {}).status_code == 302
    assert deadline_state(page(officer, case), 1, "respond") == ("26 March 2026", "due in 11 working days")


def test_respond_starts_with_three_points_and_adds_another_without_losing_anything(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    stages.acknowledge(case, actor=officer.user)
    url = f"/staff/cases/{case.id}/respond"
    html = officer.get(url).get_data(as_text=True)
    assert [n for n in range(5) if f'name="points-{n}-point"' in html] == [0, 1, 2]
    typed = {"points-0-point": "The hole was reported twice", "points-0-decision": "upheld",
             "points-0-reasons": "We missed both reports", "points-1-point": "", "points-1-reasons": "",
             "points-2-point": "", "points-2-reasons": "", "remedy_action": "Fill the hole",
             "remedy_financial": "120.50", "add_point": "1"}
    html = submit(officer, url, typed).get_data(as_text=True)
    assert [n for n in range(5) if f'name="points-{n}-point"' in html] == [0, 1, 2, 3]
    assert "The hole was reported twice" in html and "We missed both reports" in html
    assert 'value="upheld" checked' in html and "Fill the hole" in html and 'value="120.50"' in html
    assert DecisionPoint.select().count() == 0
    # a half-filled point is an error on that point; nothing is sent
    typed.pop("add_point")
    typed.update({"points-1-point": "Nobody called back", "points-3-point": "", "points-3-reasons": ""})
    html = submit(officer, url, typed).get_data(as_text=True)
    assert "There is a problem" in html and "Select the decision on this point" in html
    assert 'href="#points-1-decision"' in html and "Nobody called back" in html
    typed.update({"points-1-decision": "not_upheld", "points-1-reasons": "We did call on 4 March"})
    response = submit(officer, url, typed)
    assert response.status_code == 302
    points = list(DecisionPoint.select().order_by(DecisionPoint.position))
    assert [(p.point, p.decision) for p in points] == [("The hole was reported twice", "upheld"),
                                                       ("Nobody called back", "not_upheld")]
    assert Case.get_by_id(case.id).remedy_financial_pence == 12050
    html = page(officer, case)
    assert "We missed both reports" in html and "Ask for stage 2 on the resident&#39;s behalf" in html


def test_close_records_outcome_remedy_in_pence_root_cause_and_actions(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    stages.acknowledge(case, actor=officer.user)
    stages.respond(Case.get_by_id(case.id), [{"point": "Hole", "decision": "upheld", "reasons": "Missed"}],
                   actor=officer.user)
    url = f"/staff/cases/{case.id}/close"
    html = submit(officer, url, {"outcome": "upheld", "remedy_financial": "£12.345",
                                 "lessons_learnt": "Check reports daily"}).get_data(as_text=True)
    assert "Financial redress must be an amount in pounds" in html and "Check reports daily" in html
    html = submit(officer, url, {"outcome": "upheld", "remedy_financial": "1,250.5",
                                 "lessons_learnt": "Check reports daily"}).get_data(as_text=True)
    assert "Choose the root cause of what went wrong" in html  # the service's refusal, on the form
    response = submit(officer, url, {"outcome": "upheld", "remedy_apology": "y", "remedy_financial": "£1,250.5",
                                     "root_cause": "process", "lessons_learnt": "Check reports daily",
                                     "actions": "Daily report check\n\nTrain the call centre\n"})
    assert response.status_code == 302
    case = Case.get_by_id(case.id)
    assert (case.status, case.outcome, case.root_cause) == ("closed", "upheld", "process")
    assert case.remedy_financial_pence == 125050 and case.remedy_apology
    assert [a.description for a in CaseActionLink.select().order_by(CaseActionLink.id)] == [
        "Daily report check", "Train the call centre"]
    html = page(officer, case)
    assert "£1,250.50" in html and "Reopen the case" in html and "Close the case" not in html


def test_merge_split_and_link_by_reference(app, officer, clock):
    clock(MONDAY)
    person = create_person()
    case, first = new_case(person=person, received_at=MONDAY)
    other, _ = new_case(person=person, text="Also the streetlight is out", received_at=MONDAY,
                        service_slug="street-lighting")
    comment = create_feedback(kind="comment", person=person, text="And the drain", received_at=MONDAY)
    url = f"/staff/cases/{case.id}/link"
    html = submit(officer, url, {"reference": "HRD-2026-999999", "reason": "Same street"}).get_data(as_text=True)
    assert "No feedback has the reference HRD-2026-999999" in html and 'href="#reference"' in html
    assert submit(officer, url, {"reference": comment.reference.lower(), "reason": "Same street"}).status_code == 302
    assert services.case_of(comment).id == case.id
    # split the comment off again into a new case
    response = submit(officer, f"/staff/cases/{case.id}/split", {"items": [str(comment.id)], "reason": "Different"})
    new = services.case_of(comment)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/cases/{new.id}")
    assert new.id != case.id
    # merge the other case into this one, by the reference the resident knows
    response = submit(officer, f"/staff/cases/{other.id}/merge", {"reference": case.reference, "reason": "Same"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/staff/cases/{case.id}")
    assert Case.get_by_id(other.id).status == "merged"
    html = page(officer, other)
    assert "This case was merged into" in html and 'id="actions"' in html
    assert "Merge into another case" not in html


def test_converting_to_a_service_request_and_back(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    assert submit(officer, f"/staff/cases/{case.id}/service-request", {"reason": ""}).status_code == 200
    assert submit(officer, f"/staff/cases/{case.id}/service-request", {"reason": "A new bin"}).status_code == 302
    html = page(officer, case)
    assert "not on the complaint clocks" in html and "Change to a complaint" in html
    assert submit(officer, f"/staff/cases/{case.id}/complaint", {}).status_code == 302
    assert Case.get_by_id(case.id).kind == "complaint"


def test_assign_and_choose_a_stage_2_reviewer_who_did_not_handle_stage_1(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    colleague = create_user("complaints_officer", name="Zara Reviewer")
    assert submit(officer, f"/staff/cases/{case.id}/assign", {"assignee": str(officer.user.id)}).status_code == 302
    assert Case.get_by_id(case.id).assigned_to_id == officer.user.id
    stages.acknowledge(case, actor=officer.user)
    stages.respond(Case.get_by_id(case.id), [{"point": "Hole", "decision": "upheld", "reasons": "Missed"}],
                   actor=officer.user)
    assert submit(officer, f"/staff/cases/{case.id}/stage-2", {"reason": "Still not fixed"}).status_code == 302
    html = officer.get(f"/staff/cases/{case.id}/reviewer").get_data(as_text=True)
    assert "Zara Reviewer" in html and f'value="{officer.user.id}"' not in html
    response = submit(officer, f"/staff/cases/{case.id}/reviewer", {"reviewer": str(officer.user.id)})
    assert "handled stage 1" in response.get_data(as_text=True)
    assert submit(officer, f"/staff/cases/{case.id}/reviewer", {"reviewer": str(colleague.id)}).status_code == 302
    assert Case.get_by_id(case.id).assigned_to_id == colleague.id


def test_ombudsman_referral_and_outcome(app, officer, clock):
    clock(MONDAY)
    case, _ = new_case(received_at=MONDAY)
    assert submit(officer, f"/staff/cases/{case.id}/ombudsman", {}).status_code == 200
    assert submit(officer, f"/staff/cases/{case.id}/ombudsman", {"ombudsman": "housing"}).status_code == 302
    response = submit(officer, f"/staff/cases/{case.id}/ombudsman-outcome", {"outcome": "No fault found"})
    assert response.status_code == 302
    html = page(officer, case)
    assert "Housing Ombudsman, referred 2 March 2026. Outcome: No fault found" in html


# What the models said ---------------------------------------------------------------------------

def test_one_click_corrections_from_the_case_page(app, officer, clock):
    clock(MONDAY)
    case, item = new_case(received_at=MONDAY)
    html = page(officer, case)
    assert f'name="item{item.id}-sentiment"' in html and f'name="item{item.id}-topics"' in html
    url = f"/staff/cases/{case.id}/items/{item.id}/sentiment"
    token = csrf_token(officer, f"/staff/cases/{case.id}")
    response = officer.post(url, data={"csrf_token": token, f"item{item.id}-sentiment": "sideways"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in html and "<title>Error:" in html
    assert f'href="#item{item.id}-sentiment"' in html
    response = officer.post(url, data={"csrf_token": token, f"item{item.id}-sentiment": "negative"})
    assert response.status_code == 302
    topic = Topic.select().first()
    response = officer.post(f"/staff/cases/{case.id}/items/{item.id}/topics",
                            data={"csrf_token": token, f"item{item.id}-topics": [topic.key]})
    assert response.status_code == 302
    labels = {(l.task, l.value) for l in OfficerLabel.select().where(OfficerLabel.item == item)}
    assert labels == {("sentiment", "negative"), ("topic", topic.key)}
    assert [e.summary for e in timeline.events(case, ["classification"])] == [
        f"{item.reference}: sentiment set to negative", f"{item.reference}: topics set to {topic.name}"]
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
    topics = list(Topic.select().order_by(Topic.id).limit(2))
    store_item_topics(item, [(topics[0].key, 0.9)], source="model")
    store_item_topics(same_item, [(topics[0].key, 0.8)], source="model")
    store_item_topics(other_item, [(topics[1].key, 0.8)], source="model")
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
