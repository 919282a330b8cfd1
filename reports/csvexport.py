"""CSV exports that are safe to open in a spreadsheet: a text cell that begins with = + - @, a
tab or a carriage return (a formula, or the start of one) is written with a leading apostrophe,
so it shows as text and never runs (OWASP's advice on CSV injection). Numbers stay numbers."""
import csv
import io

from flask import Response

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, int):
        return value
    text = str(value)
    return "'" + text if text.startswith(DANGEROUS_STARTS) else text


def write(rows):
    """CSV text of rows (lists of cells), each cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def response(rows, filename):
    return Response(write(rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "X-Content-Type-Options": "nosniff"})
