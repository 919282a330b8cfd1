"""Single-line fields (app.oneline): names, subjects and address lines lose control
characters, bidi overrides and zero-width characters, and keep the letters people need."""
import sys
import unicodedata

import pytest

from app.oneline import INVISIBLE, one_line, one_line_each


@pytest.mark.parametrize("raw, clean", [
    ("Jo\r\nBcc: victim@example.org", "Jo Bcc: victim@example.org"),
    ("Jo\tBloggs\x0b\x0c\x85\u2028\u2029x", "Jo Bloggs x"),
    ("Jo\x00\x07\x1b[31m\x7f\x9bBloggs", "Jo[31mBloggs"),
    ("invoice\u202egnp.exe", "invoicegnp.exe"),  # right-to-left override
    ("\u2066Admin\u2069 \u202aX\u202c", "Admin X"),  # isolates and embeddings
    ("Ad\u200bmin\u2060\ufeff\u00ad", "Admin"),  # zero-width space, word joiner, BOM, soft hyphen
    ("Ad\u200dmin \u200cAdmin\u200c", "Admin Admin"),  # joiners that join nothing
    ("\u200e\u200fשלום\u061c", "שלום"),  # direction marks
    ("  lots \u00a0 of\u3000 space  ", "lots of space"),
    ("caf\udce9", "caf\ufffd"),  # a lone surrogate (an undecodable byte)
    ("\U000e0041\U000e0042hidden tags", "hidden tags"),
    (None, ""), (42, "42"),
])
def test_single_line_cleaning(raw, clean):
    assert one_line(raw) == clean


def test_the_letters_people_need_are_kept():
    for text in ("Zoë François", "Siân Llŷr", "O'Neill-Smith", "Nguyễn Thị Minh Khai", "王小明",
                 "محمد علي", "می\u200cخواهم", "क्\u200dष", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
                 "Łódź", "Ærøskøbing", "[HRD-2026-000123]"):
        assert one_line(text) == text


def test_the_limit_never_leaves_a_dangling_joiner_or_space():
    assert one_line("a" * 300) == "a" * 250
    assert one_line("é" * 9 + "\u200d" + "é", limit=10) == "é" * 9
    assert one_line("abcd efgh", limit=5) == "abcd"


def test_address_lines_are_cleaned_one_by_one():
    address = "1 High St\r\n\r\n  Banbury\tOxon \u202e\nOX1 1AA\u2028\x00"
    assert one_line_each(address) == ["1 High St", "Banbury Oxon", "OX1 1AA"]
    assert one_line_each(None) == []


def test_every_invisible_format_character_is_covered():
    """INVISIBLE lists the Cf characters by hand (fast to import in the mail reader's child
    process); check the list against this Python's Unicode tables."""
    missed = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
              if unicodedata.category(chr(code)) in ("Cf", "Cc") and chr(code) not in "\u200c\u200d"
              and not INVISIBLE.match(chr(code)) and chr(code) not in "\t\n\v\f\r\x85"]
    assert not missed, missed
