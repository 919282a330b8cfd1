"""A printable A4 poster for a touchpoint (ReportLab): the council's name, the survey's
title, a one-line ask, a big QR code, the short URL in large type and how to get the
survey in another format. No GOV.UK crown: the council's own name and colour."""
import io
import os

from reportlab.lib.colors import HexColor, white, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from surveys import qr

ASK = "Tell us how we did today — it takes 2 minutes"
FONT_DIR = "/usr/share/fonts/truetype/liberation"  # Arial's metrics, like the web pages
MARGIN = 48


def _fonts():
    """(regular, bold): Liberation Sans where installed (wide Unicode), else Helvetica."""
    regular, bold = os.path.join(FONT_DIR, "LiberationSans-Regular.ttf"), \
        os.path.join(FONT_DIR, "LiberationSans-Bold.ttf")
    if not (os.path.exists(regular) and os.path.exists(bold)):
        return "Helvetica", "Helvetica-Bold"
    if "HeardSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("HeardSans", regular))
        pdfmetrics.registerFont(TTFont("HeardSans-Bold", bold))
    return "HeardSans", "HeardSans-Bold"


def formats_line(survey, council_name):
    if survey.formats_phone:
        return f"Need this in another format? Ask a member of staff or call {survey.formats_phone}."
    return f"Need this in another format? Ask a member of staff or contact {council_name}."


def short_url(url):
    return url.split("://", 1)[-1]


def _centred_lines(pdf, text, font, size, y, width, leading=1.25):
    """Draw `text` wrapped and centred from baseline `y` down; returns the next y."""
    for line in simpleSplit(text, font, size, width):
        pdf.setFont(font, size)
        pdf.drawCentredString(A4[0] / 2, y, line)
        y -= size * leading
    return y


def _fit(text, font, size, width, smallest=14):
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    return size


def _draw_qr(pdf, url, top, side):
    """The QR code as vector squares, with its quiet zone, centred under `top`."""
    rows = qr.matrix(url)
    count = len(rows) + 8  # four modules of quiet zone each side
    module = side / count
    left, bottom = (A4[0] - side) / 2, top - side
    pdf.setFillColor(white)
    pdf.rect(left, bottom, side, side, stroke=0, fill=1)
    pdf.setFillColor(black)
    for r, row in enumerate(rows):
        for c, dark in enumerate(row):
            if dark:
                pdf.rect(left + (c + 4) * module, top - (r + 5) * module, module, module,
                         stroke=0, fill=1)
    return bottom


def render(touchpoint, url, *, council_name, council_colour="#1d70b8"):
    """The poster as PDF bytes."""
    regular, bold = _fonts()
    survey = touchpoint.survey
    width = A4[0] - 2 * MARGIN
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"{survey.title} – {touchpoint.name}")
    pdf.setAuthor(council_name)
    pdf.setSubject(ASK)

    band = 90
    pdf.setFillColor(HexColor(council_colour))
    pdf.rect(0, A4[1] - band, A4[0], band, stroke=0, fill=1)
    pdf.setFillColor(white)
    size = _fit(council_name, bold, 26, width)
    pdf.setFont(bold, size)
    pdf.drawString(MARGIN, A4[1] - band / 2 - size / 3, council_name)

    pdf.setFillColor(black)
    y = _centred_lines(pdf, survey.title, bold, 30, A4[1] - band - 56, width)
    y = _centred_lines(pdf, ASK, regular, 22, y - 10, width)
    bottom = _draw_qr(pdf, url, y - 4, 320)
    y = _centred_lines(pdf, "Scan the code with your phone’s camera, or go to", regular, 16,
                       bottom - 26, width)
    link = short_url(url)
    y = _centred_lines(pdf, link, bold, _fit(link, bold, 34, width), y - 12, width)
    y = _centred_lines(pdf, touchpoint.name, regular, 13, y - 4, width)
    _centred_lines(pdf, formats_line(survey, council_name), regular, 14, max(y - 16, MARGIN + 20), width)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
