"""Reading messages safely: charsets, HTML, quoted replies, and limits that stop a
hostile message from stalling the rest."""
import time

import pytest

from app.inbox import sandbox
from app.inbox.classify_mail import automatic_reason, find_reference, kind_for
from app.inbox.parsing import parse_safely
from app.inbox.text import decode_bytes, html_to_text, strip_quoted
from app.oneline import one_line
from tests.inbox.conftest import fixture_bytes

HEAD = b"From: Jo <jo@example.com>\r\nSubject: x\r\nMIME-Version: 1.0\r\n"


def nested_parts(depth):
    body = [HEAD, b'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n']
    body += [b'--b%d\r\nContent-Type: multipart/mixed; boundary="b%d"\r\n\r\n' % (i, i + 1)
             for i in range(depth)]
    body.append(b"--b%d\r\nContent-Type: text/plain\r\n\r\nhi\r\n" % depth)
    body += [b"--b%d--\r\n" % i for i in range(depth, -1, -1)]
    return b"".join(body)


def many_parts(count):
    return (HEAD + b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
            + b"--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n" * count + b"--b--\r\n")


def test_charsets_fall_back_in_order():
    assert decode_bytes("Très".encode("latin-1"), "iso-8859-1") == "Très"
    assert decode_bytes(b"\x93quoted\x94 \x80", "utf-8") == "“quoted” €"  # mislabelled cp1252
    assert decode_bytes("naïve".encode(), "x-bogus") == "naïve"
    assert decode_bytes(b"\x81\x8d", None) == "\x81\x8d"  # not cp1252: Latin-1 never fails
    assert decode_bytes(b"abc", "base64") == "abc"  # not a text codec: ignored


def test_html_to_text_drops_scripts_styles_and_tags():
    html = ("<html><head><style>b{}</style><script>steal()</script></head><body>"
            "<p>Hello &amp; <b>thanks</b></p><ul><li>one</li></ul><!-- hidden --></body></html>")
    text = html_to_text(html)
    assert "steal" not in text and "b{}" not in text and "hidden" not in text and "<" not in text
    assert "Hello & thanks" in text and "- one" in text


def test_quoted_replies_and_signatures_are_stripped():
    text = "New words.\n\n-- \nJo Bloggs\nStreet"
    assert strip_quoted(text) == "New words."
    outlook = "Reply here.\nFrom: Council <a@b.gov.uk>\nSent: Monday\nSubject: x\nold stuff"
    assert strip_quoted(outlook) == "Reply here."
    assert strip_quoted("> only a quote") == "> only a quote"  # never empty


def test_one_line_removes_line_breaks_and_controls():
    assert one_line("a\r\nBcc: b\x00c\u2028d") == "a Bcc: bc d"  # a NUL is removed, not a space


def test_classification_signals():
    base = {"headers": {}, "content_type": "text/plain", "part_types": ["text/plain"],
            "from_address": "jo@example.com"}
    assert automatic_reason(base) is None
    assert automatic_reason(dict(base, headers={"auto-submitted": ["no"]})) is None
    assert automatic_reason(dict(base, headers={"auto-submitted": ["auto-generated"]}))
    assert automatic_reason(dict(base, headers={"precedence": ["first-class"]})) is None
    assert automatic_reason(dict(base, from_address="MAILER-DAEMON@x.example".lower()))
    assert automatic_reason(base, ["Jo@Example.com"])
    assert find_reference("nothing", "see hrd-2026-000123.") == "HRD-2026-000123"
    assert find_reference("XHRD-2026-0001234") is None
    assert kind_for("Complaint about bins", "") == "complaint"
    assert kind_for("Thanks", "lovely staff") == "comment"


def test_every_fixture_parses_without_error():
    from tests.inbox.conftest import FIXTURES

    for path in FIXTURES.glob("*.eml"):
        assert "error" not in parse_safely(path.read_bytes()), path.name


def test_deeply_nested_parts_are_refused_quickly():
    raw = nested_parts(50_000)
    started = time.monotonic()
    parsed = sandbox.read_message(raw, 10)
    assert "error" in parsed
    assert time.monotonic() - started < 10


def test_too_many_parts_is_an_error():
    parsed = sandbox.read_message(many_parts(600), 10)
    assert parsed == {"error": "more than 500 MIME parts"}


def test_a_parse_that_runs_too_long_is_killed_and_the_next_message_still_reads():
    raw = many_parts(200_000)  # about 7 MB; the parser needs several seconds
    started = time.monotonic()
    with pytest.raises(sandbox.ParseTimeout):
        sandbox.read_message(raw, 1)
    assert time.monotonic() - started < 3
    assert sandbox.read_message(fixture_bytes("latin1.eml"), 5)["text"].startswith("The fine was £3.50")


def test_a_huge_header_is_read_within_the_limit():
    words = b"=?utf-8?q?caf=C3=A9?= " * 600_000  # about 13 MB of encoded words
    raw = b"From: Jo <jo@example.com>\r\nSubject: " + words[:9_000_000] + b"\r\n\r\nBody\r\n"
    started = time.monotonic()
    parsed = sandbox.read_message(raw, 10)
    assert time.monotonic() - started < 10
    assert parsed["text"] == "Body" and parsed["subject"].startswith("cafécafé")


def test_the_one_shot_reader_has_the_same_limits():
    assert sandbox._read_once(fixture_bytes("plain.eml"), 10, 500)["from_address"] == "sam.patel@example.com"
    with pytest.raises(sandbox.ParseTimeout):
        sandbox._read_once(many_parts(200_000), 1, 500_000)


def test_pathological_messages_are_quarantined_within_the_limit(app, tmp_path):
    from app.inbox.services import receive

    settings = app.config["HEARD"].with_overrides(inbound_parse_seconds=1, inbound_max_bytes=20_000_000)
    with app.app_context():
        started = time.monotonic()
        slow = receive(many_parts(200_000), "file:slow.eml", settings)
        nested = receive(nested_parts(50_000), "file:nested.eml", settings)
        elapsed = time.monotonic() - started
        fine = receive(fixture_bytes("complaint.eml"), "file:complaint.eml", settings)
    assert (slow.outcome, nested.outcome, fine.outcome) == ("quarantined", "quarantined", "created")
    assert elapsed < 4
    from app.inbox.models import InboundMessage

    assert "longer than 1 seconds" in InboundMessage.get_by_id(slow.inbound_id).reason
