"""IMAP polling against a real dovecot on loopback."""
import json
import os

import pytest

from app.feedback.models import FeedbackItem
from app.inbox import imap
from app.inbox.models import InboundMessage, MailboxState
from tests.inbox.conftest import fixture_bytes
from tests.inbox.dovecot import DOVECOT, NOT_INSTALLED, PASSWORD, USER, Dovecot


@pytest.fixture(scope="module")
def dovecot():
    if not os.path.exists(DOVECOT):
        print(f"\n{NOT_INSTALLED}")
        pytest.skip(NOT_INSTALLED)
    server = Dovecot().start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(dovecot):
    """An empty INBOX for each test."""
    conn = dovecot.client()
    conn.select("INBOX")
    conn.store("1:*", "+FLAGS", "\\Deleted") if conn.search(None, "ALL")[1][0] else None
    conn.expunge()
    conn.logout()
    return dovecot


@pytest.fixture
def settings_overrides(settings_overrides, dovecot):
    return dict(settings_overrides, imap_host="127.0.0.1", imap_port=dovecot.port, imap_security="none",
                imap_username=USER, imap_password=PASSWORD, imap_folder="INBOX")


def poll(app):
    with app.app_context():
        return imap.poll(app.config["HEARD"]).counts


def test_poll_turns_new_mail_into_feedback_once(app, mailbox):
    mailbox.append(fixture_bytes("plain.eml"), fixture_bytes("html_only.eml"),
                   fixture_bytes("x_autoreply.eml"))
    counts = poll(app)
    assert (counts["total"], counts["created"], counts["auto_replies"]) == (3, 2, 1)
    assert counts["acknowledgements_sent"] == 2
    sources = {row.source for row in InboundMessage.select()}
    assert sources == {"imap:INBOX"}
    assert FeedbackItem.select().where(FeedbackItem.channel == "email").count() == 2
    state = MailboxState.get()
    assert state.last_uid >= 3 and state.uidvalidity and state.last_error == ""

    assert poll(app)["total"] == 0  # nothing new

    mailbox.append(fixture_bytes("complaint.eml"))
    counts = poll(app)
    assert (counts["total"], counts["created"]) == (1, 1)
    assert MailboxState.get().last_uid == state.last_uid + 1

    conn = mailbox.client()  # BODY.PEEK: nothing was marked as read
    conn.select("INBOX", readonly=True)
    assert conn.search(None, "SEEN")[1][0] == b""
    conn.logout()


def test_a_new_uidvalidity_rescans_and_recognises_duplicates(app, mailbox):
    mailbox.append(fixture_bytes("latin1.eml"), fixture_bytes("windows1252.eml"))
    assert poll(app)["created"] == 2
    newest = MailboxState.get().last_uid
    MailboxState.update(uidvalidity=1, last_uid=newest + 50).execute()
    counts = poll(app)
    assert (counts["total"], counts["duplicates"], counts["created"]) == (2, 2, 0)
    assert FeedbackItem.select().count() == 2
    assert MailboxState.get().last_uid == newest


def test_the_poll_command(app, mailbox):
    mailbox.append(fixture_bytes("encoded_subject.eml"))
    result = app.test_cli_runner().invoke(args=["email", "poll", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["created"] == 1


def test_the_periodic_task_waits_until_due(app, mailbox):
    from app.inbox import tasks

    mailbox.append(fixture_bytes("complaint.eml"))
    with app.app_context():
        first = tasks.poll_imap.call_local()
        second = tasks.poll_imap.call_local()  # polled seconds ago: not due yet
    assert first["created"] == 1 and second is None


def test_a_wrong_password_is_recorded_not_raised_to_the_worker(app, mailbox):
    settings = app.config["HEARD"].with_overrides(imap_password="wrong")
    with app.app_context(), pytest.raises(imap.PollFailed):
        imap.poll(settings)
    assert MailboxState.get().last_error.startswith("error: ")
