"""The one CSV writer: every CSV the platform hands out is written here.

Safe to open in a spreadsheet (OWASP, "CSV injection"): a text cell that begins with = + - @
(or their full-width forms), a tab, a carriage return or a line feed, even after leading
spaces, could be read as a formula, so it is written with a leading apostrophe and shows as
text. That goes for every cell: headers, staff-entered names (touchpoints, surveys, services,
topics) and residents' words alike. Numbers stay numbers: ints and floats are written as they
are, and so is text that is just a negative number ("-3", "-0.25", "-1.5e3"); "-1+1" is not.

UTF-8 with a byte order mark (Excel on Windows reads UTF-8 without one as Windows-1252, so
"café" would show as "cafÃ©"), CRLF line ends (RFC 4180, as the csv module writes them).
"""
import csv
import io
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
CONTROL_STARTS = ("\t", "\r", "\n")
NEGATIVE_NUMBER = re.compile(r"-(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
BOM = "\ufeff"
MIMETYPE = "text/csv"


def cell(value):
    """One cell as the csv module should write it: None is empty, True/False are Yes/No,
    numbers stay numbers, and text that could start a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    if text.startswith(CONTROL_STARTS):
        return "'" + text
    stripped = text.lstrip(" \u00a0\u3000")
    if stripped.startswith(FORMULA_STARTS) and not NEGATIVE_NUMBER.fullmatch(stripped):
        return "'" + text
    return text


def csv_text(rows):
    """CSV text (with its byte order mark) of `rows`, each an iterable of cells."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)  # excel dialect: CRLF line ends, quotes where needed
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue()


def csv_response(rows, filename):
    """A download of `rows` as `filename` (a name we made: ids, dates and ASCII words)."""
    from flask import Response

    safe_name = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-.") or "export.csv"
    return Response(csv_text(rows).encode("utf-8"), mimetype=MIMETYPE,
                    headers={"Content-Disposition": f'attachment; filename="{safe_name}"',
                             "X-Content-Type-Options": "nosniff"})
