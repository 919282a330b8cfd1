"""The single view while typing (/staff/contacts/lookup): residents found by name, email, phone
or reference, and the chosen one's earlier contacts and open cases, narrowed to what each role
may see (never a special-category case's words outside casework; no case links for advisers)."""
import pytest

from app.audit.models import AuditEvent
from app.cases.models import Case
from app.cases.services import case_of
from app.db import utcnow
from tests.contacts.helpers import FETCH, signed_in
from tests.factories import create_feedback, create_person
from tests.html import parse

LOOKUP = "/staff/contacts/lookup"
SPECIAL_WORDS = "Wheelchairmarmalade"
CASE_WORDS = "Potholeplatypus"
LOOSE_WORDS = "Parkbenchpelican"


@pytest.fixture
def resident(app):
    person = create_person(name="Gwen Single", email="gwen@example.com", phone="07700 900456")
    ordinary = create_feedback(person=person, text=f"The pothole again. {CASE_WORDS}")
    special = create_feedback(person=person, text=f"My care needs. {SPECIAL_WORDS}", service_slug="adult-social-care")
    Case.update(special_category=True).where(Case.id == case_of(special).id).execute()
    loose = create_feedback(person=person, kind="comment", text=f"A bench is broken. {LOOSE_WORDS}")
    return person, case_of(ordinary), case_of(special), loose


def view(client, person, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    response = client.get(f"{LOOKUP}?person={person.id}&{query}", headers=FETCH)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["gwen", "SINGLE", "gwen@example.com", "GWEN@EXAMPLE", "07700 900456",
                                   "+44 7700 900456", "7700900456"])
def test_residents_are_found_by_name_email_or_phone(app, resident, query):
    person = resident[0]
    create_person(name="Someone Else", email="else@example.com", phone="01632 960001")
    html = signed_in(app).get(f"{LOOKUP}?query={query.replace('+', '%2B')}", headers=FETCH).get_data(as_text=True)
    page = parse(html)
    found = [e.attrs["value"] for e in page.find_all("input", where=lambda e: e.attrs.get("name") == "person")]
    assert found == [str(person.id), "new"], query


def test_residents_are_found_by_a_feedback_or_case_reference(app, resident):
    person, ordinary, _, loose = resident
    client = signed_in(app)
    for reference in (loose.reference, ordinary.reference.lower()):
        page = parse(client.get(f"{LOOKUP}?query={reference}", headers=FETCH).get_data(as_text=True))
        assert page.by_id(f"person-{person.id}") is not None, reference


def test_too_short_unknown_or_removed_residents_find_nobody(app, resident):
    from app.people.models import Person

    person = resident[0]
    client = signed_in(app)
    assert "Residents found" not in client.get(f"{LOOKUP}?query=g", headers=FETCH).get_data(as_text=True)
    assert "No residents match" in client.get(f"{LOOKUP}?query=zzzz", headers=FETCH).get_data(as_text=True)
    Person.update(anonymised_at=utcnow()).where(Person.id == person.id).execute()
    assert "No residents match" in client.get(f"{LOOKUP}?query=gwen", headers=FETCH).get_data(as_text=True)
    assert "earlier contacts" not in view(client, person)
    for junk in ("abc", "-1", "99999999999999999999", "1e3"):
        assert client.get(f"{LOOKUP}?person={junk}&service={junk}&query=%00", headers=FETCH).status_code == 200


def test_an_adviser_sees_contacts_and_open_cases_but_no_case_pages_or_special_words(app, resident):
    person, ordinary, special, loose = resident
    html = view(signed_in(app), person)
    assert ordinary.reference in html and special.reference in html and loose.reference in html
    assert CASE_WORDS in html and LOOSE_WORDS in html and SPECIAL_WORDS not in html
    assert "/staff/cases/" not in html and "/staff/people/" not in html and "/staff/feedback/" not in html
    assert "Open cases (2)" in html and "Earlier contacts (3)" in html


def test_an_officer_sees_everything_with_links(app, resident):
    person, ordinary, special, loose = resident
    html = view(signed_in(app, role="complaints_officer"), person)
    assert CASE_WORDS in html and SPECIAL_WORDS in html and LOOSE_WORDS in html
    assert f"/staff/cases/{special.id}" in html and f"/staff/people/{person.id}" in html


def test_a_service_lead_sees_only_their_services_and_never_special_category(app, resident):
    person, ordinary, special, loose = resident
    html = view(signed_in(app, role="service_lead", services=("highways",)), person)
    assert ordinary.reference in html and CASE_WORDS in html and LOOSE_WORDS in html
    assert special.reference not in html and SPECIAL_WORDS not in html
    other = view(signed_in(app, role="service_lead", services=("parking",)), person)
    assert ordinary.reference not in other and CASE_WORDS not in other and LOOSE_WORDS not in other


def test_analysts_read_only_words_in_no_case_and_facilitators_none(app, resident):
    person, ordinary, special, loose = resident
    analyst = view(signed_in(app, role="analyst"), person)
    assert LOOSE_WORDS in analyst and CASE_WORDS not in analyst and SPECIAL_WORDS not in analyst
    facilitator = view(signed_in(app, role="panel_facilitator"), person)
    assert loose.reference in facilitator and not any(w in facilitator for w in (LOOSE_WORDS, CASE_WORDS, SPECIAL_WORDS))
    assert "Their words are not shown to your role." in facilitator
    assert "/staff/cases/" not in analyst + facilitator


def test_each_look_at_a_history_is_audited_without_what_was_typed(app, resident):
    person = resident[0]
    client = signed_in(app)
    client.get(f"{LOOKUP}?query=gwen@example.com", headers=FETCH)
    assert not AuditEvent.select().where(AuditEvent.action == "person.viewed").exists()
    view(client, person, query="gwen@example.com")
    event = AuditEvent.get(AuditEvent.action == "person.viewed")
    assert event.actor_id == client.user.id and event.object_id == str(person.id)
    assert "gwen" not in (event.summary + str(event.details)).lower()
