"""/track for a complaint with a response, or closed: the decision (outcome, the response's
points and date, what we did), and the way on: the signed stage 2 button while stage 2 is
possible, the Ombudsman's details after the final response; not only "we emailed you"."""
import pytest

from app.cases import closing, letters, stages
from app.cases.models import Case
from tests.cases.stage_helpers import complaint_case, on, responded
from tests.factories import create_user
from tests.html import main_text, parse
from tests.web import submit

POINTS = [{"point": "The bin was missed", "decision": "upheld", "reasons": "The crew skipped the road"},
          {"point": "The driver was rude", "decision": "not_upheld", "reasons": "The camera shows otherwise"}]


def buttons(html):
    """Links styled as buttons: [(text, href)]."""
    return [(a.text, a.href) for a in parse(html).find_all("a", cls="govuk-button")]


@pytest.fixture
def officer(app):
    return create_user("complaints_officer", name="Olive Officer")


@pytest.fixture
def case(app):
    return complaint_case()


def tracked(client, case):
    response = submit(client, "/track", {"reference": case.reference, "contact": "rita@example.com"})
    assert response.status_code == 302
    return client.get("/track/status").get_data(as_text=True)


def test_before_a_response_there_is_no_decision(client, case):
    assert "Our decision" not in main_text(tracked(client, case))


def test_after_the_stage_1_response_the_decision_and_the_stage_2_button(client, case, officer):
    responded(case, officer, POINTS, remedy_apology=True, remedy_action="We will empty it on Monday")
    html = tracked(client, case)
    text = main_text(html)
    for words in ("Our decision Decision Partly upheld", "Stage 1 response Sent on 10 March 2026",
                  "The bin was missed Our decision: Upheld Why: The crew skipped the road",
                  "The driver was rude Our decision: Not upheld Why: The camera shows otherwise",
                  "We apologised for what went wrong.", "We will empty it on Monday",
                  "If you are not happy with our decision"):
        assert words in text, words
    [(label, href)] = [b for b in buttons(html) if b[0] == "Ask for a stage 2 review"]
    token = href.rsplit("/", 1)[1]
    assert href.startswith("/complaint/escalate/") and letters.case_for_token(token).id == case.id
    assert client.get(href).status_code == 200  # the same page as the letter's link
    assert "Ombudsman" not in text


def test_a_closed_complaint_shows_its_outcome_and_still_offers_stage_2(client, case, officer):
    case = responded(case, officer, POINTS)
    closing.close(case, "partly_upheld", root_cause="process", lessons_learnt="Internal: retrain crew B",
                  actor=officer, at=on(12))
    html = tracked(client, case)
    text = main_text(html)
    assert "Decision Partly upheld" in text and "Closed 12 March 2026" in text
    assert "Ask for a stage 2 review" in [label for label, _ in buttons(html)]
    assert "retrain crew B" not in text and "Root cause" not in text  # internal: lessons, root cause


def test_after_the_final_response_the_ombudsman_and_no_stage_2(client, case, officer):
    case = responded(case, officer, POINTS)
    stages.request_stage2(case, "Nobody listened", at=on(11))
    case = Case.get_by_id(case.id)
    text = main_text(tracked(client, case))
    assert "Stage 1 response Sent on 10 March 2026" in text and "stage 2 review" not in text  # asked already
    reviewer = create_user("complaints_officer", name="Rob Reviewer")
    stages.set_reviewer(case, reviewer, actor=officer, at=on(11))
    stages.acknowledge(case, actor=reviewer, at=on(12))
    stages.respond(case, [dict(POINTS[0], decision="not_upheld")], ombudsman="housing", actor=reviewer,
                   at=on(16))
    html = tracked(client, case)
    text = main_text(html)
    assert "Decision Not upheld" in text and "Final (stage 2) response Sent on 16 March 2026" in text
    assert "You can ask the Housing Ombudsman to look at your complaint" in text
    assert "https://www.housing-ombudsman.org.uk/residents/make-a-complaint/" in text
    assert "0300 111 3000" in text and f"Tell them your reference, {case.reference}" in text
    assert not [label for label, _ in buttons(html) if "stage 2" in label]


def test_once_the_ombudsman_has_decided_the_process_is_over(client, case, officer):
    case = responded(case, officer, POINTS)
    stages.refer_to_ombudsman(case, "lgsco", actor=officer, at=on(12))
    stages.record_ombudsman_outcome(case, "The council acted properly", actor=officer, at=on(20))
    text = main_text(tracked(client, case))
    assert "The Local Government and Social Care Ombudsman has finished looking at your complaint" in text
    assert "The council acted properly" not in text  # the officer's words stay internal
