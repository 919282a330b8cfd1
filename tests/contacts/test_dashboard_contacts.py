"""The dashboard's first contact resolution (as recorded when a contact was taken, and undone by
a repeat) and repeat contacts, with the same filters as every other figure."""
import datetime

from reports.queries import contacts
from reports.queries.filters import month
from tests.contacts.helpers import signed_in
from tests.factories import create_feedback, create_person, service
from tests.html import parse

MARCH = "period=month&month=2026-03"


def on(month_, day):
    return datetime.datetime(2026, month_, day, 12, 0)


def data():
    first, second, third, fourth = (create_person() for _ in range(4))
    repeated = create_feedback(person=first, channel="phone", kind="complaint", received_at=on(3, 2),
                               first_contact_resolved=True)
    again = create_feedback(person=first, channel="web", kind="comment", received_at=on(3, 5))
    create_feedback(person=second, channel="in_person", kind="comment", received_at=on(3, 10),
                    first_contact_resolved=True)
    create_feedback(person=third, channel="letter", kind="service_request", received_at=on(3, 12),
                    first_contact_resolved=False)
    create_feedback(person=fourth, kind="comment", received_at=on(2, 10))
    create_feedback(person=fourth, kind="comment", received_at=on(2, 12))
    return repeated, again


def row_of(soup, label):
    for row in soup.by_id("key-figures-table").find_all("tr"):
        cells = [c.text for c in row.find_all(where=lambda e: e.tag in ("th", "td"))]
        if cells and cells[0] == label:
            return cells
    raise AssertionError(f"no row {label!r}")


def test_figures_count_recorded_resolution_and_repeats(app):
    repeated, again = data()
    assert again.repeat_of_id == repeated.id
    fcr = contacts.fcr_recorded(month(2026, 3))
    assert (round(fcr.value, 1), fcr.base, fcr.previous, fcr.previous_base) == (33.3, 3, None, 0)
    repeats = contacts.repeat_contacts(month(2026, 3))
    assert (repeats.value, repeats.previous) == (1, 1)


def test_the_filters_apply(app):
    data()
    by_phone = month(2026, 3, channel="phone")
    assert (contacts.fcr_recorded(by_phone).value, contacts.repeat_contacts(by_phone).value) == (0.0, 0)
    parking = month(2026, 3, services=(service("parking").id,))
    assert (contacts.fcr_recorded(parking).value, contacts.repeat_contacts(parking).value) == (None, 0)
    highways = month(2026, 3, services=(service("highways").id,))
    assert contacts.repeat_contacts(highways).value == 1
    assert contacts.repeat_contacts(month(2026, 3, touchpoint=1)).value == 0


def test_the_dashboard_shows_them_with_their_definitions(app):
    data()
    client = signed_in(app, role="analyst")
    soup = parse(client.get(f"/staff/dashboard?{MARCH}").get_data(as_text=True))
    assert row_of(soup, "First contact resolution (recorded)")[1:3] == ["33.3%", "No data"]
    assert row_of(soup, "Repeat contacts")[1:4] == ["1", "1", "+0"]
    text = soup.find("main").text
    assert "recorded as resolved and not followed by a repeat contact" in text
    soup = parse(client.get(f"/staff/dashboard?{MARCH}&channel=web").get_data(as_text=True))
    assert row_of(soup, "Repeat contacts")[1] == "1"
    volumes = parse(client.get(f"/staff/dashboard/volumes?{MARCH}").get_data(as_text=True))
    assert "Repeat contacts" in volumes.by_id("totals-table").text


def test_a_service_lead_sees_only_their_services(app):
    data()
    client = signed_in(app, role="service_lead", services=("parking",))
    soup = parse(client.get(f"/staff/dashboard?{MARCH}").get_data(as_text=True))
    assert row_of(soup, "Repeat contacts")[1] == "0"
