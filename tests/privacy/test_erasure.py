"""Erasure on request: what may go goes, what is kept is listed with its exception, and a
second person is untouched."""
import json

import pytest

from app.privacy.erasure import erase
from app.privacy.find import QueryError, find
from tests.privacy.test_find import canaries, settings_overrides  # noqa: F401 (fixtures)

EMAIL = "zq.canary@example.org"
NAME = "Zephyrine Quillfeather"


def close_cases():
    from app.cases.models import Case
    from app.db import utcnow

    Case.update(closed_at=utcnow(), status="closed").execute()


def test_an_open_complaint_keeps_the_case_and_the_contact_details(canaries):  # noqa: F811
    from app.cases.models import Case
    from app.people.models import Person

    result = erase(EMAIL, "Request by email on 1 December")
    kept = {(k["table"], k["exception"].split(":")[0]) for k in result.kept}
    assert ("case_record", "open complaint") in kept and ("person", "open complaint") in kept
    assert Person.get(Person.email == EMAIL).name == NAME
    assert Case.select().where(Case.person.is_null(False)).exists()
    assert result.anonymised.get("panel_member") == 1


def test_after_closing_the_case_is_anonymised_and_the_rest_erased(canaries):  # noqa: F811
    from app.cases.models import Case, CaseEvent
    from app.feedback.models import FeedbackItem
    from app.inbox.models import InboundMessage
    from app.people.models import Person

    close_cases()
    result = erase("07700 900461", "Request by phone on 2 December")
    assert not result.kept, result.kept
    assert result.anonymised["case_record"] == 1 and result.anonymised["person"] == 1
    case = Case.get(Case.reference == canaries)
    assert case.person_id is None
    for event in CaseEvent.select().where(CaseEvent.case == case):
        assert NAME not in (event.body or "") and EMAIL not in (event.body or "")
    assert all(NAME not in (i.text or "") and i.person_id is None for i in FeedbackItem.select().where(
        FeedbackItem.id.in_([ci.item_id for ci in case.items])))
    assert all(bytes(m.raw) == b"" for m in InboundMessage.select().where(InboundMessage.from_address == ""))
    assert not Person.select().where(Person.email == EMAIL).exists()
    second = Person.get(Person.email == "bo.second@example.org")
    assert second.name == "Barnaby Otterwell"
    assert find("bo.second@example.org").ids("person") == [second.id]
    assert not find(EMAIL).ids("person")


def test_a_legal_hold_keeps_everything_and_says_so(canaries):  # noqa: F811
    from app.db import utcnow
    from app.people.models import Person
    from app.privacy.models import LegalHold

    close_cases()
    LegalHold.create(person=Person.get(Person.email == EMAIL), reason="County court claim", created_at=utcnow())
    result = erase(EMAIL, "Request")
    assert {k["table"] for k in result.kept} >= {"case_record", "person"}
    assert all("legal hold: County court claim" in k["exception"] or "kept above" in k["exception"]
               for k in result.kept if k["table"] in ("case_record", "person", "feedback_item"))
    assert Person.get(Person.email == EMAIL).name == NAME


def test_names_and_missing_reasons_are_refused(canaries):  # noqa: F811
    with pytest.raises(QueryError, match="a name can match other people"):
        erase(NAME, "Request")
    with pytest.raises(QueryError, match="Give the reason"):
        erase(EMAIL, "  ")


def test_the_command_lists_erased_anonymised_and_kept_with_exceptions(app, canaries):  # noqa: F811
    from app.audit.models import AuditEvent

    runner = app.test_cli_runner()
    result = runner.invoke(args=["privacy", "erase", EMAIL, "--reason", "Letter of 3 December", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output.strip().splitlines()[-1])
    assert set(found) == {"erased", "anonymised", "kept"}
    assert any(k["table"] == "case_record" and k["exception"].startswith("open complaint") for k in found["kept"])
    event = AuditEvent.get(AuditEvent.action == "privacy.erase")
    assert "Letter of 3 December" in event.details and EMAIL not in event.summary + event.details
    refused = runner.invoke(args=["privacy", "erase", EMAIL])
    assert refused.exit_code == 2 and "Give the reason" in refused.output


def test_administrators_check_then_erase_on_its_page(app, canaries):  # noqa: F811
    from app.audit.models import AuditEvent
    from app.people.models import Person
    from tests.factories import create_user
    from tests.web import get_page, sign_in, submit

    admin = create_user(role="administrator", password="correct horse battery staple")
    client = app.test_client()
    sign_in(client, admin.email, "correct horse battery staple")
    assert "Erasure on request" in get_page(client, "/staff/admin/privacy/erasure")
    refused = submit(client, "/staff/admin/privacy/erasure", {"identifier": NAME, "reason": "Letter"})
    html = refused.get_data(as_text=True)
    assert "a name can match other people" in html and "govuk-error-summary" in html and NAME in html
    no_reason = submit(client, "/staff/admin/privacy/erasure", {"identifier": EMAIL, "reason": " "})
    assert "Give the reason" in no_reason.get_data(as_text=True) and EMAIL in no_reason.get_data(as_text=True)

    preview = submit(client, "/staff/admin/privacy/erasure", {"identifier": EMAIL, "reason": "Email of 3 December"})
    html = preview.get_data(as_text=True)
    assert "Check what would be erased" in html and "Nothing has been erased yet" in html
    assert "open complaint" in html and 'name="confirmed" value="yes"' in html
    assert Person.get(Person.email == EMAIL).name == NAME  # nothing changed
    assert not AuditEvent.select().where(AuditEvent.action.in_(["privacy.erase", "privacy.privileged_change"])).exists()

    done = submit(client, "/staff/admin/privacy/erasure", {"identifier": EMAIL, "reason": "Email of 3 December",
                                                           "confirmed": "yes"})
    html = done.get_data(as_text=True)
    assert "Erasure done" in html and "open complaint" in html
    event = AuditEvent.get(AuditEvent.action == "privacy.erase")
    assert event.actor_id == admin.id and "Email of 3 December" in event.details
    officer = create_user(role="complaints_officer", password="correct horse battery staple")
    other = app.test_client()
    sign_in(other, officer.email, "correct horse battery staple")
    assert other.get("/staff/admin/privacy/erasure").status_code == 403
