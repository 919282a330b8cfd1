"""Assisted capture at /staff/contacts/new: a contact recorded on a resident's behalf gets a
reference, the usual acknowledgement, a case when it is a complaint, who captured it and whether
it was resolved; bad answers get the GOV.UK error summary with everything typed kept."""
import pytest

from app.cases.models import Case, CaseItem
from app.feedback.models import FeedbackItem
from app.mail.models import OutboxMessage
from tests.contacts.helpers import FETCH, NEW, answers, record, signed_in
from tests.factories import create_person, service
from tests.html import main_text, parse
from tests.web import get_page, submit


def test_an_adviser_records_a_phone_complaint_for_a_new_resident(app):
    client = signed_in(app)
    response = record(client)
    assert response.status_code == 302 and response.headers["Location"].endswith(NEW)
    item = FeedbackItem.get()
    assert (item.kind, item.channel, item.service.slug) == ("complaint", "phone", "highways")
    assert item.person.name == "Ann Example" and item.person.email == "ann@example.com"
    assert item.captured_by_id == client.user.id and item.first_contact_resolved is False
    assert item.repeat_of is None
    # A complaint opens its case (the intake listener), and the acknowledgement is queued.
    assert CaseItem.get(CaseItem.item == item).case.reference == item.reference
    ack = OutboxMessage.get(OutboxMessage.idempotency_key == f"ack:feedback:{item.id}")
    assert ack.to_address == "ann@example.com"
    shown = main_text(client.get(NEW).get_data(as_text=True))
    assert f"{item.reference} recorded: complaint by phone." in shown
    assert "acknowledgement email is on its way" in shown


@pytest.mark.parametrize("channel, label", [("letter", "Letter"), ("social_media", "Social media"),
                                            ("councillor", "Councillor enquiry"), ("in_person", "In person")])
def test_every_assisted_channel_is_recorded(app, channel, label):
    client = signed_in(app, role="complaints_officer")
    assert record(client, channel=channel, kind="comment", resolved="yes").status_code == 302
    item = FeedbackItem.get()
    assert item.channel == channel and item.channel_label == label and item.first_contact_resolved is True
    assert not CaseItem.select().exists()  # a comment opens no case


def test_a_resident_found_is_used_and_no_acknowledgement_when_not_wanted(app):
    person = create_person(name="Bob Found", email="bob@example.com")
    client = signed_in(app, role="analyst")
    response = record(client, person=str(person.id), name="", email="", kind="service_request",
                      no_acknowledgement="y")
    assert response.status_code == 302
    item = FeedbackItem.get()
    assert item.person_id == person.id and item.kind == "service_request"
    assert not OutboxMessage.select().exists()


def test_no_acknowledgement_without_an_email(app):
    client = signed_in(app, role="panel_facilitator")
    assert record(client, email="", phone="07700 900123", name="Cat Phone").status_code == 302
    item = FeedbackItem.get()
    assert item.person.phone == "+447700900123" and not OutboxMessage.select().exists()


def test_the_page_for_each_role_has_one_h1_and_the_home_page_links_to_it(app):
    for role in ("contact_adviser", "administrator", "service_lead", "analyst", "panel_facilitator"):
        client = signed_in(app, role=role, services=("highways",) if role == "service_lead" else ())
        html = get_page(client, NEW)
        assert "data-contact-form" in html
        assert 'src="/static/contacts.js"' in html
        assert parse(get_page(client, "/staff/")).link(
            "Record a contact: a call, a visit, a letter, social media or a councillor's enquiry") is not None


def test_errors_are_summarised_linked_to_their_fields_and_nothing_typed_is_lost(app):
    client = signed_in(app)
    typed = answers(channel="", kind="", service="", text="", resolved="", person="new", name="",
                    email="not an email", phone="12", query="Smith")
    response = submit(client, NEW, typed)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = parse(html)
    assert page.find("title").text.startswith("Error: Record a contact")
    summary = page.find("div", cls="govuk-error-summary")
    links = {a.href: a.text for a in summary.find_all("a")}
    assert links == {
        "#channel": "Select how they contacted us",
        "#email": "Enter an email address in the correct format, like name@example.com",
        "#phone": "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192",
        "#kind": "Select what kind of contact it is",
        "#service": "Select the service it is about",
        "#text": "Enter what they said",
        "#resolved": "Select yes if it was resolved on this contact, or no",
    }
    assert page.by_id("email").attrs["value"] == "not an email"
    assert page.by_id("phone").attrs["value"] == "12"
    assert page.by_id("query").attrs["value"] == "Smith"
    assert not FeedbackItem.select().exists()


def test_a_resident_is_needed_and_what_was_typed_stays(app):
    client = signed_in(app)
    response = submit(client, NEW, answers(name="", email="", phone="", person="",
                                           text="Bins missed\nagain", kind="comment"))
    page = parse(response.get_data(as_text=True))
    summary = page.find("div", cls="govuk-error-summary")
    assert [a.href for a in summary.find_all("a")] == ["#name"]
    assert "Choose the resident from those found" in summary.text
    assert "Bins missed" in page.by_id("text").text
    assert page.find("input", where=lambda e: e.attrs.get("name") == "kind" and "checked" in e.attrs
                     ).attrs["value"] == "comment"
    assert not FeedbackItem.select().exists()


def test_hostile_answers_get_messages_never_a_500(app):
    client = signed_in(app)
    for changes in ({"person": "99999999999999999999"}, {"person": "abc"}, {"service": "99999"},
                    {"service": "1e9"}, {"channel": "web"}, {"kind": "survey_answer"},
                    {"text": "x\x00y"}, {"text": "x" * 10_001}, {"name": "n" * 300}):
        response = record(client, **changes)
        assert response.status_code == 200, changes
        assert "There is a problem" in response.get_data(as_text=True), changes
    assert not FeedbackItem.select().exists()


def test_find_without_javascript_shows_the_residents_and_keeps_the_answers(app):
    person = create_person(name="Dora Lookup", email="dora@example.com")
    client = signed_in(app)
    response = submit(client, NEW, answers(action="find", query="dora", text="Half typed", person=""))
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    assert page.find("div", cls="govuk-error-summary") is None
    assert page.by_id(f"person-{person.id}") is not None and "Half typed" in page.by_id("text").text
    assert not FeedbackItem.select().exists()
    # Choosing them and pressing Find shows their single view.
    response = submit(client, NEW, answers(action="find", query="dora", person=str(person.id)))
    page = parse(response.get_data(as_text=True))
    assert "checked" in page.by_id(f"person-{person.id}").attrs
    assert "Dora Lookup: earlier contacts" in page.by_id("contact-history").text


def test_signed_out_visitors_are_sent_to_sign_in(app):
    client = app.test_client()
    response = client.get(NEW)
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    assert client.get("/staff/contacts/lookup?query=ann").status_code == 302


def test_the_lookup_fragment_is_only_for_the_script(app):
    client = signed_in(app)
    response = client.get("/staff/contacts/lookup?query=ann")  # opened in a browser: the whole page
    assert response.status_code == 302 and response.headers["Location"].endswith(NEW)
    fragment = client.get("/staff/contacts/lookup?query=ann", headers=FETCH).get_data(as_text=True)
    assert "<h1" not in fragment and "<html" not in fragment and "No residents match" in fragment


def test_the_captured_by_and_case_are_the_same_transaction_as_the_item(app):
    client = signed_in(app, role="complaints_officer")
    record(client)
    item = FeedbackItem.get()
    case = Case.get(Case.reference == item.reference)
    assert case.person_id == item.person_id
