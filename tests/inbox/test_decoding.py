"""Decoding inbound mail: each text part and each header with its declared charset, and one bad
byte costs one character (U+FFFD), never the whole part read as Latin-1 ("café" -> "cafÃ©")."""
import pytest

from app.inbox import sandbox
from app.inbox.parsing import decode_words, parse_safely
from app.inbox.text import decode_bytes
from tests.inbox.test_import import counts_of, outbox, row_for, run_import

WORDS = "The café on Mill Lane was closed again, which seems naïve of the council."
ONE_BAD = WORDS.encode("utf-8").replace(b"closed", b"clo\xffsed")
KEPT = WORDS.replace("closed", "clo\ufffdsed")


def message(body, charset="utf-8", subject=b"Mill Lane", cte=b"8bit", name=b"Zo\xc3\xab Fran\xc3\xa7ois"):
    content_type = b"text/plain" + (b"; charset=" + charset.encode() if charset else b"")
    return (b"From: " + name + b" <zoe@example.com>\r\nTo: feedback@example.gov.uk\r\n"
            b"Subject: " + subject + b"\r\nMessage-ID: <decode-1@example.com>\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: " + content_type + b"\r\nContent-Transfer-Encoding: " + cte + b"\r\n\r\n"
            + body + b"\r\n")


@pytest.mark.parametrize("declared", ["utf-8", "UTF8", None, "iso-8859-1", "us-ascii", "windows-1252",
                                      "x-unknown"])
def test_one_bad_byte_in_utf8_costs_one_character(declared):
    assert decode_bytes(ONE_BAD, declared) == KEPT


def test_a_few_bad_bytes_in_a_long_utf8_text_cost_a_few_characters():
    text = ("Très déçu – £50 " * 20).encode("utf-8")
    damaged = text[:30] + b"\xc3" + text[30:200] + b"\x80\x80" + text[200:]
    decoded = decode_bytes(damaged, "utf-8")
    assert decoded.count("\ufffd") == 3 and decoded.replace("\ufffd", "") == text.decode("utf-8")


@pytest.mark.parametrize("text, charset", [
    ("Très déçu, the café charged £3.50 for a naïve crème brûlée", None),
    ("Très déçu, the café charged £3.50", "iso-8859-1"),
    ("It’s “outrageous” – €120", "windows-1252"),
    ("It’s “outrageous” – €120", "utf-8"),  # declared but wrong: it is Windows-1252
    ("café", None), ("é", None), ("Ça coûte 5£", None),
])
def test_single_byte_text_still_reads_right(text, charset):
    data = text.encode("cp1252")
    assert decode_bytes(data, charset) == text


@pytest.mark.parametrize("declared", ["iso-8859-1", "us-ascii", "windows-1252"])
def test_utf8_under_a_western_label_is_read_as_utf8(declared):
    assert decode_bytes("Zoë’s café – £5".encode("utf-8"), declared) == "Zoë’s café – £5"


def test_a_declared_multibyte_charset_with_a_bad_byte_keeps_the_rest():
    data = "日本語のメールです".encode("shift_jis")
    assert decode_bytes(data[:6] + b"\xff" + data[6:], "shift_jis") == "日本語\ufffdのメールです"
    assert decode_bytes("Привет, мир".encode("koi8-r"), "koi8-r") == "Привет, мир"


def test_encoded_words_and_raw_8bit_headers_lose_one_character_per_bad_byte():
    assert decode_words("=?utf-8?q?caf=C3=A9_na=C3=AFve_=FF_end?=") == "café naïve \ufffd end"
    assert decode_words("=?utf-8?b?" + "Q2Fmw6kg/yBuYcOvdmU=" + "?=") == "Café \ufffd naïve"
    # a character split across two encoded words, as some mail programs do
    assert decode_words("=?utf-8?q?caf=C3?= =?utf-8?q?=A9?=") == "café"
    # raw 8-bit text beside an encoded word: "€" must not come back as "\u20ac" written out
    raw = "Café € ".encode("utf-8").decode("ascii", "surrogateescape") + "=?utf-8?q?na=C3=AFve?="
    assert decode_words(raw) == "Café € naïve"
    assert decode_words("C:\\users =?utf-8?q?caf=C3=A9?=") == "C:\\users café"


def test_a_whole_message_keeps_its_words(app):
    parsed = parse_safely(message(ONE_BAD, subject=b"Caf\xc3\xa9 \xff na\xc3\xafve"))
    assert parsed["text"] == KEPT
    assert parsed["subject"] == "Café \ufffd naïve"
    assert parsed["from_name"] == "Zoë François"
    latin = parse_safely(message("Très déçu".encode("latin-1"), charset=None,
                                 subject="Café".encode("latin-1"), name=b"Ren\xe9 Dubois"))
    assert latin["text"] == "Très déçu" and latin["subject"] == "Café" and latin["from_name"] == "René Dubois"
    qp = parse_safely(message(b"caf=C3=A9 =FF na=C3=AFve", cte=b"quoted-printable"))
    assert qp["text"] == "café \ufffd naïve"


def test_each_part_is_decoded_on_its_own(app):
    raw = (b"From: Jo <jo@example.com>\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
           b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
           b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + ONE_BAD + b"\r\n"
           b"--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n" + "Très déçu".encode("latin-1")
           + b"\r\n--b--\r\n")
    text = sandbox.read_message(raw, 10)["text"]  # the real child process: its interface is kept
    assert text == KEPT + "\n\nTrès déçu"


def test_an_imported_email_with_a_bad_byte_becomes_readable_feedback(app, tmp_path):
    path = tmp_path / "bad-byte.eml"
    path.write_bytes(message(ONE_BAD))
    counts = counts_of(run_import(app, path))
    assert counts["created"] == 1
    item = row_for("bad-byte.eml").feedback_item
    assert "café" in item.text and "naïve" in item.text and item.text.count("\ufffd") == 1
    assert "Ã" not in item.text
    (ack,) = outbox()
    assert ack.subject.startswith("Re: Mill Lane [")


def test_the_auto_reply_carries_their_subject_cleaned_and_cut_before_our_reference(app, tmp_path):
    hostile = ("=?utf-8?q?RE:_Fwd:_Bins=0D=0ABcc:_victim@example.org_=E2=80=AE=E2=80=8B?= "
               + " ".join(["=?utf-8?q?not_collected_again?="] * 40))
    path = tmp_path / "long-subject.eml"
    path.write_bytes(message(b"Nobody came.", subject=hostile.encode()))
    assert counts_of(run_import(app, path))["acknowledgements_sent"] == 1
    row = row_for("long-subject.eml")
    assert "\r" not in row.subject and "\u202e" not in row.subject
    (ack,) = outbox()
    reference = row.feedback_item.reference
    assert ack.subject.startswith("Re: Bins Bcc: victim@example.org not collected again")
    assert ack.subject.endswith(f"… [{reference}]") and len(ack.subject) <= 250
    assert "\u202e" not in ack.subject and "\u200b" not in ack.subject
