"""Seeding the demo: a believable year in the database, never mixed with real data
unless forced, and never deleting real data."""
import datetime

import pytest
from argon2 import PasswordHasher

from app.audit.models import AuditEvent
from app.auth.models import User
from app.auth.passwords import verify_password
from app.demo.seed import DEMO_PASSWORD_HINT, DemoRefused, seed_demo
from app.feedback.models import CHANNELS, KINDS, FeedbackItem
from app.org.models import ServiceArea
from app.people.models import Person
from tests.factories import create_feedback, create_person, create_user

TODAY = datetime.date(2026, 3, 16)
REAL_COST = "test_seeding_fills_every_service_kind_and_channel"  # times the real thing


@pytest.fixture(autouse=True)
def cheap_password_hashing(request, monkeypatch):
    """Argon2 at its lowest cost (still verifiable), except where seeding is timed."""
    if request.node.name != REAL_COST:
        cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
        monkeypatch.setattr("app.auth.services.hash_password", cheap.hash)


def snapshot():
    """Everything that identifies the demo's feedback, in a stable order."""
    query = FeedbackItem.select().order_by(FeedbackItem.received_at, FeedbackItem.text)
    return [(i.kind, i.channel, i.text, i.service.slug, i.received_at, i.status,
             i.person.email if i.person else None) for i in query]


@pytest.mark.seeded
def test_seeding_fills_every_service_kind_and_channel(app, seeded):
    result = seeded
    items = list(FeedbackItem.select())
    assert 300 <= result.feedback_count == len(items) <= 400
    assert all(item.is_demo for item in items)
    assert {item.service.slug for item in items} == {area.slug for area in ServiceArea.select()}
    assert {item.kind for item in items} == set(KINDS)
    assert {item.channel for item in items} == set(CHANNELS)
    assert len({item.reference for item in items}) == len(items)
    assert result.people_count == Person.select().count()
    # Seeding includes a year of casework (~120 cases worked through the real services) and,
    # with the tests' immediate queue, sending each of its letters to the outbox folder. How
    # long it takes is printed, not asserted (a shared machine's load decides it).
    print(f"demo seed took {result.seconds}s")


@pytest.mark.seeded
def test_only_the_last_days_letters_wait_to_be_printed(app, seeded):
    from app.cases.post.models import PostalLetter

    letters = list(PostalLetter.select())
    waiting = [letter for letter in letters if letter.posted_at is None]
    posted = [letter for letter in letters if letter.posted_at is not None]
    assert posted and all(letter.posted_by_id and letter.posted_at >= letter.created_at for letter in posted)
    # What still waits is what the council would not yet have posted: letters whose next
    # working morning falls in the last two days.
    from app.demo.post import posting_time
    assert all(posting_time(letter.created_at).date() >= TODAY - datetime.timedelta(days=2) for letter in waiting)
    assert all(posted_at.weekday() < 5 for posted_at in (letter.posted_at for letter in posted))


@pytest.mark.seeded
def test_complaints_have_a_person_and_contacts_are_fictional(app, seeded):
    complaints = FeedbackItem.select().where(FeedbackItem.kind == "complaint")
    assert complaints.count() > 0
    assert not [c for c in complaints if c.person is None or c.anonymous]
    domains = {p.email.rsplit("@", 1)[1] for p in Person.select() if p.email}
    assert domains == {"example.com", "example.org", "example.net"}
    phones = [p.phone for p in Person.select() if p.phone]
    assert phones and all(p.startswith(("+447700900", "+441632960")) for p in phones)


@pytest.mark.seeded
def test_texts_vary(app, seeded):
    texts = {item.text for item in FeedbackItem.select(FeedbackItem.text)}
    assert len(texts) >= 250


@pytest.mark.seeded
def test_staff_for_every_role_can_sign_in(app, seeded):
    result = seeded
    users = {user.email: user for user in User.select()}
    assert len(users) == len(result.staff) == 9
    for email, role_label, password in result.staff:
        user = users[email]
        assert user.is_demo and user.role_label == role_label and email.endswith(".invalid")
        assert verify_password(user.password_hash, password)
    leads = [u for u in users.values() if u.role == "service_lead"]
    assert all(1 <= len(u.service_ids()) <= 2 for u in leads)
    assert "heard-demo-" in DEMO_PASSWORD_HINT


@pytest.mark.seeded
def test_same_date_seeds_identical_data(app, seeded):
    first = snapshot()
    seed_demo(force=True, today=TODAY)
    assert snapshot() == first


def test_refuses_when_the_database_holds_real_feedback(app):
    create_feedback(text="A real resident's real complaint.")
    with pytest.raises(DemoRefused, match="real data"):
        seed_demo(today=TODAY)
    assert FeedbackItem.select().count() == 1
    assert not User.select().exists()


def test_refuses_when_the_database_holds_real_staff(app):
    create_user(role="administrator")
    with pytest.raises(DemoRefused, match="real data"):
        seed_demo(today=TODAY)
    assert not FeedbackItem.select().exists()


@pytest.mark.seeded
def test_refuses_to_seed_twice(app, seeded):
    count = FeedbackItem.select().count()
    with pytest.raises(DemoRefused, match="already seeded"):
        seed_demo(today=TODAY)
    assert FeedbackItem.select().count() == count


def test_force_reseeds_without_touching_real_data(app):
    real_person = create_person(name="Real Resident", email="real.resident@example.com")
    real_item = create_feedback(text="Real feedback.", person=real_person)
    real_user = create_user(role="complaints_officer")
    seed_demo(force=True, today=TODAY)
    # A demo resident who later writes in for real is a real resident now.
    demo_item = FeedbackItem.get(FeedbackItem.is_demo == True)  # noqa: E712
    returning = create_feedback(text="Writing in for real this time.", person=demo_item.person)
    audit_before = AuditEvent.select().count()

    result = seed_demo(force=True, today=TODAY)

    assert result.replaced
    demo_items = FeedbackItem.select().where(FeedbackItem.is_demo == True)  # noqa: E712
    assert demo_items.count() == result.feedback_count
    for row in (real_item, returning):
        kept = FeedbackItem.get_by_id(row.id)
        assert not kept.is_demo and kept.person_id == row.person_id
    assert Person.get_by_id(real_person.id).email == "real.resident@example.com"
    assert User.get_by_id(real_user.id).is_demo is False
    assert AuditEvent.select().count() > audit_before  # nothing deleted from the log
    linked = FeedbackItem.select(FeedbackItem.person).where(FeedbackItem.person.is_null(False))
    assert not Person.select().where(Person.id.not_in(linked)).exists()  # no orphans left
