"""QR codes for touchpoints (segno): PNG and SVG of the touchpoint's absolute URL."""
import io

import segno

ERROR_LEVEL = "q"  # survives a quarter of the code being scuffed or covered


def make(url):
    return segno.make(url, error=ERROR_LEVEL, micro=False)


def png(url, scale=10, border=4):
    buffer = io.BytesIO()
    make(url).save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()


def svg(url, scale=10, border=4, title=None):
    buffer = io.BytesIO()
    make(url).save(buffer, kind="svg", scale=scale, border=border, xmldecl=True, svgns=True,
                   title=title or url, nl=True)
    return buffer.getvalue()


def matrix(url):
    """The code's modules as rows of booleans (True = dark), without the quiet zone."""
    return [[bool(cell) for cell in row] for row in make(url).matrix]
