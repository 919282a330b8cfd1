"""Letters to post as an A4 PDF (ReportLab), ready for a DL window envelope.

Page 1 of each letter: the council's name and return address top right, the date and the
reference under them, the resident's name and address where a DL window (left, about a
third of the way down an A4 sheet folded in three) shows it, with the council's return
address in small type above it; fold marks at the left edge; then the letter's text.
Later pages carry only the text. A letter that runs over one page has "page n of N" (and
its reference) at the foot of every page. Several letters make one PDF, each starting on
a new page with its own numbering. Each letter's own words (date, reference, return address,
page numbers) are in its language (PrintedLetter.language, the resident's).
"""
import collections
import io
import os
from dataclasses import dataclass

from flask_babel import force_locale, gettext
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak,
                                PageTemplate, Paragraph, Spacer)
from xml.sax.saxutils import escape

FONT_DIR = "/usr/share/fonts/truetype/liberation"  # wide Unicode, Arial's metrics
LEFT = RIGHT = 20 * mm
WINDOW_LEFT, WINDOW_TOP = 20 * mm, 45 * mm  # from the page's left and top edges
WINDOW_WIDTH, WINDOW_HEIGHT = 85 * mm, 36 * mm
COUNCIL_LEFT = 120 * mm
FIRST_TEXT_TOP = 95 * mm  # the text starts below the window on page 1
LATER_TEXT_TOP = 20 * mm
TEXT_BOTTOM = 22 * mm
FOLDS = (99 * mm, 198 * mm)  # A4 folded in three for a DL envelope
HEADING_LENGTH = 60


@dataclass(frozen=True)
class PrintedLetter:
    reference: str
    date: str  # "3 March 2026"
    recipient_name: str
    address_lines: tuple
    subject: str
    text: str
    language: str = "en"  # the resident's: the letter's own words are printed in it


def words(language):
    """The printed letter's fixed words in `language` (English outside an app)."""
    with force_locale(language or "en"):
        return {"date": gettext("Date"), "reference": gettext("Our reference"),
                "return": gettext("If undelivered, return to:"),
                "footer": gettext("Reference %(reference)s – page %(page)s of %(pages)s")}


def _fonts():
    """(regular, bold): Liberation Sans where installed, else Helvetica."""
    regular = os.path.join(FONT_DIR, "LiberationSans-Regular.ttf")
    bold = os.path.join(FONT_DIR, "LiberationSans-Bold.ttf")
    if not (os.path.exists(regular) and os.path.exists(bold)):
        return "Helvetica", "Helvetica-Bold"
    if "HeardLetter" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("HeardLetter", regular))
        pdfmetrics.registerFont(TTFont("HeardLetter-Bold", bold))
    return "HeardLetter", "HeardLetter-Bold"


class _StartOfLetter(Flowable):
    """Takes no space; tells the canvas which letter the pages from here belong to."""

    def __init__(self, number, letter):
        super().__init__()
        self.number, self.letter = number, letter

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.canv.heard_letter = (self.number, self.letter)


class _LetterCanvas(canvas.Canvas):
    """Keeps each page until the end, so every page can say "page n of N" of its own letter."""

    def __init__(self, *args, fonts, **kwargs):
        super().__init__(*args, **kwargs)
        self.heard_fonts = fonts
        self.heard_pages = []

    def showPage(self):
        self.heard_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        pages = self.heard_pages
        totals = collections.Counter(state["heard_letter"][0] for state in pages)
        seen = collections.Counter()
        for state in pages:
            self.__dict__.update(state)
            number, letter = state["heard_letter"]
            seen[number] += 1
            if totals[number] > 1:
                self._footer(letter, seen[number], totals[number])
            super().showPage()
        super().save()

    def _footer(self, letter, page, pages):
        regular, _ = self.heard_fonts
        self.setFont(regular, 9)
        footer = words(letter.language)["footer"] % {"reference": letter.reference, "page": page,
                                                      "pages": pages}
        self.drawCentredString(A4[0] / 2, 12 * mm, footer)


def _styles(regular, bold):
    body = ParagraphStyle("body", fontName=regular, fontSize=11, leading=14.5, spaceAfter=8,
                          splitLongWords=1)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, spaceBefore=4, spaceAfter=4,
                             keepWithNext=1)
    return body, heading


def _is_heading(lines):
    line = lines[0].strip()
    return (len(lines) == 1 and 0 < len(line) <= HEADING_LENGTH and line[-1] not in ".,:;?!)"
            and ":" not in line and "//" not in line and line[0].isupper())


def paragraphs(text, body, heading):
    """The letter's plain text as paragraphs: blank lines separate them, short lines standing
    alone (like "Our decision") are headings."""
    found = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        style = heading if _is_heading(lines) else body
        found.append(Paragraph("<br/>".join(escape(line) for line in lines), style))
    return found


def _draw_first_page(pdf, letter, council_name, council_lines, fonts):
    regular, bold = fonts
    top = A4[1]
    y = top - 18 * mm
    pdf.setFont(bold, 12)
    pdf.drawString(COUNCIL_LEFT, y, council_name)
    pdf.setFont(regular, 10)
    for line in council_lines:
        y -= 12.5
        pdf.drawString(COUNCIL_LEFT, y, line)
    y = min(y - 22, top - 62 * mm)
    said = words(letter.language)
    for label, value in ((said["date"], letter.date), (said["reference"], letter.reference)):
        pdf.setFont(bold, 10)
        pdf.drawString(COUNCIL_LEFT, y, f"{label}:")
        pdf.setFont(regular, 10)
        pdf.drawString(COUNCIL_LEFT + 27 * mm, y, value)
        y -= 13
    _draw_window(pdf, letter, council_name, council_lines, fonts)
    pdf.setLineWidth(0.4)
    for fold in FOLDS:
        pdf.line(0, top - fold, 5 * mm, top - fold)


def _draw_window(pdf, letter, council_name, council_lines, fonts):
    """The return address (small) and the resident's address block, inside the window."""
    regular, _ = fonts
    top = A4[1] - WINDOW_TOP
    size = 6.5
    label = words(letter.language)["return"]
    back = f"{label} " + ", ".join([council_name, *council_lines])
    if pdfmetrics.stringWidth(back, regular, size) > WINDOW_WIDTH:  # the name and postcode will do
        back = f"{label} " + ", ".join([council_name, *council_lines[-1:]])
    while size > 4.5 and pdfmetrics.stringWidth(back, regular, size) > WINDOW_WIDTH:
        size -= 0.5
    pdf.setFont(regular, size)
    pdf.drawString(WINDOW_LEFT, top - 7, back)
    lines = [line for line in (letter.recipient_name, *letter.address_lines) if line]
    size, leading = 11, 13.5
    while len(lines) * leading > WINDOW_HEIGHT - 12 and size > 8:
        size, leading = size - 0.5, leading - 0.6
    y = top - 12 - size
    for line in lines:
        while pdfmetrics.stringWidth(line, regular, size) > WINDOW_WIDTH and len(line) > 1:
            line = line[:-1]
        pdf.setFont(regular, size)
        pdf.drawString(WINDOW_LEFT, y, line)
        y -= leading


def render(letters, *, council_name, council_address_lines, title="Letters to post"):
    """The letters (PrintedLetter, in order) as one PDF's bytes."""
    fonts = _fonts()
    body, heading = _styles(*fonts)
    width = A4[0] - LEFT - RIGHT
    first = Frame(LEFT, TEXT_BOTTOM, width, A4[1] - FIRST_TEXT_TOP - TEXT_BOTTOM, id="first",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(LEFT, TEXT_BOTTOM, width, A4[1] - LATER_TEXT_TOP - TEXT_BOTTOM, id="later",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def decorate_first(pdf, doc):
        _draw_first_page(pdf, pdf.heard_letter[1], council_name, council_address_lines, fonts)

    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, title=title, author=council_name,
                          pageTemplates=[PageTemplate("first", [first], onPageEnd=decorate_first),
                                         PageTemplate("later", [later])])
    story = []
    for number, letter in enumerate(letters):
        if number:
            story += [NextPageTemplate("first"), PageBreak()]
        story += [_StartOfLetter(number, letter), NextPageTemplate("later"),
                  Paragraph(escape(letter.subject), heading), Spacer(1, 2)]
        story += paragraphs(letter.text, body, heading)
    doc.build(story, canvasmaker=lambda *args, **kwargs: _LetterCanvas(*args, fonts=fonts, **kwargs))
    return buffer.getvalue()
