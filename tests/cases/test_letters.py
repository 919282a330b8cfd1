"""Letters to residents: the signed stage 2 link, who gets an email and who a letter to post,
sending once per key, and what each template says (text and HTML)."""
import datetime

import pytest

from app.cases import letters, services, stages, timeline
from app.cases.models import Case, CaseEvent, DecisionPoint
from app.mail.models import OutboxMessage
from app.mail.rendering import render
from app.people.models import Person
from tests.factories import create_feedback, create_person, create_user

RECEIVED = datetime.datetime(2026, 3, 2, 10, 0)


@pytest.fixture
def officer(app):
    return create_user("complaints_officer")


def _case(postal_address="", **person):
    person = create_person(**person) if person else None
    if postal_address:
        Person.update(postal_address=postal_address).where(Person.id == person.id).execute()
    return services.case_of(create_feedback(person=person, anonymous=person is None, received_at=RECEIVED))


def test_the_escalation_token_names_its_case_and_cannot_be_forged(app):
    case, other = _case(email="a@example.com"), _case(email="b@example.com")
    token = letters.escalation_token(case)
    assert letters.case_for_token(token).id == case.id
    assert letters.case_for_token(token[:-2] + "xx") is None
    assert letters.case_for_token("") is None and letters.case_for_token("x" * 500) is None
    assert letters.case_for_token(letters.escalation_token(other)).id == other.id
    from itsdangerous import URLSafeSerializer

    forged = URLSafeSerializer("not-our-secret", salt=letters.TOKEN_SALT).dumps(
        {"case": case.id, "ref": case.reference})
    assert letters.case_for_token(forged) is None
    assert letters.escalation_url(case).startswith("http://127.0.0.1:5000/complaint/escalate/")


def test_a_token_for_a_case_whose_reference_changed_is_refused(app):
    case = _case(email="a@example.com")
    token = letters.escalation_token(case)
    Case.update(reference="HRD-2026-999999").where(Case.id == case.id).execute()
    assert letters.case_for_token(token) is None


def test_who_gets_an_email_and_who_a_letter_to_post(app):
    assert letters.recipient(_case(email="a@example.com")) == ("email", "a@example.com")
    post = _case(email="b@example.com", preferred_contact="post", postal_address="1 High St\nBanbury")
    assert letters.recipient(post) == ("post", "1 High St\nBanbury")
    assert letters.recipient(_case(phone="01234 567890", email=None)) == (None, "")
    assert letters.recipient(_case()) == (None, "")


def test_a_letter_to_post_keeps_its_text_for_printing_once(app, officer):
    case = _case(email="b@example.com", preferred_contact="post", postal_address="1 High St")
    for _ in range(2):
        letters.holding(case, "We are still looking into it.", actor=officer)
    [event] = timeline.events(case, ["email_out"])
    assert event.outbox_id is None and event.summary.startswith("Letter to post: Holding letter")
    assert "We are still looking into it." in event.body and case.reference in event.body
    assert OutboxMessage.select().count() == 0


def test_without_any_contact_details_the_timeline_says_no_letter_went(app, officer):
    case = _case()
    stages.acknowledge(case, actor=officer)
    [event] = timeline.events(case, ["note"])
    assert event.summary == "Acknowledgement not sent: we have no email or postal address for the resident"


def test_sending_the_same_letter_twice_mails_once(app, officer):
    case = _case(email="a@example.com")
    first = letters.send(case, "case_holding", {"message": "One"}, key="holding:test", actor=officer)
    again = letters.send(case, "case_holding", {"message": "One"}, key="holding:test", actor=officer)
    assert first.id == again.id and OutboxMessage.select().count() == 1
    assert CaseEvent.select().where(CaseEvent.kind == "email_out").count() == 1
    message = OutboxMessage.get()
    assert message.idempotency_key == f"case:{case.id}:holding:test"
    assert (message.related_type, message.related_id) == ("case_record", case.id)


def test_money_is_shown_in_pounds():
    assert [letters.money(p) for p in (None, 0, 2550, 2500, 123456)] == [
        "", "£0", "£25.50", "£25", "£1,234.56"]


def _response_context(case, stage, **extra):
    return {**letters.base_context(case, stage), "decision_label": "Partly upheld",
            "points": [{"point": "The bin was not emptied", "decision_label": "Upheld",
                        "reasons": "The crew missed the road"},
                       {"point": "The driver was rude", "decision_label": "Not upheld",
                        "reasons": "The camera shows otherwise"}],
            "apology": True, "remedy_action": "We will empty it on Monday", "financial": "£20",
            "outstanding_actions": "Retraining the crew", **extra}


def test_the_stage_1_response_says_everything_the_code_asks(app):
    case = _case(email="a@example.com", name="Rita Resident")
    context = _response_context(case, 1, escalation_url="https://example.gov.uk/complaint/escalate/TOKEN")
    with app.app_context():
        subject, text, html = render("case_stage1_response", context)
    assert subject == f"Our stage 1 response to your complaint – reference {case.reference}"
    for words in ("Hello Rita Resident,", "stage 1 response", "partly upheld", "1. The bin was not emptied",
                  "Our decision: Upheld", "Why: The crew missed the road", "2. The driver was rude",
                  "We apologise", "We will empty it on Monday", "We will pay you £20", "Retraining the crew",
                  "stage 2", "https://example.gov.uk/complaint/escalate/TOKEN"):
        assert words in text, words
        assert words.replace("1. ", "").replace("2. ", "").replace("pay you ", "pay you <strong>") \
            in html.replace("&#39;", "'"), words
    assert "\n\n\n\n" not in text


def test_the_stage_2_response_points_to_the_ombudsman(app):
    case = _case(email="a@example.com")
    context = _response_context(case, 2, ombudsman=letters.OMBUDSMAN_CONTACTS["lgsco"], apology=False,
                                remedy_action="", financial="", outstanding_actions="")
    with app.app_context():
        subject, text, html = render("case_stage2_response", context)
    assert "final (stage 2) response" in subject
    for words in ("stage 2 response", "Local Government and Social Care Ombudsman",
                  "https://www.lgo.org.uk/make-a-complaint", "0300 061 0614",
                  "We have not found anything that we need to put right.", "There is nothing outstanding"):
        assert words in text, words
        assert words in html, words
    assert "escalate" not in text


@pytest.mark.parametrize("template, extra, expected", [
    ("case_acknowledgement", {"understanding": "The lights on Elm Road", "respond_days": 10,
                              "respond_by": datetime.date(2026, 3, 18)},
     ["stage 1", "The lights on Elm Road", "Wednesday 18 March 2026"]),
    ("case_stage2_acknowledgement", {"respond_by": datetime.date(2026, 4, 16), "respond_days": 20},
     ["stage 2", "not involved at stage 1", "Thursday 16 April 2026"]),
    ("case_extension", {"days": 5, "reason": "The inspector is ill",
                        "respond_by": datetime.date(2026, 3, 25)},
     ["by 5 working days", "The inspector is ill", "Wednesday 25 March 2026"]),
    ("case_holding", {"message": "We have asked the contractor", "respond_by": datetime.date(2026, 3, 18)},
     ["We have asked the contractor", "Wednesday 18 March 2026"]),
    ("case_holding", {"message": "Please send photos", "paused": True}, ["Please send photos", "on hold"]),
])
def test_each_letter_renders_as_text_and_html(app, template, extra, expected):
    case = _case(email="a@example.com")
    with app.app_context():
        subject, text, html = render(template, {**letters.base_context(case), **extra})
    assert case.reference in subject and case.reference in text and case.reference in html
    for words in expected:
        assert words in text, words
        assert words in html, words
    assert "{{" not in text and "{%" not in text and "\n\n\n\n" not in text


def test_a_response_through_the_service_is_the_letter_sent(app, officer):
    case = _case(email="a@example.com")
    stages.acknowledge(case, actor=officer, at=RECEIVED)
    stages.respond(case, [{"point": "Missed bin", "decision": "upheld", "reasons": "Crew error"}],
                   remedy="We will collect it tomorrow", actor=officer, at=RECEIVED)
    message = OutboxMessage.get(OutboxMessage.purpose == "case_stage1_response")
    assert "We will collect it tomorrow" in message.text_body and "upheld" in message.text_body
    token = message.text_body.split("/complaint/escalate/")[1].split()[0]
    assert letters.case_for_token(token).id == case.id
    assert DecisionPoint.select().count() == 1
    assert Case.get_by_id(case.id).remedy_action == "We will collect it tomorrow"
