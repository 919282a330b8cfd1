"""Owners of overdue actions get one reminder a week per action, through the outbox, delivered
by a real SMTP server (aiosmtpd)."""
import datetime

import pytest

from app.actions import reminders, tasks
from app.mail.models import OutboxMessage
from app.queue import huey
from tests.factories import create_action, create_user
from tests.mail.conftest import smtp_server  # noqa: F401  (the real SMTP server fixture)

MONDAY = datetime.date(2026, 3, 9)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def settings_overrides(settings_overrides, smtp_server):
    return dict(settings_overrides, mail_backend="smtp", smtp_host="127.0.0.1", smtp_port=smtp_server.port,
                smtp_timeout=5, base_url="https://feedback.testshire.gov.uk")


@pytest.fixture
def owner(app):
    return create_user("service_lead", name="Wanda Waste", email="wanda@council.test.invalid",
                       services=["waste-recycling"])


def reminders_sent():
    return list(OutboxMessage.select().where(OutboxMessage.purpose == "action_reminder").order_by(OutboxMessage.id))


def test_an_owner_gets_one_reminder_a_week_however_often_the_task_runs(app, owner, smtp_server):
    late = create_action(title="New round for Mill Lane", owner=owner, due_on=MONDAY - 10 * DAY, status="agreed")
    create_action(title="Not due yet", owner=owner, due_on=MONDAY + 30 * DAY)
    create_action(title="Nobody owns it", due_on=MONDAY - DAY)
    create_action(title="Already done", owner=owner, due_on=MONDAY - DAY, status="done")
    with app.app_context():
        for day in (MONDAY, MONDAY, MONDAY + DAY, MONDAY + 6 * DAY):  # twice on Monday, then all week
            tasks.run_overdue_reminders(day)
    [message] = smtp_server.messages()
    assert message["To"] == "wanda@council.test.invalid"
    assert message["Subject"] == "Action overdue: New round for Mill Lane"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Due: Friday 27 February 2026 (10 days ago)" in body
    assert f"https://feedback.testshire.gov.uk/staff/actions/{late.id}" in body
    [row] = reminders_sent()
    assert row.idempotency_key == f"action-reminder:{late.id}:2026-W11" and row.status == "sent"
    with app.app_context():
        tasks.run_overdue_reminders(MONDAY + 7 * DAY)  # the next week: one more
    assert len(smtp_server.messages()) == 2


def test_no_reminder_once_the_action_is_done_or_its_owner_has_left(app, owner):
    from app.actions import services

    action = create_action(owner=owner, due_on=MONDAY - DAY, status="in_progress")
    services.change_status(action, "done", actor=owner)
    with app.app_context():
        assert reminders.send_reminder(action.id, MONDAY) is None
    other = create_action(owner=owner, due_on=MONDAY - DAY)
    owner.active = False
    owner.save()
    with app.app_context():
        assert reminders.send_reminder(other.id, MONDAY) is None
        assert reminders.send_reminder(999999, MONDAY) is None
    assert reminders_sent() == []


def test_the_tasks_are_registered_by_name():
    assert "actions.overdue_reminders" in {task.name for task in huey._registry.periodic_tasks}
    assert any(key.endswith(".actions.send_reminder") for key in huey._registry._registry)
