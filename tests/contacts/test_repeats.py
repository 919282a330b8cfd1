"""Repeat contact: the same resident about the same service again within REPEAT_CONTACT_DAYS is
linked to their last contact (`repeat_of`) at intake, whatever the channel; advisers see which
contact about it this is as they type."""
import datetime

import pytest

from app.config import Settings
from app.db import utcnow
from app.feedback.models import FeedbackItem
from tests.contacts.helpers import FETCH, record, signed_in
from tests.factories import create_feedback, create_person, service

DAY = datetime.timedelta(days=1)


NOW = utcnow()


def at(days_ago):
    return NOW - days_ago * DAY


def test_a_contact_within_14_days_about_the_same_service_repeats_the_last_one(app):
    person = create_person()
    first = create_feedback(kind="complaint", person=person, received_at=at(30))
    second = create_feedback(kind="comment", channel="email", person=person, received_at=at(10))
    third = create_feedback(kind="service_request", channel="phone", person=person, received_at=at(1))
    assert first.repeat_of is None  # 20 days before the second: outside the window
    assert FeedbackItem.get_by_id(second.id).repeat_of_id is None
    assert FeedbackItem.get_by_id(third.id).repeat_of_id == second.id
    assert [r.id for r in FeedbackItem.get_by_id(second.id).repeats] == [third.id]


def test_exactly_14_days_is_inside_and_15_outside(app):
    person = create_person()
    earlier = create_feedback(person=person, kind="comment", received_at=at(30))
    inside = create_feedback(person=person, kind="comment", received_at=at(16))
    assert inside.repeat_of_id == earlier.id and (inside.received_at - earlier.received_at).days == 14
    outside = create_feedback(person=person, kind="comment", received_at=at(1) + datetime.timedelta(seconds=1))
    assert outside.repeat_of is None  # 15 days (and a second) after the last


def test_only_the_same_resident_and_service_and_only_contacts(app):
    person, other = create_person(), create_person()
    create_feedback(person=person, kind="comment", received_at=at(5))
    assert create_feedback(person=other, kind="comment", received_at=at(4)).repeat_of is None
    assert create_feedback(person=person, kind="comment", service_slug="parking",
                           received_at=at(3)).repeat_of is None
    assert create_feedback(person=person, kind="compliment", received_at=at(2)).repeat_of is None
    assert create_feedback(person=None, anonymous=True, kind="comment", received_at=at(1)).repeat_of is None
    assert create_feedback(person=person, kind="comment", service_slug=None).repeat_of is None


def test_web_and_assisted_contacts_link_to_each_other(app):
    person = create_person(name="Eve Web", email="eve@example.com")
    web = create_feedback(person=person, kind="complaint", received_at=at(3))
    client = signed_in(app)
    assert record(client, person=str(person.id), name="", email="", kind="comment").status_code == 302
    assisted = FeedbackItem.select().where(FeedbackItem.channel == "phone").get()
    assert assisted.repeat_of_id == web.id and assisted.captured_by_id == client.user.id


def test_the_adviser_sees_which_contact_this_is_once_resident_and_service_are_chosen(app):
    person = create_person(name="Fay Again", email="fay@example.com")
    create_feedback(person=person, kind="complaint", received_at=at(9))
    create_feedback(person=person, kind="comment", received_at=at(2))
    client = signed_in(app)
    base = f"/staff/contacts/lookup?query=fay&person={person.id}"
    assert "contact about this in" not in client.get(base, headers=FETCH).get_data(as_text=True)
    html = client.get(base + f"&service={service('highways').id}", headers=FETCH).get_data(as_text=True)
    assert "3rd contact about this in 14 days" in " ".join(html.split())
    html = client.get(base + f"&service={service('parking').id}", headers=FETCH).get_data(as_text=True)
    assert "contact about this in" not in html


class TestAnotherWindow:
    @pytest.fixture
    def settings_overrides(self, settings_overrides):
        return dict(settings_overrides, repeat_contact_days=3)

    def test_the_window_is_a_setting(self, app):
        person = create_person()
        create_feedback(person=person, kind="comment", received_at=at(10))
        assert create_feedback(person=person, kind="comment", received_at=at(6)).repeat_of is None
        later = create_feedback(person=person, kind="comment", received_at=at(4))
        assert later.repeat_of is not None
        client = signed_in(app)
        url = f"/staff/contacts/lookup?person={person.id}&service={service('highways').id}"
        html = client.get(url, headers=FETCH).get_data(as_text=True)
        assert "Earlier contacts (3)" in html and "contact about this in" not in html  # 4 days ago: outside
        assert create_feedback(person=person, kind="comment", received_at=at(1)).repeat_of_id == later.id
        html = " ".join(client.get(url, headers=FETCH).get_data(as_text=True).split())
        assert "2nd contact about this in 3 days" in html


def test_the_setting_is_read_from_the_environment_and_checked():
    assert Settings.from_env({}).repeat_contact_days == 14
    assert Settings.from_env({"REPEAT_CONTACT_DAYS": "30"}).repeat_contact_days == 30
    with pytest.raises(ValueError, match="REPEAT_CONTACT_DAYS"):
        Settings.from_env({"REPEAT_CONTACT_DAYS": "0"})
