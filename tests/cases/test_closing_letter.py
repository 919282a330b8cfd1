"""The closing letter: the resident hears the outcome, what we did and where to go next (stage 2
by the signed link after stage 1; the Ombudsman after stage 2; nothing more after the
Ombudsman), by email or as a letter to post, with or without a survey; the survey invitation
follows the letter; closing again sends a new letter only when it says something new."""
import pytest

from app.cases import closing, letters, services, stages, timeline
from app.cases.models import Case
from app.cases.post.models import PostalLetter
from app.mail.models import OutboxMessage
from tests.cases.stage_helpers import complaint_case, on, responded
from tests.factories import create_person, create_person_by_post, create_user

POINTS = [{"point": "The bin was missed", "decision": "upheld", "reasons": "The crew skipped the road"},
          {"point": "The driver was rude", "decision": "not_upheld", "reasons": "The camera shows otherwise"}]


@pytest.fixture
def officer(app):
    return create_user("complaints_officer", name="Olive Officer")


@pytest.fixture
def reviewer(app):
    return create_user("complaints_officer", name="Rob Reviewer")


def closing_mail():
    return list(OutboxMessage.select().where(OutboxMessage.purpose == "case_closing")
                .order_by(OutboxMessage.id))


def test_closing_at_stage_1_tells_the_outcome_what_we_did_and_how_to_ask_for_stage_2(app, officer):
    case = responded(complaint_case(), officer, POINTS, remedy_apology=True,
                     remedy_action="We will empty it on Monday", remedy_financial_pence=2500)
    closing.close(case, "partly_upheld", root_cause="process", actions=["Add the road to the crew's route"],
                  actor=officer, at=on(12))
    [letter] = closing_mail()
    assert letter.to_address == "rita@example.com" and letter.subject == \
        f"Your complaint is closed – reference {case.reference}"
    text = " ".join(letter.text_body.split())
    for words in ("Hello Rita Resident,", "Your complaint was partly upheld at stage 1",
                  "stage 1 response of Tuesday 10 March 2026", "We apologised for what went wrong.",
                  "We will empty it on Monday", "We are paying you £25.",
                  "- Add the road to the crew's route",
                  "ask us to look at your complaint again at stage 2", "reply to this email"):
        assert words in text, words
    token = letter.text_body.split("/complaint/escalate/")[1].split()[0]
    assert letters.case_for_token(token).id == case.id
    assert "Ombudsman" not in text and "{{" not in text and "\n\n\n" not in letter.text_body
    assert "Ask for a stage 2 review" in letter.html_body or "stage 2 review" in letter.html_body
    assert timeline.latest(case, "email_out").summary.startswith("Closing letter emailed")
    assert not list(OutboxMessage.select().where(OutboxMessage.purpose == "survey_invitation"))


def test_the_survey_invitation_follows_the_closing_letter(app, officer):
    from tests.surveys.helpers import create_survey

    survey = create_survey(title="How did we handle your complaint?")
    app.config["HEARD"] = app.config["HEARD"].with_overrides(complaint_survey_id=survey.id)
    case = responded(complaint_case(), officer, POINTS)
    closing.close(case, "not_upheld", actor=officer, at=on(12))
    sent = list(OutboxMessage.select().where(OutboxMessage.created_at >= on(1))
                .order_by(OutboxMessage.id))
    purposes = [m.purpose for m in sent if m.purpose in ("case_closing", "survey_invitation")]
    assert purposes == ["case_closing", "survey_invitation"]
    closing_letter, invitation = [m for m in sent if m.purpose in ("case_closing", "survey_invitation")]
    assert closing_letter.sent_at <= invitation.sent_at  # immediate queue: sent in that order
    summaries = [e.summary for e in timeline.events(case, ["email_out"])][-2:]
    assert summaries[0].startswith("Closing letter emailed")
    assert summaries[1] == "Satisfaction survey invitation emailed"


def test_closing_at_stage_2_points_to_the_ombudsman_the_response_named(app, officer, reviewer):
    case = responded(complaint_case(), officer, POINTS)
    stages.request_stage2(case, "Nobody listened", at=on(11))
    case = Case.get_by_id(case.id)
    stages.set_reviewer(case, reviewer, actor=officer, at=on(11))
    stages.acknowledge(case, actor=reviewer, at=on(12))
    stages.respond(case, POINTS, ombudsman="housing", actor=reviewer, at=on(16))
    closing.close(Case.get_by_id(case.id), "partly_upheld", root_cause="process", actor=reviewer, at=on(17))
    letter = closing_mail()[-1]
    text = " ".join(letter.text_body.split())
    assert "at stage 2 (the final stage)" in text and "Housing Ombudsman" in text
    assert "https://www.housing-ombudsman.org.uk/" in text and "0300 111 3000" in text
    assert "escalate" not in text


def test_a_withdrawn_complaint_is_told_so_without_a_stage_2_link(app, officer):
    case = complaint_case()
    closing.close(case, "withdrawn", actor=officer, at=on(4))
    [letter] = closing_mail()
    assert "closed as withdrawn" in letter.text_body and "escalate" not in letter.text_body
    assert "What we have done" not in letter.text_body  # nothing was looked into


def test_after_the_ombudsman_the_letter_says_the_process_is_over(app, officer, reviewer):
    case = responded(complaint_case(), officer, POINTS)
    stages.refer_to_ombudsman(case, "lgsco", actor=officer, at=on(12))
    stages.record_ombudsman_outcome(case, "Not upheld", actor=officer, at=on(20))
    closing.close(Case.get_by_id(case.id), "not_upheld", actor=officer, at=on(21))
    text = " ".join(closing_mail()[-1].text_body.split())
    assert "The Local Government and Social Care Ombudsman has finished looking at your complaint" in text
    assert "escalate" not in text and "0300 061 0614" not in text


def test_a_post_resident_gets_the_closing_letter_to_post_and_no_survey(app, officer):
    from tests.surveys.helpers import create_survey

    survey = create_survey()
    app.config["HEARD"] = app.config["HEARD"].with_overrides(complaint_survey_id=survey.id)
    case = responded(complaint_case(create_person_by_post(name="Pat Post")), officer, POINTS)
    closing.close(case, "upheld", root_cause="delay", actor=officer, at=on(12))
    letter = PostalLetter.get(PostalLetter.template == "case_closing")
    assert letter.name == "Closing letter" and letter.waiting and letter.recipient_name == "Pat Post"
    assert "Or write to us, quoting your reference" in " ".join(letter.text.split())
    assert "/complaint/escalate/" in letter.text and "reply to this email" not in letter.text
    assert OutboxMessage.select().count() == 0


def test_closing_again_with_the_same_outcome_sends_no_second_letter(app, officer):
    case = responded(complaint_case(), officer, POINTS)
    closing.close(case, "not_upheld", actor=officer, at=on(12))
    closing.reopen(Case.get_by_id(case.id), "Opened by mistake", actor=officer, at=on(13))
    closing.close(Case.get_by_id(case.id), "not_upheld", actor=officer, at=on(13, 12))
    assert len(closing_mail()) == 1
    note = timeline.latest(case, "note")
    assert note.summary == "Closing letter not sent again: it would say the same as the last one"


def test_closing_again_with_a_new_outcome_sends_the_new_letter(app, officer):
    case = responded(complaint_case(), officer, POINTS)
    closing.close(case, "not_upheld", actor=officer, at=on(12))
    closing.reopen(Case.get_by_id(case.id), "New evidence from the crew", actor=officer, at=on(13))
    closing.close(Case.get_by_id(case.id), "upheld", root_cause="process", remedy_apology=True,
                  actor=officer, at=on(16))
    first, second = closing_mail()
    assert "not upheld" in first.text_body and "was upheld at stage 1" in second.text_body
    assert "We apologised" in second.text_body
    closing.reopen(Case.get_by_id(case.id), "Checking again", actor=officer, at=on(17))
    closing.close(Case.get_by_id(case.id), "not_upheld", remedy_apology=False, actor=officer, at=on(18))
    assert len(closing_mail()) == 3  # back to the first outcome: the resident hears that too


def test_a_resident_who_asked_not_to_be_contacted_gets_no_letter_and_no_survey(app, officer):
    from tests.surveys.helpers import create_survey

    survey = create_survey()
    app.config["HEARD"] = app.config["HEARD"].with_overrides(complaint_survey_id=survey.id)
    person = create_person(email="quiet@example.com", preferred_contact="none")
    case = responded(complaint_case(person), officer, POINTS)
    closing.close(case, "not_upheld", actor=officer, at=on(12))
    assert OutboxMessage.select().count() == 0 and PostalLetter.select().count() == 0
    assert timeline.latest(case, "note").summary == \
        "Closing letter not sent: the resident asked us not to contact them"


def test_a_service_request_gets_no_closing_letter(app, officer):
    case = services.make_service_request(complaint_case(), "It is a request for a new bin", actor=officer)
    closing.close(Case.get_by_id(case.id), "", actor=officer, at=on(4))
    assert closing_mail() == []
