"""The demo generator: pure, repeatable, and believable. No database needed."""
import datetime
import re
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from app.auth.passwords import password_problem
from app.auth.roles import ALL_ROLES
from app.demo.generate import generate
from app.feedback.models import CHANNELS, KINDS, STATUSES
from app.org.models import DEFAULT_SERVICE_AREAS

TODAY = datetime.date(2026, 3, 16)
LONDON = ZoneInfo("Europe/London")
OPEN = {"received", "acknowledged", "in_progress"}


@pytest.fixture(scope="module")
def data():
    return generate(TODAY)


def local(item):
    return item["received_at"].replace(tzinfo=datetime.timezone.utc).astimezone(LONDON)


def test_same_date_gives_identical_data(data):
    assert generate(TODAY) == data
    assert generate(datetime.date(2026, 3, 16)) == data


def test_another_date_moves_the_year(data):
    later = generate(TODAY + datetime.timedelta(days=30))
    assert later != data
    assert max(item["received_at"] for item in later["items"]).date() > TODAY


def test_a_few_hundred_items_across_every_service_kind_and_channel(data):
    items = data["items"]
    assert 300 <= len(items) <= 400
    assert {item["service"] for item in items} == {slug for slug, _, _ in DEFAULT_SERVICE_AREAS}
    assert {item["kind"] for item in items} == set(KINDS)
    assert {item["channel"] for item in items} == set(CHANNELS)
    assert {item["status"] for item in items} <= set(STATUSES)


def test_kinds_and_channels_are_weighted_realistically(data):
    items = data["items"]
    share = {kind: n / len(items) for kind, n in Counter(i["kind"] for i in items).items()}
    assert 0.30 <= share["complaint"] <= 0.40
    assert 0.15 <= share["compliment"] <= 0.25
    assert 0.15 <= share["comment"] <= 0.25
    assert 0.10 <= share["service_request"] <= 0.20
    assert 0.05 <= share["survey_answer"] <= 0.15
    channels = Counter(i["channel"] for i in items).most_common()
    assert [name for name, _ in channels[:2]] == ["web", "email"]


def test_dates_fill_the_year_before_today_at_plausible_hours(data):
    items = data["items"]
    days = [local(item).date() for item in items]
    assert min(days) >= TODAY - datetime.timedelta(days=366)
    assert max(days) < TODAY
    assert len({day.month for day in days}) == 12
    weekend = sum(day.weekday() >= 5 for day in days)
    assert weekend < len(days) * 0.25
    for item in items:
        if item["kind"] == "survey_answer" and item["channel"] == "web":
            # answered from an email invitation: an anonymous survey keeps the day only
            assert item["received_at"].time() == datetime.time(), item
            continue
        hour = local(item).hour
        assert 6 <= hour <= 23, item
        if item["channel"] in ("phone", "in_person"):
            assert 9 <= hour < 17, item
    assert all(item["received_at"].tzinfo is None for item in items)


def test_older_items_are_mostly_closed_and_recent_ones_open(data):
    old = [i for i in data["items"] if (TODAY - local(i).date()).days > 90]
    recent = [i for i in data["items"] if (TODAY - local(i).date()).days <= 7]
    assert old and recent
    assert not [i for i in old if i["status"] in OPEN]
    assert sum(i["status"] in OPEN for i in recent) >= len(recent) * 0.7


def test_about_sixty_percent_have_a_person_and_complaints_always_do(data):
    items = data["items"]
    with_person = sum(bool(i["person"]) for i in items) / len(items)
    assert 0.5 <= with_person <= 0.7
    assert all(i["person"] for i in items if i["kind"] == "complaint")
    assert [i for i in items if i["person"] is None and i["kind"] == "compliment"]  # anonymous
    returning = [key for key, n in Counter(i["person"] for i in items if i["person"]).items() if n > 1]
    assert len(returning) >= 10


def test_contacts_are_fictional(data):
    people = data["people"]
    assert len({p["key"] for p in people}) == len(people)
    emails = [p["email"] for p in people if p["email"]]
    assert len(set(emails)) == len(emails)
    assert {email.rsplit("@", 1)[1] for email in emails} <= {"example.com", "example.org", "example.net"}
    for person in people:
        assert person["email"] or person["phone"]
        if person["phone"]:
            assert re.fullmatch(r"(07700 900|01632 960)\d{3}", person["phone"]), person
    used = {i["person"] for i in data["items"] if i["person"]}
    assert used == {p["key"] for p in people}


def test_texts_vary_like_real_residents_write(data):
    texts = [i["text"] for i in data["items"]]
    assert len(set(texts)) >= 250
    words = [len(text.split()) for text in texts]
    assert min(words) <= 4 and max(words) >= 100
    assert sum("\n\n" in text for text in texts) >= 30  # several paragraphs
    assert sum(text == text.lower() for text in texts) >= 30  # all lower case
    assert sum(not text.rstrip().endswith((".", "!", "?", '"')) for text in texts) >= 50
    assert not [t for t in texts if "{" in t or "}" in t]


def test_scenarios_for_pattern_detection(data):
    items = data["items"]
    safeguarding = [i for i in items if i["scenario"] == "safeguarding"]
    assert len(safeguarding) == 5
    flooding = [i for i in items if i["scenario"] == "emerging_issue"]
    assert len(flooding) == 6 and {i["service"] for i in flooding} == {"highways"}
    assert all("brookfield road" in i["text"].lower() for i in flooding)
    assert len({i["person"] for i in flooding}) == 6
    days = [local(i).date() for i in flooding]
    assert (max(days) - min(days)).days < 7
    repeat = [i for i in items if i["scenario"] == "repeat"]
    assert len(repeat) == 3 and len({i["person"] for i in repeat}) == 1
    assert len({i["text"] for i in repeat}) == 3


def test_staff_cover_every_role_with_documented_passwords(data):
    staff = data["staff"]
    assert {s["role"] for s in staff} == set(ALL_ROLES)
    assert Counter(s["role"] for s in staff)["complaints_officer"] == 3
    leads = [s for s in staff if s["role"] == "service_lead"]
    assert len(leads) == 2 and all(1 <= len(s["services"]) <= 2 for s in leads)
    for account in staff:
        assert account["email"].endswith(".invalid")
        assert password_problem(account["password"]) is None
        assert account["password"] == "heard-demo-" + account["role"].replace("_", "-")
