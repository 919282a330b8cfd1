"""A printable A4 poster for a touchpoint (ReportLab): the council's name, the survey's
title, what the survey asks and how long it takes (from its own questions), a big QR code,
the short URL in large type and how to get the survey in another format. No GOV.UK crown:
the council's own name and colour. Fonts are embedded (surveys.poster_text)."""
import io
import math
import re

from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from surveys import poster_text, qr

DEFAULT_ASK = "Tell us how we did today"
LONGEST_ASK = 120  # characters of the welcome text's first sentence a poster can carry
# Seconds a resident typically spends on one question of each kind (reading it included).
SECONDS = {"csat": 8, "rating": 8, "ces": 8, "nps": 10, "yes_no": 6, "fcr": 6, "single": 12,
           "multiple": 18, "short_text": 30, "long_text": 60}
START_SECONDS = 10  # opening the page, pressing Send
MARGIN = 48


def ask(survey):
    """The survey's own invitation: the first sentence of its welcome text, when that is short
    enough for a poster; otherwise the general ask."""
    first = re.split(r"(?<=[.!?])\s+|\n", (survey.welcome_text or "").strip(), maxsplit=1)[0].strip()
    return first if 0 < len(first) <= LONGEST_ASK else DEFAULT_ASK


def effort(questions):
    """'3 questions, about 1 minute': counted from the questions residents will see ('' for
    none). Minutes are rounded up, so the poster never promises less than it takes."""
    if not questions:
        return ""
    seconds = START_SECONDS + sum(SECONDS.get(q.kind, 20) for q in questions)
    minutes = max(1, math.ceil(seconds / 60))
    count = f"{len(questions)} question{'' if len(questions) == 1 else 's'}"
    return f"{count}, about {minutes} minute{'' if minutes == 1 else 's'}"


def poster_questions(survey):
    """The questions of the live version (the latest draft if nothing is live yet)."""
    from surveys.services import live_version
    from surveys.versions import latest_version, questions

    version = live_version(survey) or latest_version(survey)
    return questions(version) if version is not None else []


def formats_line(survey, council_name):
    if survey.formats_phone:
        return f"Need this in another format? Ask a member of staff or call {survey.formats_phone}."
    return f"Need this in another format? Ask a member of staff or contact {council_name}."


def short_url(url):
    return url.split("://", 1)[-1]


def _centred_lines(pdf, text, font, size, y, width, leading=1.25):
    """Draw `text` wrapped and centred from baseline `y` down; returns the next y."""
    for line in poster_text.wrap(text, font, size, width):
        poster_text.draw_centred(pdf, A4[0] / 2, y, line, font, size)
        y -= size * leading
    return y


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


def _band(pdf, council_name, colour, bold, width):
    band = 90
    pdf.setFillColor(HexColor(colour))
    pdf.rect(0, A4[1] - band, A4[0], band, stroke=0, fill=1)
    pdf.setFillColor(white)
    size = poster_text.fit(council_name, bold, 26, width)
    poster_text.draw(pdf, MARGIN, A4[1] - band / 2 - size / 3, council_name, bold, size)
    pdf.setFillColor(black)
    return A4[1] - band


def render(touchpoint, url, *, council_name, council_colour="#1d70b8"):
    """The poster as PDF bytes."""
    regular, bold = poster_text.register()
    survey = touchpoint.survey
    width = A4[0] - 2 * MARGIN
    how_long = effort(poster_questions(survey))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=regular)
    pdf.setTitle(f"{survey.title} – {touchpoint.name}")
    pdf.setAuthor(council_name)
    pdf.setSubject(" — ".join(filter(None, (ask(survey), how_long))))

    top = _band(pdf, council_name, council_colour, bold, width)
    y = _centred_lines(pdf, survey.title, bold, 30, top - 56, width)
    y = _centred_lines(pdf, ask(survey), regular, 22, y - 10, width)
    if how_long:
        y = _centred_lines(pdf, how_long.capitalize(), regular, 18, y - 2, width)
    bottom = _draw_qr(pdf, url, y - 4, 300 if how_long else 320)
    y = _centred_lines(pdf, "Scan the code with your phone’s camera, or go to", regular, 16,
                       bottom - 26, width)
    link = short_url(url)
    y = _centred_lines(pdf, link, bold, poster_text.fit(link, bold, 34, width), y - 12, width)
    y = _centred_lines(pdf, touchpoint.name, regular, 13, y - 4, width)
    _centred_lines(pdf, formats_line(survey, council_name), regular, 14, max(y - 16, MARGIN + 20), width)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
