"""Single-line text: names, subjects, address lines, anything shown or sent on one line.

Residents' (and staff's) text reaches email headers, letters, CSV cells and page titles. There
it must stay one visible line that reads as it looks:

- line breaks and tabs (CR, LF, TAB, VT, FF, NEL, U+2028, U+2029) become a space;
- every other control character (C0, DEL, C1) is removed;
- invisible format characters (Unicode category Cf) are removed: bidirectional embeddings,
  overrides and isolates (U+202A-202E, U+2066-2069), marks (LRM, RLM, ALM), zero-width spaces,
  the word joiner, BOMs, soft hyphens, tag characters. A zero-width joiner or non-joiner is
  kept only inside a word of a script that needs it (Persian, the Indic scripts, emoji
  sequences): after a non-ASCII character and before a visible one;
- lone surrogates (undecodable bytes) become U+FFFD;
- runs of whitespace collapse to one space, the ends are trimmed, and the text is cut to
  `limit` characters.

Standard library only: the email reader's sandboxed child process imports it.
"""
import re

SURROGATES = re.compile(r"[\ud800-\udfff]")
BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]")
# C0 and C1 controls and DEL, and every Cf character except ZWNJ/ZWJ (handled below).
# tests/core/test_oneline.py checks this list against the unicodedata tables.
INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]")
JOINER_RUN = re.compile("([\u200c\u200d])[\u200c\u200d]+")
# A joiner after an ASCII character, a space or nothing, or before a space or nothing, joins
# nothing visible: it only hides a difference ("Ad<ZWJ>min" looks like "Admin").
STRAY_JOINER = re.compile("(?<![^\x00-\x7f\\s])[\u200c\u200d]|[\u200c\u200d](?!\\S)")
SPACES = re.compile(r"\s+")
LINE_ENDS = re.compile(r"\r\n|[\n\v\f\r\x85\u2028\u2029]")


def one_line(value, limit=250):
    """`value` (any object; None is "") as one clean line of at most `limit` characters."""
    text = SURROGATES.sub("\ufffd", str(value if value is not None else ""))
    text = INVISIBLE.sub("", BREAKS.sub(" ", text))
    if "\u200c" in text or "\u200d" in text:
        text = STRAY_JOINER.sub("", JOINER_RUN.sub(r"\1", text))
    text = SPACES.sub(" ", text).strip()
    if len(text) > limit:
        text = STRAY_JOINER.sub("", text[:limit].rstrip())
    return text


def one_line_each(text, limit=250):
    """The lines of a multi-line value (an address), each made one clean line; empty lines
    dropped. Line breaks of every kind (CR, LF, NEL, U+2028...) separate lines."""
    lines = (one_line(line, limit) for line in LINE_ENDS.split(str(text or "")))
    return [line for line in lines if line]
