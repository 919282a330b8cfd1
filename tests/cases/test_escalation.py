"""The resident's stage 2 request from the link in the stage 1 response."""
import pytest

from app.cases import clocks, letters, services, stages
from app.cases.models import Case, CaseStage
from app.feedback.models import FeedbackItem
from tests.factories import create_feedback, create_person, create_user
from tests.test_public_forms_hostile import PageParser, payloads, problems_with, token_of
from tests.web import csrf_token, h1_count, title_starts_with_h1

RESIDENT_WORDS = "Quillfeather"  # only in the complaint, never on the public page
REASON = "You did not answer my point about the missed collections."
POINTS = [{"point": "Bins missed three weeks running", "decision": "partly_upheld",
           "reasons": "Two of the three collections were missed."}]


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, public_rate_limit=10 ** 6)  # the hostile test posts a lot


def responded_case(respond=True):
    officer = create_user()
    item = create_feedback(text=f"My bins were missed. {RESIDENT_WORDS}",
                           person=create_person(name="Ada Bins", email="ada@example.com"))
    case = services.open_case(item)
    stages.acknowledge(case, actor=officer)
    if respond:
        stages.respond(case, POINTS, actor=officer)
    return Case.get_by_id(case.id)


@pytest.fixture
def case(app):
    with app.app_context():
        return responded_case()


@pytest.fixture
def url(app, case):
    with app.app_context():
        return f"/complaint/escalate/{letters.escalation_token(case)}"


def post(client, url, reason=REASON, **extra):
    return client.post(url, data={"csrf_token": csrf_token(client, url), "reason": reason, **extra})


def test_the_page_asks_one_question_and_shows_only_the_reference(client, case, url):
    response = client.get(url)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and h1_count(page) == 1 and title_starts_with_h1(page)[0]
    assert "Ask us to review your complaint" in page and case.reference in page
    assert RESIDENT_WORDS not in page and "Ada Bins" not in page and "ada@example.com" not in page
    assert 'name="website"' in page  # the honeypot


def test_asking_for_stage_2(client, case, url):
    response = post(client, url)
    assert response.status_code == 302 and response.headers["Location"].endswith(url + "/sent")
    case = Case.get_by_id(case.id)
    assert case.stage == 2 and case.next_due_what == "acknowledge"
    assert CaseStage.get(CaseStage.case == case, CaseStage.number == 2).escalation_reason == REASON
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Review requested" in page and case.reference in page and h1_count(page) == 1
    due = clocks.current(case).due_on
    assert f"by {due:%A} {due.day} {due:%B %Y}" in page
    assert FeedbackItem.get_by_id(case.items[0].item_id).status == "in_progress"


def test_asking_twice_changes_nothing(client, case, url):
    post(client, url)
    again = client.get(url).get_data(as_text=True)
    assert "You have already asked for a review" in again and 'name="reason"' not in again
    response = client.post(url, data={"reason": "Again"})
    assert response.status_code == 200
    assert CaseStage.select().where(CaseStage.case == case).count() == 2


@pytest.mark.parametrize("reason, message", [
    ("", "Tell us why you are unhappy with our stage 1 response"),
    ("   \n ", "Tell us why you are unhappy with our stage 1 response"),
    ("x" * 5001, "Your reasons must be 5,000 characters or fewer"),
    ("bad \x00 byte", "Remove the unusual characters from your answer"),
])
def test_a_reason_is_needed(client, case, url, reason, message):
    response = post(client, url, reason)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert page.count("<h1") == 1 and "<title>Error: Ask us to review" in page
    assert Case.get_by_id(case.id).stage == 1


@pytest.mark.parametrize("token", ["nonsense", "x" * 400, "eyJjYXNlIjoxfQ.bad.sig"])
def test_a_bad_link_says_so(client, case, token):
    response = client.get(f"/complaint/escalate/{token}")
    assert response.status_code == 404 and "This link does not work" in response.get_data(as_text=True)
    assert client.post(f"/complaint/escalate/{token}", data={"reason": REASON}).status_code == 404
    assert client.get(f"/complaint/escalate/{token}/sent").status_code == 404
    assert Case.get_by_id(case.id).stage == 1


def test_a_link_for_a_case_that_is_gone_says_so(app, client, case, url):
    Case.delete().where(Case.id == case.id).execute()
    assert client.get(url).status_code == 404


def test_the_sent_page_needs_a_request_first(client, case, url):
    response = client.get(url + "/sent")
    assert response.status_code == 302 and response.headers["Location"].endswith(url)


def test_the_honeypot_records_nothing(client, case, url):
    response = post(client, url, website="http://spam.example")
    assert response.status_code == 200 and "Review requested" in response.get_data(as_text=True)
    assert Case.get_by_id(case.id).stage == 1


def test_an_expired_form_keeps_the_reason(client, case, url):
    response = client.post(url, data={"reason": REASON, "csrf_token": "expired"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "This form has expired" in page and REASON in page
    assert Case.get_by_id(case.id).stage == 1


def test_before_the_stage_1_response_the_request_is_refused_kindly(app, client):
    with app.app_context():
        early = responded_case(respond=False)
        url = f"/complaint/escalate/{letters.escalation_token(early)}"
    page = post(client, url).get_data(as_text=True)
    assert "We could not record your request online" in page and REASON in page
    assert Case.get_by_id(early.id).stage == 1


def test_a_closed_case_reopens_for_stage_2(app, client, case, url):
    from app.cases import closing

    closing.close(case, "partly_upheld", root_cause="process", actor=create_user())
    assert Case.get_by_id(case.id).status == "closed"
    post(client, url)
    case = Case.get_by_id(case.id)
    assert case.status == "open" and case.stage == 2


def test_posts_are_rate_limited(settings_overrides, case):
    from app import create_app

    client = create_app(dict(settings_overrides, public_rate_limit=2)).test_client()
    with client.application.app_context():
        url = f"/complaint/escalate/{letters.escalation_token(case)}"
    statuses = [client.post(url, data={"reason": ""}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_hostile_input_never_breaks_the_form(app, case, url):
    client = app.test_client()
    parser = PageParser(f"http://localhost{url}")
    parser.feed(client.get(url).get_data(as_text=True))
    [form] = parser.forms
    found = []
    for label, build in payloads(form):
        response = client.post(form.action.replace("http://localhost", ""), **build(token_of(client, form)))
        found += problems_with(response, url, label)
        CaseStage.delete().where(CaseStage.case == case.id, CaseStage.number == 2).execute()
        Case.update(stage=1, status="open").where(Case.id == case.id).execute()
    assert not found, "\n".join(found)


def test_the_resident_acts_as_nobody(client, case, url):
    from app.audit.models import AuditEvent

    post(client, url)
    event = AuditEvent.get(AuditEvent.action == "case.stage2_requested")
    assert event.actor_id is None and REASON not in event.details
