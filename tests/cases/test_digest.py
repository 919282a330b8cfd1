"""The daily email of due-soon and overdue cases: one per officer per working day at most."""
import datetime

import pytest

from app.cases import digest, tasks_digest
from app.mail.models import OutboxMessage
from app.queue import huey
from tests.cases.queue_helpers import WEDNESDAY, make_case
from tests.factories import create_user

DAY = datetime.timedelta(days=1)
SATURDAY = datetime.date(2026, 3, 14)
GOOD_FRIDAY = datetime.date(2026, 4, 3)


@pytest.fixture
def officer(app):
    return create_user("complaints_officer", name="Olu Officer", email="olu@council.test.invalid",
                       services=["highways"])


@pytest.fixture
def cases(officer):
    return {
        "overdue": make_case(assigned_to=officer, due=WEDNESDAY - 2 * DAY, what="respond"),
        "today": make_case(assigned_to=officer, due=WEDNESDAY),
        "soon": make_case(assigned_to=officer, due=WEDNESDAY + 2 * DAY),
        "later": make_case(assigned_to=officer, due=WEDNESDAY + 5 * DAY),
        "paused": make_case(assigned_to=officer, due=WEDNESDAY - 3 * DAY, paused=True),
        "closed": make_case(assigned_to=officer, status="closed"),
        "team": make_case(due=WEDNESDAY - DAY),  # unassigned, in the officer's service
        "elsewhere": make_case(due=WEDNESDAY - DAY, service_slug="parking"),
        "someone_else": make_case(assigned_to=create_user(), due=WEDNESDAY - DAY),
    }


def outbox(officer=None):
    query = OutboxMessage.select().where(OutboxMessage.purpose == "case_digest")
    if officer is not None:
        query = query.where(OutboxMessage.to_address == officer.email)
    return list(query.order_by(OutboxMessage.id))


def test_the_digest_lists_overdue_due_soon_and_the_teams_unassigned_cases(app, officer, cases):
    sections = digest.digest_for(officer, WEDNESDAY)
    refs = {key: [line.reference for line in lines] for key, lines in sections.items()}
    assert refs == {"overdue": [cases["overdue"].reference],
                    "due_soon": [cases["today"].reference, cases["soon"].reference],
                    "team_unassigned": [cases["team"].reference]}
    assert sections["overdue"][0].deadline == "2 working days overdue"
    assert sections["overdue"][0].what == "Respond"


def test_the_email_names_references_and_deadlines_only(app, officer, cases):
    with app.app_context():
        row = digest.send_digest(officer.id, WEDNESDAY)
    assert row.to_address == officer.email
    assert row.subject == "Cases due: 1 overdue, 2 due soon – Wednesday 11 March 2026"
    for name in ("overdue", "today", "soon", "team"):
        assert cases[name].reference in row.text_body and cases[name].reference in row.html_body
        assert f"/staff/cases/{cases[name].id}" in row.text_body
    for name in ("later", "paused", "closed", "elsewhere", "someone_else"):
        assert cases[name].reference not in row.text_body
    assert "2 working days overdue" in row.text_body and "due today" in row.text_body
    assert "bins" not in row.text_body  # no resident's words in email
    assert "Hello Olu Officer" in row.text_body


def test_one_email_per_officer_per_day(app, officer, cases):
    with app.app_context():
        first = digest.send_digest(officer.id, WEDNESDAY)
        again = digest.send_digest(officer.id, WEDNESDAY)
        tomorrow = digest.send_digest(officer.id, WEDNESDAY + DAY)
    assert again.id == first.id and tomorrow.id != first.id
    assert len(outbox(officer)) == 2
    assert first.idempotency_key == f"case-digest:{officer.id}:2026-03-11"


def test_nothing_is_sent_when_nothing_is_due(app, officer):
    make_case(assigned_to=officer, due=WEDNESDAY + 10 * DAY)
    with app.app_context():
        assert digest.send_digest(officer.id, WEDNESDAY) is None
    assert outbox() == []


@pytest.mark.parametrize("day", [SATURDAY, GOOD_FRIDAY])
def test_nothing_is_sent_on_weekends_and_bank_holidays(app, officer, cases, day):
    assert digest.recipients(day) == []
    with app.app_context():
        assert digest.send_digest(officer.id, day) is None


@pytest.mark.parametrize("role", ["service_lead", "analyst", "panel_facilitator"])
def test_only_people_who_handle_cases_get_one(app, role):
    user = create_user(role, services=["highways"])
    make_case(due=WEDNESDAY - DAY)
    assert user.id not in digest.recipients(WEDNESDAY)
    with app.app_context():
        assert digest.send_digest(user.id, WEDNESDAY) is None


def test_inactive_officers_get_none(app, officer, cases):
    officer.active = False
    officer.save()
    assert officer.id not in digest.recipients(WEDNESDAY)
    with app.app_context():
        assert digest.send_digest(officer.id, WEDNESDAY) is None


def test_the_daily_task_mails_every_officer_once(app, officer, cases):
    other = create_user("complaints_officer", email="ola@council.test.invalid")
    make_case(assigned_to=other, due=WEDNESDAY)
    quiet = create_user("administrator")
    with app.app_context():
        assert tasks_digest.run_daily_digest(WEDNESDAY) >= 3
        tasks_digest.run_daily_digest(WEDNESDAY)
    someone_else = cases["someone_else"].assigned_to.email
    assert sorted(row.to_address for row in outbox()) == sorted([officer.email, other.email, someone_else])
    assert outbox(quiet) == []


def test_the_periodic_task_is_registered_by_name():
    names = {task.name for task in huey._registry.periodic_tasks}
    assert "cases.daily_digest" in names
    assert any(key.endswith(".cases.send_digest") for key in huey._registry._registry)
