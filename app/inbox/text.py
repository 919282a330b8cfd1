"""Text from email parts: charsets with fallbacks, HTML to text, quoted replies.

Standard library only (runs in the parser's child process).
"""
import codecs
import re
from html.parser import HTMLParser

from app.oneline import one_line  # noqa: F401  (its old home; new code imports app.oneline)

SURROGATES = re.compile(r"[\ud800-\udfff]")
MAX_HTML_CHARS = 2_000_000
# Labels that mail programs put on text whatever it holds: under one of these, valid (or
# mostly valid) UTF-8 is read as UTF-8. Latin-1 and ASCII labels mean Windows-1252 in mail.
WESTERN_FALLBACKS = {"ascii": ("cp1252", "latin-1"), "latin-1": ("cp1252", "latin-1"),
                     "cp1252": ("cp1252", "latin-1"), "iso8859-15": ("iso8859-15",)}
UNLABELLED_FALLBACKS = ("cp1252", "latin-1")  # latin-1 reads every byte
REPLACEMENT = "\ufffd"


def is_text_codec(name):
    try:
        return codecs.lookup(name)._is_text_encoding
    except (LookupError, TypeError, ValueError):
        return False


def decode_bytes(data, declared=None):
    """Bytes to str, so that one bad byte costs one character, never the whole text.

    1. A declared charset other than UTF-8 and the Western labels, strictly.
    2. Strict UTF-8.
    3. UTF-8 with each invalid sequence replaced by U+FFFD, when the text is mostly UTF-8:
       at least as many valid non-ASCII UTF-8 characters as invalid sequences. Text in a
       single-byte charset is almost never valid UTF-8 by chance: an accented letter is one
       byte followed by ASCII (an invalid sequence), and valid multi-byte characters are rare
       to absent; "café" in Latin-1 has none valid and one invalid, so it goes on to 4.
    4. The declared charset with replacement; for a Western label or none (or UTF-8 declared
       on text that is not), Windows-1252 and then Latin-1, as WESTERN_FALLBACKS says."""
    data = bytes(data)
    charset = _codec_name(declared)
    western = charset in WESTERN_FALLBACKS
    strict = ["utf-8"] if not charset or western or charset == "utf-8" else [charset, "utf-8"]
    for candidate in strict:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    text = data.decode("utf-8", errors="replace")
    invalid = text.count(REPLACEMENT) - data.count(b"\xef\xbf\xbd")
    valid = len(text) - len(text.encode("ascii", "ignore")) - text.count(REPLACEMENT)
    if valid >= invalid:
        return text
    if charset and not western and charset not in ("utf-8", "utf-8-sig"):
        return data.decode(charset, errors="replace")
    for candidate in WESTERN_FALLBACKS.get(charset, UNLABELLED_FALLBACKS):
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _codec_name(declared):
    """The codec's own name for a declared text charset ("us-ascii" -> "ascii"), or None."""
    if not declared or not is_text_codec(declared):
        return None
    name = codecs.lookup(declared).name
    return {"iso8859-1": "latin-1", "windows-1252": "cp1252"}.get(name, name)


def without_surrogates(text):
    """Undo surrogateescape: raw 8-bit bytes in a str are decoded as decode_bytes does."""
    if not SURROGATES.search(text):
        return text
    try:
        return decode_bytes(text.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:
        return SURROGATES.sub(REPLACEMENT, text)


def clean_body(text):
    """Normalise line endings; drop NULs and other controls (PostgreSQL refuses NUL)."""
    text = SURROGATES.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class _HtmlText(HTMLParser):
    SKIP = {"script", "style", "head", "title", "noscript", "template", "svg", "object", "iframe"}
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
             "table", "ul", "ol", "section", "article", "header", "footer", "hr", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.out.append("\n- " if tag == "li" else "\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(data)


def html_to_text(html):
    """Visible text of an HTML body: scripts, styles and tags removed, entities decoded."""
    parser = _HtmlText()
    parser.feed(html[:MAX_HTML_CHARS])
    parser.close()
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.out).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


REPLY_HEADER = re.compile(
    r"^(on\b.{0,300}\bwrote:|-{2,}\s*original message\s*-{2,}|_{10,}|"
    r"-{2,}\s*forwarded message\s*-{2,}|begin forwarded message:)$", re.I)
OUTLOOK_FROM = re.compile(r"^from:\s", re.I)
OUTLOOK_NEXT = re.compile(r"^(sent|date|to):\s", re.I)


def strip_quoted(text):
    """The new part of a reply: quoted lines, the earlier message and the signature
    removed. Only for the feedback copy; the raw message keeps everything."""
    lines = text.split("\n")
    kept = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if line in ("-- ", "--") or REPLY_HEADER.match(stripped):
            break
        if OUTLOOK_FROM.match(stripped) and index + 1 < len(lines) \
                and OUTLOOK_NEXT.match(lines[index + 1].strip()):
            break
        if stripped.startswith(">"):
            continue
        kept.append(line)
    result = clean_body("\n".join(kept))
    return result or clean_body(text)
