"""Writing a poster's words in fonts embedded in the PDF, never as empty boxes.

Liberation Sans (Arial's metrics, like the web pages) sets the text; a character it has no
glyph for (an emoji in a survey's title, say) is drawn from Noto Emoji; a character neither
font has is left out. Both fonts ship in surveys/fonts/ (SIL Open Font License, see its
README), so a poster comes out the same on every machine.

    regular, bold = register()
    width(text, bold, 30); wrap(text, bold, 30, max_width); draw_centred(pdf, x, y, text, bold, 30)
"""
import re
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONTS = {"HeardSans": "LiberationSans-Regular.ttf", "HeardSans-Bold": "LiberationSans-Bold.ttf",
         "HeardEmoji": "NotoEmoji-Regular.ttf"}
REGULAR, BOLD, EMOJI = "HeardSans", "HeardSans-Bold", "HeardEmoji"
# Joiners, variation selectors and skin-tone modifiers shape an emoji in a colour font; a
# monochrome font drawing them one by one would print stray marks, so they are left out.
SHAPING = {0x200C, 0x200D, 0xFE0E, 0xFE0F, *range(0x1F3FB, 0x1F400)}

_lock = threading.Lock()
_glyphs = {}  # font name -> set of code points it can draw


def _utf16_cmap(make_cmap):
    """ReportLab (5.1) writes a character above U+FFFF into a font's ToUnicode map as five hex
    digits, so a PDF reader copies an emoji out as some other character; PDF wants UTF-16."""
    def make(fontname, subset):
        return re.sub(r"^(<[0-9A-F]{2}> )<([0-9A-F]{5,6})>$",
                      lambda m: f"{m[1]}<{chr(int(m[2], 16)).encode('utf-16-be').hex().upper()}>",
                      make_cmap(fontname, subset), flags=re.M)

    make.utf16 = True
    return make


def register():
    """(regular, bold) font names, registering the embedded fonts once per process."""
    with _lock:
        if not getattr(ttfonts.makeToUnicodeCMap, "utf16", False):
            ttfonts.makeToUnicodeCMap = _utf16_cmap(ttfonts.makeToUnicodeCMap)
        if not _glyphs:
            for name, filename in FONTS.items():
                font = TTFont(name, str(FONT_DIR / filename))
                pdfmetrics.registerFont(font)
                _glyphs[name] = set(font.face.charToGlyph)
    return REGULAR, BOLD


def drawable(char, font):
    """The font that draws `char` (the text's own font first, then the emoji font), or None."""
    point = ord(char)
    if point in SHAPING:
        return None
    if char.isspace() or point in _glyphs[font]:
        return font
    return EMOJI if point in _glyphs[EMOJI] else None


def runs(text, font):
    """[(font name, text)]: consecutive characters drawn by the same font, others left out."""
    register()
    found = []
    for char in text:
        chosen = drawable(char, font)
        if chosen is None:
            continue
        if found and found[-1][0] == chosen:
            found[-1] = (chosen, found[-1][1] + char)
        else:
            found.append((chosen, char))
    return found


def printable(text, font):
    """`text` as it will print: without the characters no embedded font can draw."""
    return " ".join("".join(part for _, part in runs(text, font)).split())


def width(text, font, size):
    return sum(pdfmetrics.stringWidth(part, name, size) for name, part in runs(text, font))


def wrap(text, font, size, max_width):
    """Lines of whole words no wider than `max_width` (a longer word gets a line of its own)."""
    lines, current = [], ""
    for word in printable(text, font).split():
        candidate = f"{current} {word}" if current else word
        if current and width(candidate, font, size) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + [current] if current else lines


def fit(text, font, size, max_width, smallest=14):
    """The largest size up to `size` (down to `smallest`) at which `text` fits on one line."""
    while size > smallest and width(text, font, size) > max_width:
        size -= 1
    return size


def draw(pdf, x, y, text, font, size):
    """Draw `text` from (x, y), switching to the emoji font where needed."""
    for name, part in runs(text, font):
        pdf.setFont(name, size)
        pdf.drawString(x, y, part)
        x += pdfmetrics.stringWidth(part, name, size)


def draw_centred(pdf, centre, y, text, font, size):
    draw(pdf, centre - width(text, font, size) / 2, y, text, font, size)
