"""The Outbox in words, not codes: each email's kind ("Stage 1 acknowledgement") from one mapping
of template names that covers every template, and what it is about ("About complaint
HRD-2026-000124", linking to the case; the feedback, or the survey). The template name and
idempotency key are only in the technical details of a message."""
import datetime

import pytest

from app.cases import digest, services, stages
from app.learning import signals
from app.mail.kinds import KINDS
from app.mail.models import OutboxMessage
from app.mail.rendering import TEMPLATE_DIR
from surveys import invitations
from tests.factories import create_feedback, create_person, create_user
from tests.html import parse
from tests.mail.conftest import ACK
from tests.web import sign_in

PASSWORD = "correct horse battery staple"


def test_every_email_template_has_words_for_officers():
    templates = {path.stem for path in (TEMPLATE_DIR / "mail").glob("*.txt") if not path.stem.startswith("_")}
    assert templates, "no templates found"
    assert sorted(templates - set(KINDS)) == [], "templates the Outbox would show as codes"
    assert sorted(set(KINDS) - templates) == [], "words for templates that no longer exist"
    assert all(words and words[0].isupper() and "_" not in words for words in KINDS.values())


@pytest.fixture
def officer(app):
    user = create_user("complaints_officer", name="Olu Officer", password=PASSWORD, services=["highways"])
    client = app.test_client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    client.user = user
    return client


@pytest.fixture
def mail(app, officer, queue):
    """One email of each sort the Outbox must describe."""
    from tests.surveys.helpers import create_survey

    person = create_person(name="Sam Resident", email="sam@example.com")
    complaint = create_feedback(person=person, received_at=datetime.datetime(2026, 3, 2, 10))
    case = services.open_case(complaint)
    stages.acknowledge(case, actor=officer.user, at=datetime.datetime(2026, 3, 3, 10))
    comment = create_feedback(kind="comment", person=person, text="The library is lovely.")
    flagged = create_feedback(person=person, text="My child was left alone at the bus stop and nobody came.")
    assert signals.assess_safeguarding(flagged) is not None  # its alert emails the highways officer
    survey = create_survey(title="How did we handle your complaint?")
    with app.app_context():
        invitations.invite(survey, "sam@example.com", related=case)
        digest.send_digest(officer.user.id, datetime.date(2026, 3, 20))
    rows = {
        "letter": OutboxMessage.get(OutboxMessage.template == "case_acknowledgement"),
        "complaint_ack": queue(key="ack:complaint", related=complaint),
        "comment_ack": queue(key="ack:comment", context=dict(ACK, reference=comment.reference), related=comment),
        "invitation": OutboxMessage.get(OutboxMessage.template == "survey_invitation"),
        "digest": OutboxMessage.get(OutboxMessage.template == "case_digest"),
        "loose": queue(key="test:nothing"),
        "alert": OutboxMessage.get(OutboxMessage.template == "safeguarding_alert",
                                   OutboxMessage.to_address == officer.user.email),
    }
    rows["alert"].flagged = flagged
    return rows, case, comment


def cells(shown, row):
    found = shown.by_id(f"message-{row.id}").find_all("td")
    return {"kind": found[1], "about": found[2]}


def test_the_list_says_what_each_email_is_and_what_it_is_about(officer, mail):
    rows, case, comment = mail
    html = officer.get("/staff/outbox").get_data(as_text=True)
    shown = parse(html)
    expected = {
        "letter": ("Stage 1 acknowledgement", f"About complaint {case.reference}", f"/staff/cases/{case.id}"),
        "complaint_ack": ("Feedback acknowledgement", f"About complaint {case.reference}", f"/staff/cases/{case.id}"),
        "comment_ack": ("Feedback acknowledgement", f"About comment {comment.reference}",
                        f"/staff/feedback/{comment.id}"),
        "invitation": ("Survey invitation", f"About complaint {case.reference}", f"/staff/cases/{case.id}"),
        "digest": ("Daily digest", "For Olu Officer", None),
        "loose": ("Feedback acknowledgement", "Not about a particular record", None),
        "alert": ("Safeguarding alert", f"About complaint {rows['alert'].flagged.reference}",
                  f"/staff/feedback/{rows['alert'].flagged.id}"),
    }
    for name, (kind, about, href) in expected.items():
        row = cells(shown, rows[name])
        assert row["kind"].links()[0].text == kind, name
        assert row["kind"].links()[0].href == f"/staff/outbox/{rows[name].id}", name
        assert row["about"].text.startswith(about), name
        assert [a.href for a in row["about"].links()] == ([href] if href else []), name
    assert "Survey ‘How did we handle your complaint?’" in cells(shown, rows["invitation"])["about"].text
    text = shown.text
    for code in ("case_acknowledgement", "survey_invitation", "case_digest", "ack:comment", f"case:{case.id}:"):
        assert code not in text, code


def test_the_message_page_leads_with_words_and_keeps_codes_in_the_details(officer, mail):
    rows, case, _ = mail
    row = rows["letter"]
    shown = parse(officer.get(f"/staff/outbox/{row.id}").get_data(as_text=True))
    assert shown.find_all("h1")[0].text == "Stage 1 acknowledgement"
    assert shown.by_id("message-about").link(f"About complaint {case.reference}").href == f"/staff/cases/{case.id}"
    details = shown.by_id("technical-details")
    assert row.idempotency_key in details.text and "case_acknowledgement" in details.text
    outside = shown.text.replace(details.text, "")
    assert row.idempotency_key not in outside and "case_acknowledgement" not in outside


def test_the_list_filters_by_kind_in_words(officer, mail):
    rows, _, _ = mail
    shown = parse(officer.get("/staff/outbox?kind=survey_invitation").get_data(as_text=True))
    assert "1 message" in shown.find_all("caption")[0].text
    assert shown.by_id(f"message-{rows['invitation'].id}")
    options = {o.attrs.get("value"): o.text for o in shown.by_id("kind").find_all("option")}
    assert options["survey_invitation"] == "Survey invitation"
    assert options["case_acknowledgement"] == "Stage 1 acknowledgement"
    assert "selected" in shown.by_id("kind").find_all("option", value="survey_invitation")[0].attrs
    assert officer.get("/staff/outbox?kind=<script>").status_code == 200
