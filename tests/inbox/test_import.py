"""`flask --app app email import`: every kind of message, the JSON counts, duplicates,
acknowledgements (never to automatic mail) and header injection."""
import email
import json
import mailbox
import shutil
from pathlib import Path

import pytest

from app.feedback.models import FeedbackItem, FeedbackUpdate
from app.inbox.models import InboundMessage
from tests.inbox.conftest import FIXTURES, fixture_bytes

AUTOMATIC = ["auto_submitted.eml", "x_autoreply.eml", "precedence_bulk.eml", "precedence_list.eml",
             "precedence_junk.eml", "list_id.eml", "null_sender_bounce.eml", "dsn_report.eml",
             "own_address.eml"]
CREATED = ["duplicate_message_id.eml", "html_only.eml", "attachments.eml", "encoded_subject.eml", "latin1.eml",
           "windows1252.eml", "bogus_charset.eml", "mislabelled_utf8.eml",
           "broken_mime_recoverable.eml", "complaint.eml", "header_injection.eml"]
QUARANTINED = ["broken_mime.eml", "no_sender.eml", "oversized.eml"]
KEYS = ("total", "created", "appended", "duplicates", "quarantined", "auto_replies",
        "acknowledgements_sent")


def run_import(app, *paths, json_flag=True):
    result = app.test_cli_runner().invoke(
        args=["email", "import", *map(str, paths)] + (["--json"] if json_flag else []))
    return result


def counts_of(result):
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    counts = json.loads(last)
    assert tuple(counts) == KEYS
    parts = ("created", "appended", "duplicates", "quarantined", "auto_replies")
    assert sum(counts[k] for k in parts) == counts["total"]
    return counts


def row_for(name):
    return InboundMessage.get(InboundMessage.source == f"file:{name}")


def outbox():
    from app.mail.models import OutboxMessage

    return list(OutboxMessage.select().order_by(OutboxMessage.id))


def test_a_folder_of_real_looking_mail(app, fixture_dir, item_123):
    counts = counts_of(run_import(app, fixture_dir))
    assert counts == {"total": 26, "created": 11, "appended": 2, "duplicates": 1, "quarantined": 3,
                      "auto_replies": 9, "acknowledgements_sent": 12}
    for name in CREATED:
        row = row_for(name)
        assert row.outcome == "created", (name, row.reason)
        assert row.feedback_item.channel == "email"
    for name in AUTOMATIC:
        assert row_for(name).outcome == "auto_reply", name
        assert row_for(name).feedback_item_id is None
    for name in QUARANTINED:
        assert row_for(name).outcome == "quarantined", name
    # plain.eml sorts after duplicate_message_id.eml: the second copy is the duplicate
    assert row_for("plain.eml").outcome == "duplicate"
    # every message's raw bytes are kept exactly
    for path in FIXTURES.glob("*.eml"):
        assert bytes(row_for(path.name).raw) == path.read_bytes()


def test_importing_again_reports_only_duplicates(app, fixture_dir, item_123):
    counts_of(run_import(app, fixture_dir))
    items, updates, rows, sent = (FeedbackItem.select().count(), FeedbackUpdate.select().count(),
                                  InboundMessage.select().count(), len(outbox()))
    again = counts_of(run_import(app, *sorted(fixture_dir.glob("*.eml"))))
    assert again == dict.fromkeys(KEYS, 0) | {"total": 26, "duplicates": 26}
    assert (FeedbackItem.select().count(), FeedbackUpdate.select().count(),
            InboundMessage.select().count(), len(outbox())) == (items, updates, rows, sent)
    assert row_for("plain.eml").times_seen == 2


def test_acknowledgements_answer_people_never_automatic_mail(app, fixture_dir, item_123):
    counts_of(run_import(app, fixture_dir))
    sent = outbox()
    recipients = {row.to_address for row in sent}
    assert "sam.patel@example.com" in recipients  # the "more information received" reply
    assert "pat.green@example.org" not in recipients  # unknown sender on someone else's case
    keys = {row.idempotency_key for row in sent}
    for name in AUTOMATIC + QUARANTINED + ["plain.eml"]:
        assert f"ack:inbound:{row_for(name).id}" not in keys, name
    assert not {"offers@shop.example", "news@parish.example", "lee.brown@example.com",
                "feedback@example.gov.uk", "mailer-daemon@mx.example.net"} & recipients
    for row in sent:
        assert row.auto_submitted == "auto-replied"
        assert row.in_reply_to.startswith("<")
    created = row_for("plain.eml") if row_for("plain.eml").outcome == "created" else row_for(
        "duplicate_message_id.eml")
    ack = next(r for r in sent if r.idempotency_key == f"ack:inbound:{created.id}")
    assert ack.in_reply_to == "<20260302091403.4471@mail.example.com>"
    assert created.feedback_item.reference in ack.subject


def test_what_each_message_became(app, fixture_dir, item_123):
    counts_of(run_import(app, fixture_dir))
    text = {name: row_for(name).feedback_item.text for name in CREATED}
    assert "brilliant helping my dad" in text["html_only.eml"]
    assert "alert" not in text["html_only.eml"] and "color" not in text["html_only.eml"]
    assert row_for("encoded_subject.eml").subject == "Café parking – £50 fine unfair"
    assert row_for("encoded_subject.eml").from_name == "Zoë François"
    assert "£3.50" in text["latin1.eml"] and "Très déçu" in text["latin1.eml"]
    assert "€120 now – that’s “outrageous”" in text["windows1252.eml"]
    assert "“Monday”" in text["bogus_charset.eml"]
    assert "wasn’t cut – again" in text["mislabelled_utf8.eml"]
    assert "six weeks" in text["broken_mime_recoverable.eml"]
    assert "CloseBoundaryNotFoundDefect" in row_for("broken_mime_recoverable.eml").parse_error
    assert row_for("complaint.eml").feedback_item.kind == "complaint"
    assert row_for("html_only.eml").feedback_item.kind == "comment"
    attachments = json.loads(row_for("attachments.eml").attachments)
    assert [(a["name"], a["type"]) for a in attachments] == [
        ("pothole.png", "image/png"), ("letter.pdf", "application/pdf"),
        ("invoice.exe", "application/x-msdownload")]
    assert attachments[0]["size"] == 1024
    person = row_for("encoded_subject.eml").feedback_item.person
    assert person.email == "zoe.francois@example.fr" and person.name == "Zoë François"


def test_quoted_replies_are_left_out_of_the_feedback_copy_only(app, item_123):
    source = FIXTURES / "reference_subject.eml"
    counts_of(run_import(app, source))
    update = FeedbackUpdate.get(FeedbackUpdate.inbound_message_id == row_for(source.name).id)
    assert "recycling box was left in the road" in update.text
    assert "> Thank you" not in update.text
    assert b"> Thank you" in bytes(row_for(source.name).raw)


def test_a_reference_adds_to_the_item_and_notes_an_unknown_sender(app, item_123):
    from app.audit.models import AuditEvent

    counts = counts_of(run_import(app, FIXTURES / "reference_subject.eml", FIXTURES / "reference_body.eml"))
    assert counts["appended"] == 2 and counts["created"] == 0
    updates = list(FeedbackUpdate.select().where(FeedbackUpdate.item == item_123)
                   .order_by(FeedbackUpdate.id))
    assert [u.channel for u in updates] == ["email", "email"]
    assert updates[1].inbound_message_id == row_for("reference_body.eml").id
    events = list(AuditEvent.select().where(AuditEvent.action == "feedback.update_received")
                  .order_by(AuditEvent.id))
    assert [json.loads(e.details)["sender_matches"] for e in events] == [True, False]
    assert "not the one on this item" in events[1].summary
    assert row_for("reference_body.eml").feedback_item_id == item_123.id


def test_an_unknown_reference_becomes_new_feedback(app):
    counts = counts_of(run_import(app, FIXTURES / "reference_subject.eml"))
    assert counts["created"] == 1
    assert "HRD-2026-000123 was not found" in row_for("reference_subject.eml").reason


def test_header_injection_never_reaches_our_headers(app):
    counts = counts_of(run_import(app, FIXTURES / "header_injection.eml"))
    assert counts["created"] == 1 and counts["acknowledgements_sent"] == 1
    row = row_for("header_injection.eml")
    assert "\n" not in row.from_name and "\r" not in row.subject
    (ack,) = outbox()
    assert ack.to_address == "injector@example.com"
    files = list((Path(app.config["HEARD"].instance_path) / "outbox").glob("*.eml"))
    assert len(files) == 1
    sent = email.message_from_bytes(files[0].read_bytes())
    assert sent.get_all("To") == ["injector@example.com"]
    assert sent.get_all("Bcc") is None and sent.get_all("X-Injected") is None
    assert "victim" not in sent["To"]
    assert sent["Auto-Submitted"] == "auto-replied"


def test_mbox_and_maildir(app, tmp_path):
    box = mailbox.mbox(str(tmp_path / "archive.mbox"))
    for name in ("plain.eml", "latin1.eml", "x_autoreply.eml"):
        box.add(fixture_bytes(name))
    box.flush()
    box.close()
    maildir = mailbox.Maildir(str(tmp_path / "Maildir"))
    for name in ("html_only.eml", "complaint.eml"):
        maildir.add(fixture_bytes(name))
    (tmp_path / "Maildir" / "tmp" / "half-delivered").write_bytes(fixture_bytes("windows1252.eml"))
    counts = counts_of(run_import(app, tmp_path / "archive.mbox", tmp_path / "Maildir"))
    assert counts["total"] == 5 and counts["created"] == 4 and counts["auto_replies"] == 1
    assert InboundMessage.select().where(InboundMessage.source.startswith("file:archive.mbox#")).count() == 3
    again = counts_of(run_import(app, tmp_path / "archive.mbox", tmp_path / "Maildir"))
    assert again["duplicates"] == 5


def test_readable_summary_without_json(app):
    result = run_import(app, FIXTURES / "plain.eml", json_flag=False)
    assert result.exit_code == 0
    assert "Imported: 1 message(s)" in result.output and "{" not in result.output


@pytest.mark.parametrize("path", ["missing.eml", "empty-folder"])
def test_a_path_that_is_not_mail_stops_the_command(app, tmp_path, path):
    (tmp_path / "empty-folder").mkdir()
    result = run_import(app, FIXTURES / "plain.eml", tmp_path / path)
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and result.output.startswith("Error: ")
    assert InboundMessage.select().count() == 0


def test_a_byte_identical_copy_is_stored_once(app, tmp_path):
    shutil.copy(FIXTURES / "plain.eml", tmp_path / "copy.eml")
    counts = counts_of(run_import(app, FIXTURES / "plain.eml", tmp_path / "copy.eml"))
    assert counts["created"] == 1 and counts["duplicates"] == 1
    assert InboundMessage.select().count() == 1
