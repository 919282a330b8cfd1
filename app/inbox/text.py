"""Text from email parts: charsets with fallbacks, HTML to text, quoted replies.

Standard library only (runs in the parser's child process).
"""
import codecs
import re
from html.parser import HTMLParser

CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
SURROGATES = re.compile(r"[\ud800-\udfff]")
MAX_HTML_CHARS = 2_000_000


def is_text_codec(name):
    try:
        return codecs.lookup(name)._is_text_encoding
    except (LookupError, TypeError, ValueError):
        return False


def decode_bytes(data, declared=None):
    """Bytes to str: the declared charset, then UTF-8, then Windows-1252, then Latin-1."""
    candidates = [declared] if declared and is_text_codec(declared) else []
    candidates += ["utf-8", "cp1252"]
    for charset in candidates:
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1", errors="replace")


def without_surrogates(text):
    """Undo surrogateescape: raw 8-bit bytes in a str are decoded with the fallbacks."""
    if not SURROGATES.search(text):
        return text
    try:
        return decode_bytes(text.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:
        return SURROGATES.sub("\ufffd", text)


def one_line(text, limit=1000):
    """Safe for a header or a table cell: no control characters, no line breaks, no NULs."""
    text = CONTROL.sub(" ", SURROGATES.sub("\ufffd", text or ""))
    return re.sub(r"\s+", " ", text).strip()[:limit]


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
