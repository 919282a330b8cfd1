"""The members' daily digest: one email a day gathering new proposals, replies to their
comments and decisions on the panels they are still on, delivered by a real SMTP server
(aiosmtpd); once however often the task runs; nothing when switched off."""
import datetime

import pytest

from app.db import utcnow
from app.mail.models import OutboxMessage
from app.queue import SWEEPS, huey
from panels import digest, tasks
from panels.models import Membership
from panels.proposals.models import Comment, Notification
from tests.factories import create_member, create_panel, create_proposal
from tests.mail.conftest import smtp_server  # noqa: F401  (the real SMTP server fixture)

DAY = datetime.date(2026, 5, 12)


@pytest.fixture
def settings_overrides(settings_overrides, smtp_server):
    return dict(settings_overrides, mail_backend="smtp", smtp_host="127.0.0.1", smtp_port=smtp_server.port,
                smtp_timeout=5, base_url="https://feedback.testshire.gov.uk")


@pytest.fixture
def news(app):
    """Rosa on the Customer Experience Panel with a new proposal, two replies to her comment on
    another and a decision; plus news from a panel she left."""
    experience, left = create_panel("Customer Experience Panel"), create_panel("Accessibility Panel")
    rosa = create_member(experience, name="Rosa Park", email="rosa@resident.invalid")
    Membership.create(panel=left, member=rosa, left_at=utcnow())
    new = create_proposal(experience, title="Call-back instead of waiting")
    talked = create_proposal(experience, title="Shorter phone menu")
    decided = create_proposal(experience, title="Longer Saturday hours", status="decided")
    gone = create_proposal(left, title="Step-free access at the Town Hall")
    mine = Comment.create(proposal=talked, member=rosa, body="Two options would be enough.")
    other = create_member(experience, name="Sam")
    for n in range(2):
        reply = Comment.create(proposal=talked, parent=mine, member=other, body=f"I agree {n}")
        Notification.create(member=rosa, kind="reply", proposal=talked, comment=reply)
    Notification.create(member=rosa, kind="proposal", proposal=new)
    Notification.create(member=rosa, kind="decision", proposal=decided)
    Notification.create(member=rosa, kind="proposal", proposal=gone)
    return rosa, {"new": new, "talked": talked, "decided": decided, "gone": gone}


def plain(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_one_digest_gathers_the_days_news_and_is_sent_once_however_often_the_task_runs(app, news, smtp_server):
    rosa, proposals = news
    with app.app_context():
        assert tasks.run_daily_digest(DAY) == 1
        assert tasks.run_daily_digest(DAY) == 0  # everything is digested: nobody to send to
        tasks.send_digest(rosa.id, DAY.isoformat())  # and a stray repeat of the task itself
    [message] = smtp_server.messages()
    assert message["To"] == "rosa@resident.invalid"
    assert message["Subject"] == "What is new on your panels: Tuesday 12 May 2026"
    body = plain(message)
    assert '"Call-back instead of waiting" is open for your views (Customer Experience Panel)' in body
    assert '2 new replies to your comments on "Shorter phone menu"' in body
    assert '"Longer Saturday hours": the council has decided' in body
    assert f"https://feedback.testshire.gov.uk/panel/proposals/{proposals['talked'].id}" in body
    assert "Step-free access" not in body  # a panel she has left
    assert "I agree" not in body and "Two options" not in body  # never anybody's words
    assert "https://feedback.testshire.gov.uk/panel/settings" in body
    [row] = OutboxMessage.select().where(OutboxMessage.purpose == "panel_digest")
    assert row.idempotency_key == f"panel-digest:{rosa.id}:2026-05-12" and row.status == "sent"
    assert Notification.select().where(Notification.digested_at.is_null()).count() == 0


def test_news_after_the_days_digest_waits_for_the_next_day(app, news, smtp_server):
    rosa, proposals = news
    with app.app_context():
        tasks.run_daily_digest(DAY)
        late = Notification.create(member=rosa, kind="proposal", proposal=proposals["talked"])
        tasks.send_digest(rosa.id, DAY.isoformat())
        assert Notification.get_by_id(late.id).digested_at is None  # kept, not lost
        tasks.run_daily_digest(DAY + datetime.timedelta(days=1))
    assert len(smtp_server.messages()) == 2
    assert '"Shorter phone menu" is open for your views' in plain(smtp_server.messages()[1])


def test_nothing_is_sent_to_a_member_who_switched_the_digest_off(app, news, smtp_server):
    rosa, proposals = news
    digest.set_digest(rosa, False)
    with app.app_context():
        tasks.run_daily_digest(DAY)
    assert smtp_server.messages() == []
    assert Notification.select().where(Notification.digested_at.is_null()).count() == 0  # marked
    # Switched back on: what happened while it was off is not sent later; new news is.
    Notification.create(member=rosa, kind="proposal", proposal=proposals["new"])
    digest.set_digest(rosa, True)
    with app.app_context():
        assert tasks.run_daily_digest(DAY) == 0
        Notification.create(member=rosa, kind="decision", proposal=proposals["decided"])
        tasks.run_daily_digest(DAY + datetime.timedelta(days=1))
    [message] = smtp_server.messages()
    assert "Longer Saturday hours" in plain(message) and "Call-back" not in plain(message)


def test_only_news_of_panels_left_sends_nothing(app, smtp_server):
    left = create_panel("Accessibility Panel")
    member = create_member(create_panel(), email="ann@resident.invalid")
    Membership.create(panel=left, member=member, left_at=utcnow())
    Notification.create(member=member, kind="proposal", proposal=create_proposal(left))
    with app.app_context():
        tasks.run_daily_digest(DAY)
    assert smtp_server.messages() == []
    assert Notification.select().where(Notification.digested_at.is_null()).count() == 0


def test_the_sweep_resends_a_digest_lost_with_a_worker(app, news, smtp_server):
    rosa, _ = news
    Notification.update(created_at=utcnow() - datetime.timedelta(hours=30)).execute()
    assert digest.lost() == [rosa.id]
    with app.app_context():
        assert SWEEPS["panels.digest"].pending() == [rosa.id]
        SWEEPS["panels.digest"].task(rosa.id)
    assert len(smtp_server.messages()) == 1 and digest.lost() == []


def test_the_tasks_are_registered_by_name():
    assert {"panels.daily_digest", "panels.retention"} <= {task.name for task in huey._registry.periodic_tasks}
    assert any(key.endswith("panels.send_digest") for key in huey._registry._registry)
