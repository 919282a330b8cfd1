"""queue_email: validation, idempotency, the caller's transaction, templates, the folder backend."""
import datetime
import email
from email.policy import default
from pathlib import Path

import pytest

from app.mail.headers import InvalidAddress
from app.mail.models import OutboxMessage
from app.mail.rendering import MissingTemplate
from tests.mail.conftest import ACK


def eml_files(app):
    return sorted((Path(app.instance_path) / "outbox").glob("*.eml"))


def parse(path):
    return email.message_from_bytes(path.read_bytes(), policy=default)


def test_folder_backend_writes_a_parseable_eml(app, queue):
    row = queue()
    row = OutboxMessage.get_by_id(row.id)
    assert row.status == "sent" and row.attempts == 1 and row.sent_at
    [path] = eml_files(app)
    assert path.name == row.eml_file and path.name.startswith(f"{row.id}-")
    message = parse(path)
    assert message["To"] == "resident@example.com"
    assert message["From"] == "Testshire County Council <feedback@testshire.gov.uk>"
    assert message["Subject"] == "We have received your complaint – reference HRD-2026-000123"
    assert message["Message-ID"].endswith("@testshire.gov.uk>")
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "HRD-2026-000123" in text and "https://feedback.testshire.gov.uk/track" in text
    assert "within 5 working days" in text
    assert "#005ea5" in html and "HRD-2026-000123" in html
    assert not list(path.parent.glob(".tmp-*")), "temporary files are renamed into place"


def test_the_same_key_twice_is_one_row_and_one_email(app, queue):
    first = queue(key="ack:feedback:1")
    second = queue(key="ack:feedback:1", context=dict(ACK, name="Someone else"))
    assert first.id == second.id
    assert OutboxMessage.select().count() == 1
    assert len(eml_files(app)) == 1


def test_different_keys_are_different_messages(app, queue):
    queue(key="a")
    queue(key="b")
    assert OutboxMessage.select().count() == 2 and len(eml_files(app)) == 2


@pytest.mark.parametrize("address", [
    "", "   ", "not-an-address", "a@b", "two@example.com, three@example.com",
    "a@b.com\r\nBcc: x@y.com", "a@b.com\nBcc: x@y.com", "Sam <sam@example.com>",
    "sam@exa mple.com", "a..b@example.com", "a@-example.com", "x" * 300 + "@example.com",
    None, 42,
])
def test_anything_but_one_plain_address_is_refused(app, queue, address):
    with pytest.raises(InvalidAddress):
        queue(to=address, key=f"bad:{address!r}")
    assert OutboxMessage.select().count() == 0 and not eml_files(app)


def test_addresses_are_tidied(queue):
    assert queue(to="  Sam.Smith+feedback@Example.COM ").to_address == "Sam.Smith+feedback@example.com"
    assert queue(to="anne@bücher.example").to_address == "anne@xn--bcher-kva.example"


def test_unknown_template_and_missing_key_are_errors(app, queue):
    from app.mail.services import queue_email

    with pytest.raises(MissingTemplate):
        queue(template="no_such_template")
    with pytest.raises(MissingTemplate):
        queue(template="../../../etc/passwd")
    with pytest.raises(ValueError), app.app_context():
        queue_email("a@example.com", "acknowledgement", dict(ACK), idempotency_key="  ")
    assert OutboxMessage.select().count() == 0


def test_the_row_joins_the_callers_transaction_and_sends_after_commit(app, queue):
    from app.queue import transaction

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction():
        queue(key="rolled-back")
        raise Boom
    assert OutboxMessage.select().count() == 0 and not eml_files(app)

    with transaction():
        row = queue(key="committed")
        assert OutboxMessage.get_by_id(row.id).status == "pending"
        assert not eml_files(app), "nothing is sent before the commit"
    assert OutboxMessage.get_by_id(row.id).status == "sent" and len(eml_files(app)) == 1


def test_related_purpose_and_subject_override(queue):
    from tests.factories import create_feedback

    item = create_feedback()
    row = queue(related=item, purpose="acknowledgement", subject="Your complaint")
    assert (row.related_type, row.related_id) == ("feedback_item", item.id)
    assert row.purpose == "acknowledgement" and row.subject == "Your complaint"


def test_auto_submitted_rules(queue):
    assert queue(key="1").auto_submitted == "auto-generated"
    assert queue(key="2", auto_replied=True).auto_submitted == "auto-replied"
    replied = queue(key="3", in_reply_to="<abc.123@mail.example.com>")
    assert replied.auto_submitted == "auto-replied" and replied.in_reply_to == "<abc.123@mail.example.com>"
    assert queue(key="4", auto_submitted="no").auto_submitted == "no"
    bad_id = queue(key="5", in_reply_to="<abc@x>\r\nBcc: evil@example.com")
    assert bad_id.in_reply_to == "" and bad_id.auto_submitted == "auto-generated"
    with pytest.raises(ValueError):
        queue(key="6", auto_submitted="yes please")


SAMPLES = {
    "acknowledgement": dict(ACK),
    "survey_invitation": {"link": "https://feedback.testshire.gov.uk/i/abc", "survey_title": "Library visit",
                          "service": "Libraries", "expires_at": datetime.date(2026, 8, 3)},
    "survey_reminder": {"link": "https://feedback.testshire.gov.uk/i/abc"},
    "more_information_received": {"reference": "HRD-2026-000123", "kind": "comment"},
    "auto_reply_received_by_email": {"reference": "HRD-2026-000123", "kind": "complaint",
                                     "original_subject": "Missed bin"},
}


@pytest.mark.parametrize("template", sorted(SAMPLES))
def test_every_template_renders_text_and_branded_html(app, queue, template):
    row = queue(template=template, context=SAMPLES[template], key=template)
    assert row.subject and "\n" not in row.subject
    assert "Testshire County Council" in row.text_body
    assert "#005ea5" in row.html_body and "<html" in row.html_body
    assert "{{" not in row.text_body and "{%" not in row.text_body
    message = parse(eml_files(app)[0])
    assert message.get_body(("plain",)).get_content().strip()
    if "link" in SAMPLES[template]:
        assert SAMPLES[template]["link"] in row.text_body and SAMPLES[template]["link"] in row.html_body
    if "reference" in SAMPLES[template]:
        assert "HRD-2026-000123" in row.subject + row.text_body


def test_complaint_acknowledgement_says_by_when(queue):
    received = datetime.datetime(2026, 12, 23, 10, 0)  # a Wednesday
    row = queue(context=dict(ACK, received_at=received))
    # 25 Dec, 28 Dec (Boxing Day substitute) and 1 Jan are bank holidays; weekends do not count
    assert "by Monday 4 January 2027 (within 5 working days)" in row.text_body
    compliment = queue(context=dict(ACK, kind="compliment"), key="compliment")
    assert "working days" not in compliment.text_body and "compliment" in compliment.subject


def test_context_values_are_escaped_in_html(queue):
    row = queue(context=dict(ACK, name='<script>alert("x")</script>', service="Parks & <b>Gardens</b>"))
    assert "<script>" not in row.html_body and "&lt;script&gt;" in row.html_body
    assert "&amp; &lt;b&gt;Gardens" in row.html_body
    assert '<script>alert("x")</script>' in row.text_body  # text stays exactly as given


def test_a_template_without_html_gets_the_plain_branded_frame(queue, monkeypatch):
    from app.mail import rendering

    real = rendering.environment

    def without_html(app=None, text=False):
        env = real(app, text)

        class Env:
            def __getattr__(self, name):
                return getattr(env, name)

            def get_template(self, name):
                if name == "mail/acknowledgement.html":
                    from jinja2 import TemplateNotFound

                    raise TemplateNotFound(name)
                return env.get_template(name)

        return Env()

    monkeypatch.setattr(rendering, "environment", without_html)
    row = queue(context=dict(ACK, name="<Sam>"))
    assert "#005ea5" in row.html_body and "Hello &lt;Sam&gt;," in row.html_body


def test_concurrent_callers_with_one_key_make_one_row(app, queue):
    """Two requests racing with the same key: one row, one email, both get that row."""
    import threading

    from app.db import db

    db.close()
    barrier, results, errors = threading.Barrier(4), [], []

    def call():
        try:
            barrier.wait()
            with db.connection_context():
                results.append(queue(key="race").id)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=call) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    db.connect(reuse_if_open=True)
    assert not errors and len(set(results)) == 1 and len(results) == 4
    assert OutboxMessage.select().count() == 1 and len(eml_files(app)) == 1


def test_the_model_matches_its_migration(app):
    from app.db import db

    columns = {c.name: c for c in db.obj.get_columns("outbox_message")}
    assert set(columns) == {f.column_name for f in OutboxMessage._meta.sorted_fields}
    for field in OutboxMessage._meta.sorted_fields:
        assert columns[field.column_name].null == field.null, field.name
    indexes = {tuple(i.columns) for i in db.obj.get_indexes("outbox_message")}
    assert {("idempotency_key",), ("message_id",), ("status",), ("related_type", "related_id")} <= indexes


def test_queue_email_works_without_an_app_context(app):
    """Services and worker tasks may call it outside a request: the app the process built is used."""
    from flask import has_app_context

    from app.mail.services import queue_email

    assert not has_app_context()
    row = queue_email("resident@example.com", "acknowledgement", dict(ACK), idempotency_key="no-ctx")
    assert OutboxMessage.get_by_id(row.id).status == "sent" and len(eml_files(app)) == 1
