"""A published "You said, we did" as an A4 PDF (ReportLab platypus), built by the worker
(tasks.build_pdf) from the same read as the page (reads.public_view), so the two always say the
same. The page is its accessible HTML twin; the PDF carries its title, author and language.
Its own words are in the language in force (English in the worker; the page's language when
reports.yswd.public_views builds another language's copy)."""
import io
from xml.sax.saxutils import escape

from flask_babel import gettext

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reports.yswd import public_words
from surveys import poster_text

MARGIN = 20 * mm


def _styles():
    regular, bold = poster_text.register()
    body = ParagraphStyle("body", fontName=regular, fontSize=11, leading=15, spaceAfter=8)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=20, leading=25, spaceAfter=6),
        "caption": ParagraphStyle("caption", parent=body, fontSize=12, textColor=colors.HexColor("#505a5f")),
        "h2": ParagraphStyle("h2", parent=body, fontName=bold, fontSize=16, leading=20, spaceBefore=10,
                             keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=body, fontName=bold, fontSize=13, leading=17, spaceBefore=6,
                             keepWithNext=1),
        "quote": ParagraphStyle("quote", parent=body, leftIndent=8 * mm, borderPadding=(0, 0, 0, 4),
                                textColor=colors.HexColor("#0b0c0c")),
        "cell": ParagraphStyle("cell", parent=body, fontSize=10, leading=13, spaceAfter=0),
        "fonts": (regular, bold),
    }


def _p(text, style):
    """A paragraph of plain text (escaped; characters no embedded font can draw left out)."""
    return Paragraph(escape(poster_text.printable(text, style.fontName)), style)


def _themes_table(view, styles):
    rows = [[_p(heading, styles["cell"]) for heading in (
        gettext("Theme"), gettext("Times raised"), gettext("How people felt"))]]
    for theme in view.themes:
        rows.append([_p(theme.theme.name, styles["cell"]), _p(str(theme.theme.count), styles["cell"]),
                     _p(theme.sentiment, styles["cell"])])
    table = Table(rows, colWidths=[60 * mm, 30 * mm, 80 * mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, 0), styles["fonts"][1]),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#b1b4b6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def _you_said(view, styles):
    story = [_p(gettext("You said"), styles["h2"])]
    story += [_p(paragraph, styles["body"]) for paragraph in view.paragraphs]
    if view.themes:
        story += [_themes_table(view, styles), Spacer(1, 4 * mm)]
    for theme in view.themes:
        if theme.quotes:
            story.append(_p(gettext("What you said about %(theme)s", theme=theme.theme.name), styles["h3"]))
            story += [_p(f"“{quote.text}”", styles["quote"]) for quote in theme.quotes]
    return story


def _we_did(view, styles):
    story = [_p(gettext("We did"), styles["h2"])]
    if not view.actions:
        return story + [_p(gettext("We have no finished actions to report for this period yet."), styles["body"])]
    for entry in view.actions:
        story += [_p(entry.title, styles["h3"]), _p(entry.summary, styles["body"])]
    return story


def build(view, council_name, lang="en-GB"):
    """The PDF's bytes for a reads.PublicationView (`lang`: the PDF's language tag)."""
    styles = _styles()
    publication = view.publication
    service = public_words.service_words(publication.service_name)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN, title=public_words.title_words(publication), author=council_name,
                            subject=gettext("You said, we did: %(service)s, %(period)s", service=service,
                                            period=view.period),
                            lang=lang)
    story = [_p(council_name, styles["caption"]), _p(public_words.title_words(publication), styles["title"]),
             _p(f"{service[:1].upper()}{service[1:]} · {view.period}",
                styles["caption"]), Spacer(1, 4 * mm)]
    doc.build(story + _you_said(view, styles) + _we_did(view, styles))
    return out.getvalue()
