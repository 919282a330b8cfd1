"""Subject access search: a canary resident reaches Heard through the web form, email, a
survey and a panel; `privacy find` by email, phone, name or reference finds their records,
and nothing of a second person's."""
import json
from email.message import EmailMessage

import pytest

from app.privacy.find import QueryError, find, parse
from tests.factories import create_comment, create_feedback, create_member, create_person, create_proposal
from tests.feedback.journey import COMPLAINT, reference_in, send


def an_email(sender, name, text):
    message = EmailMessage()
    message["From"] = f"{name} <{sender}>"
    message["To"] = "feedback@council.example"
    message["Subject"] = "Missed bins"
    message["Message-ID"] = f"<{abs(hash(sender))}@example.org>"
    message.set_content(text)
    return message.as_bytes()


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, intake_listeners=("cases",))  # a complaint opens its case


@pytest.fixture
def canaries(app, client):
    from app.inbox.services import receive

    html = send(client, COMPLAINT, contact={"name": "Zephyrine Quillfeather", "email": "zq.canary@example.org",
                                            "phone": "07700 900461", "preferred_contact": "email"})
    reference = reference_in(html)
    receive(an_email("zq.canary@example.org", "Zephyrine Quillfeather",
                     "My bin was missed again on Larkspur Close, OX16 9ZQ. Call me on 07700 900461."),
            "test:canary.eml")
    other = create_person(name="Barnaby Otterwell", email="bo.second@example.org", phone="07700 900777")
    create_feedback(person=other, text="Barnaby here: the library was closed again.")
    member = create_member(email="zq.canary@example.org", name="Zephyrine Quillfeather")
    create_comment(create_proposal(), member, body="As someone on Larkspur Close I would use it.")
    create_comment(create_proposal(title="Longer opening"), create_member(email="bo.second@example.org",
                                                                       name="Barnaby Otterwell"))
    return reference


def test_an_email_address_finds_the_web_form_the_email_and_the_panel(canaries):
    search = find("ZQ.Canary@example.org")
    assert search.kind == "email"
    assert {"person", "feedback_item", "case_record", "case_event", "case_stage", "inbound_message",
            "panel_member", "panel_comment", "outbox_message"} <= set(search.records)
    assert len(search.ids("feedback_item")) == 2  # the web form's complaint and the email's
    assert any("holds it" in how for how in search.records["inbound_message"][search.ids("inbound_message")[0]])
    second = find("bo.second@example.org")
    for table, rows in second.records.items():
        assert not set(rows) & set(search.records.get(table, {})) or table in ("panel_proposal",), table


def test_a_phone_number_in_any_format_a_name_and_a_reference_find_the_same_person(canaries):
    by_email = find("zq.canary@example.org")
    for query in ("07700 900461", "+447700900461", "07700900461"):
        search = find(query)
        assert search.kind == "phone"
        assert search.ids("person") == by_email.ids("person")
        assert set(search.ids("inbound_message")) == set(by_email.ids("inbound_message"))  # "Call me on ..."
    by_name = find("zephyrine quillfeather")
    assert by_name.ids("person") == by_email.ids("person") and by_name.ids("panel_member")
    by_reference = find(canaries.lower().replace("-", " "))
    assert by_reference.kind == "reference" and len(by_reference.ids("feedback_item")) == 1
    assert set(by_reference.ids("feedback_item")) <= set(by_email.ids("feedback_item"))


def test_words_only_in_free_text_are_found_too(canaries):
    search = find("Larkspur Close")
    assert search.ids("inbound_message") and search.ids("panel_comment")
    assert not find("Nobody Atall").total


@pytest.mark.parametrize("query, message", [
    ("", "at least 3 characters"), ("ab", "at least 3 characters"), ("x" * 300, "254 characters or fewer"),
    ("bob\x00@example.org", "control characters")])
def test_queries_that_cannot_identify_anyone_are_refused(query, message):
    with pytest.raises(QueryError, match=message):
        parse(query)


def test_patterns_in_the_query_are_taken_literally(canaries):
    assert not find("%%%").total and not find("___").total
    assert parse("100% _sure_")[0] == "name"


def test_the_command_prints_counts_and_json_and_audits_without_the_query(app, canaries):
    from app.audit.models import AuditEvent

    runner = app.test_cli_runner()
    result = runner.invoke(args=["privacy", "find", "zq.canary@example.org", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output.strip().splitlines()[-1])
    assert found["query_kind"] == "email" and found["total"] >= 6 and "person" in found["records"]
    text = runner.invoke(args=["privacy", "find", "07700 900461"])
    assert text.exit_code == 0 and "Found" in text.output and "person: 1" in text.output
    audit = list(AuditEvent.select().where(AuditEvent.action == "privacy.find"))
    assert len(audit) == 2
    assert all("canary" not in (a.summary + a.details) and "900461" not in (a.summary + a.details) for a in audit)
    refused = runner.invoke(args=["privacy", "find", "ab"])
    assert refused.exit_code == 2 and refused.output.strip().count("\n") == 0 and "Error:" in refused.output


def test_no_audit_line_holds_the_residents_words_or_details(canaries):
    from app.audit.models import AuditEvent

    lines = [f"{e.action} {e.actor_label} {e.summary} {e.details}" for e in AuditEvent.select()]
    assert lines
    for needle in ("Zephyrine", "Quillfeather", "zq.canary", "900461", "Larkspur", "OX16 9ZQ", "pothole"):
        assert not [line for line in lines if needle.lower() in line.lower()], needle
