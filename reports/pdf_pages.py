"""The page every Heard PDF report is printed on (A4, ReportLab platypus): the council's name on
a band of its colour, the report's name beside it, a footer with what it is about and the period,
and the page number on every page; headings that feed a contents list (built in two passes,
multiBuild) and the PDF's outline; the paragraph and table styles. Used by the lessons-learnt
report (reports.lessons.pdf) and the annual report (reports.annual.pdf). The page numbers and the
PDF's language (its lang) are the language in force: English in the worker, the page's when a
resident downloads a translated copy (reports.translated_pdfs)."""
import io
from xml.sax.saxutils import escape

from flask_babel import gettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from app.languages import current, html_lang
from surveys import poster_text

MARGIN = 18 * mm
BAND = 9 * mm
RULE = colors.HexColor("#b1b4b6")


def styles(colour):
    regular, bold = poster_text.register()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, spaceAfter=6)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=22, leading=27, spaceAfter=4),
        "caption": ParagraphStyle("caption", parent=body, fontSize=12, leading=16,
                                  textColor=colors.HexColor("#505a5f")),
        "h1": ParagraphStyle("h1", parent=body, fontName=bold, fontSize=16, leading=20, spaceBefore=8,
                             spaceAfter=6, keepWithNext=1, textColor=colour),
        "h2": ParagraphStyle("h2", parent=body, fontName=bold, fontSize=12, leading=16, spaceBefore=6,
                             keepWithNext=1),
        "headline": ParagraphStyle("headline", parent=body, fontSize=12, leading=17, leftIndent=4 * mm,
                                   bulletIndent=0, spaceAfter=4),
        "quote": ParagraphStyle("quote", parent=body, fontSize=11, leading=15, leftIndent=8 * mm),
        "attribution": ParagraphStyle("attribution", parent=body, fontSize=9, leading=12, leftIndent=8 * mm,
                                      textColor=colors.HexColor("#505a5f"), spaceAfter=8),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0),
        "toc": ParagraphStyle("toc", parent=body, fontSize=11, leading=16),
        "fonts": (regular, bold),
        "colour": colour,
    }


def p(text, style):
    """A paragraph of plain text (escaped; characters no embedded font can draw left out)."""
    return Paragraph(escape(poster_text.printable(str(text), style.fontName)), style)


def heading(text, style):
    """A section heading that goes into the contents list."""
    found = p(text, style)
    found.toc_entry = text
    return found


def table(rows, widths, style_set, numeric_from=1):
    """A table of plain-text cells, the first row its header (repeated on a new page)."""
    cell = style_set["cell"]
    right = ParagraphStyle("cell-right", parent=cell, alignment=2)
    data = [[p(value, right if n >= numeric_from and r else cell) for n, value in enumerate(row)]
            for r, row in enumerate(rows)]
    found = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    found.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 1, style_set["colour"]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    found.spaceAfter = 8
    return found


class ReportDoc(BaseDocTemplate):
    """`header`: the report's name, top right; `footer`: what it is about and its period, bottom left."""

    def __init__(self, out, *, council, colour, header, footer, fonts, **kwargs):
        super().__init__(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + BAND,
                         bottomMargin=MARGIN, lang=html_lang(current()), **kwargs)
        self.council, self.colour, self.header, self.footer, self.fonts = council, colour, header, footer, fonts
        self.page_words = gettext("Page %(number)s")  # formatted on each page, in the language in force now
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def afterFlowable(self, flowable):
        entry = getattr(flowable, "toc_entry", None)
        if entry:
            key = f"section-{self.seq.nextf('report-section')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(entry, key, level=0)
            self.notify("TOCEntry", (0, entry, self.page, key))

    def _decorate(self, canvas, doc):
        regular, bold = self.fonts
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(self.colour)
        canvas.rect(0, height - BAND, width, BAND, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(bold, 10)
        canvas.drawString(MARGIN, height - BAND + 3 * mm, poster_text.printable(self.council, bold))
        canvas.setFont(regular, 10)
        canvas.drawRightString(width - MARGIN, height - BAND + 3 * mm,
                               poster_text.printable(self.header, regular))
        canvas.setFillColor(colors.HexColor("#505a5f"))
        canvas.setFont(regular, 9)
        canvas.drawString(MARGIN, 10 * mm, poster_text.printable(self.footer, regular))
        canvas.drawRightString(width - MARGIN, 10 * mm,
                               poster_text.printable(self.page_words % {"number": doc.page}, regular))
        canvas.restoreState()


def contents(style_set):
    toc = TableOfContents()
    toc.levelStyles = [style_set["toc"]]
    toc.dotsMinLevel = 0
    return toc




def render(story, *, council_name, council_colour, header, footer, **info):
    """The PDF's bytes: `story(styles, contents)` gives the flowables; `info`: title, subject."""
    colour = colors.HexColor(council_colour)
    style_set = styles(colour)
    out = io.BytesIO()
    doc = ReportDoc(out, council=council_name, colour=colour, header=header, footer=footer,
                    fonts=style_set["fonts"], author=council_name, **info)
    doc.multiBuild(story(style_set, contents(style_set)))
    return out.getvalue()
