"""The periods a publication can cover (a calendar month, quarter or year, Europe/London),
how a page names them, and their bounds in stored (naive UTC) time."""
import datetime

from babel.dates import format_date
from flask_babel import gettext

from app.languages import current
from app.timefmt import month_end, to_london

MONTHS_BACK, QUARTERS_BACK, YEARS_BACK = 12, 4, 1
SOFT = {"Mawrth": "Fawrth", "Mai": "Fai", "Mehefin": "Fehefin", "Gorffennaf": "Orffennaf",
        "Medi": "Fedi", "Tachwedd": "Dachwedd"}


def month(year, number):
    return datetime.date(year, number, 1), month_end(datetime.date(year, number, 1))


def quarter(year, number):
    first = 3 * (number - 1) + 1
    return datetime.date(year, first, 1), month_end(datetime.date(year, first + 2, 1))


def year(number):
    return datetime.date(number, 1, 1), datetime.date(number, 12, 31)


def parse(value):
    """(first day, last day) for "2026-03", "2026-Q1" or "2026"; None for anything else."""
    value = str(value or "").strip()
    try:
        if len(value) == 4 and value.isdigit():
            return year(int(value))
        head, _, tail = value.partition("-")
        if len(head) != 4 or not head.isdigit():
            return None
        if tail[:1] == "Q" and tail[1:] in ("1", "2", "3", "4"):
            return quarter(int(head), int(tail[1:]))
        if tail.isdigit() and 1 <= int(tail) <= 12 and len(tail) == 2:
            return month(int(head), int(tail))
    except ValueError:
        return None
    return None


def words(start, end):
    """"March 2026", "January to March 2026", "2025", or "3 March to 9 April 2026", in the
    language in force (English for staff and in the worker; "Ebrill i Fehefin 2026" on a Welsh
    page). Works outside an app too (in English)."""
    language = current()
    if start.day == 1 and (end + datetime.timedelta(days=1)).day == 1:
        if start.month == 1 and end.month == 12 and start.year == end.year:
            return str(start.year)
        if (start.year, start.month) == (end.year, end.month):
            return format_date(start, "MMMM y", locale=language)
        first = format_date(start, "MMMM" if start.year == end.year else "MMMM y", locale=language)
        return _to(first, format_date(end, "MMMM y", locale=language))
    first = format_date(start, "d MMMM" if start.year == end.year else "d MMMM y", locale=language)
    return _to(first, format_date(end, "d MMMM y", locale=language))


def _to(first, last):
    return gettext("%(start)s to %(end)s", start=first, end=_after_to(last))


def _after_to(text):
    """Welsh months after "i" ("to") take the soft mutation: "Ionawr i Fawrth"."""
    if current() != "cy":
        return text
    head, _, rest = text.partition(" ")
    return " ".join(part for part in (SOFT.get(head, head), rest) if part)


def choices(today=None):
    """[(value, label)] for the draft form: this and recent months, quarters and years."""
    today = today or to_london(datetime.datetime.now(datetime.timezone.utc)).date()
    found = []
    for back in range(MONTHS_BACK + 1):
        index = today.year * 12 + today.month - 1 - back
        start, end = month(index // 12, index % 12 + 1)
        found.append((f"{start:%Y-%m}", words(start, end)))
    this_quarter = (today.month - 1) // 3
    for back in range(QUARTERS_BACK + 1):
        index = today.year * 4 + this_quarter - back
        start, end = quarter(index // 4, index % 4 + 1)
        found.append((f"{start.year}-Q{index % 4 + 1}", words(start, end)))
    for back in range(YEARS_BACK + 1):
        start, end = year(today.year - back)
        found.append((str(start.year), words(start, end)))
    return found


