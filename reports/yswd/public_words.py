"""The words Heard itself supplies on residents' "You said, we did" pages, feed and PDF, in the
page's language: a period's name ("April to June 2026", "Ebrill i Fehefin 2026") and a theme's
sentiment in words. What officers wrote (titles, summaries, theme names) is left as written.
In English these say exactly what reads.public_view says (period.words, drafting.sentiment_words).
"""
import dataclasses
import datetime

from flask_babel import format_date, gettext

from app.languages import current

WHOLE_COUNCIL = "the whole council"  # services.new_draft's name for a council-wide publication
# Welsh months after "i" ("to") take the soft mutation: "Ionawr i Fawrth".
SOFT = {"Mawrth": "Fawrth", "Mai": "Fai", "Mehefin": "Fehefin", "Gorffennaf": "Orffennaf",
        "Medi": "Fedi", "Tachwedd": "Dachwedd"}


def _welsh():
    return current() == "cy"


def _after_to(text):
    if not _welsh():
        return text
    head, _, rest = text.partition(" ")
    return " ".join(part for part in (SOFT.get(head, head), rest) if part)


def _to(first, last):
    return gettext("%(start)s to %(end)s", start=first, end=_after_to(last))


def period_words(start, end):
    """"March 2026", "January to March 2026", "2025" or "3 March to 9 April 2026", in the page's
    language."""
    if start.day == 1 and (end + datetime.timedelta(days=1)).day == 1:
        if start.month == 1 and end.month == 12 and start.year == end.year:
            return str(start.year)
        if (start.year, start.month) == (end.year, end.month):
            return format_date(start, "MMMM y")
        first = format_date(start, "MMMM" if start.year == end.year else "MMMM y")
        return _to(first, format_date(end, "MMMM y"))
    first = format_date(start, "d MMMM" if start.year == end.year else "d MMMM y")
    return _to(first, format_date(end, "d MMMM y"))


def _vowel_sound(count):
    """Whether a number is said in Welsh with a vowel first (un, wyth, un ar ddeg, wyth deg...),
    so "and" before it is "ac" rather than "a"."""
    return count in (1, 8, 11, 16, 18) or 80 <= count <= 89 or (count > 99 and str(count)[:1] == "8")


def sentiment_words(negative, neutral, positive):
    """"8 negative, 3 neutral or mixed and 1 positive" (the parts that are not zero)."""
    parts = [(n, text) for n, text in (
        (negative, gettext("%(count)s negative", count=negative)),
        (neutral, gettext("%(count)s neutral or mixed", count=neutral)),
        (positive, gettext("%(count)s positive", count=positive))) if n]
    if not parts:
        return gettext("no sentiment recorded yet")
    if len(parts) == 1:
        return parts[0][1]
    head = ", ".join(text for _, text in parts[:-1])
    count, last = parts[-1]
    if _welsh() and _vowel_sound(count):
        return f"{head} ac {last}"
    return gettext("%(first)s and %(last)s", first=head, last=last)


def service_words(name):
    """A publication's service as residents see it: its name as configured, or "the whole
    council" in the language in force."""
    return gettext("the whole council") if name == WHOLE_COUNCIL else name


def title_words(publication):
    """The publication's title: as officers wrote it, or, while it is still the one Heard gave it
    (services.create_draft), that title in the language in force."""
    from reports.yswd import period

    service = publication.service.name if publication.service is not None else "the council"
    words = period.words(publication.period_start, publication.period_end)
    if publication.title != f"You said, we did: {service}, {words}":
        return publication.title
    if publication.service is None:
        service = gettext("the council")
    return gettext("You said, we did: %(service)s, %(period)s", service=service,
                   period=period_words(publication.period_start, publication.period_end))


def localised(view):
    """A reads.PublicationView with its period and sentiments in the page's language."""
    publication = view.publication
    themes = [dataclasses.replace(theme, sentiment=sentiment_words(
        theme.theme.negative, theme.theme.neutral, theme.theme.positive)) for theme in view.themes]
    return dataclasses.replace(view, period=period_words(publication.period_start, publication.period_end),
                               themes=themes)
