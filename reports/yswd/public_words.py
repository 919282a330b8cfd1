"""The words Heard itself supplies on residents' "You said, we did" pages, feed and PDF that are
stored in English: the whole council's name and the title Heard gave a publication, in the
language in force. What officers wrote (titles, summaries, theme names) is left as written. (The
period's name and the sentiments are worked out in the language in force where they are made:
period.words, drafting.sentiment_words.)
"""
from flask_babel import force_locale, gettext

from app.languages import DEFAULT
from reports.yswd import period

WHOLE_COUNCIL = "the whole council"  # services.create_draft's name for a council-wide publication


def service_words(name):
    """A publication's service as residents see it: its name as configured, or "the whole
    council" in the language in force."""
    return gettext("the whole council") if name == WHOLE_COUNCIL else name


def title_words(publication):
    """The publication's title: as officers wrote it, or, while it is still the one Heard gave it
    (services.create_draft, in English), that title in the language in force."""
    service = publication.service.name if publication.service is not None else "the council"
    with force_locale(DEFAULT):
        given = f"You said, we did: {service}, {period.words(publication.period_start, publication.period_end)}"
    if publication.title != given:
        return publication.title
    if publication.service is None:
        service = gettext("the council")
    return gettext("You said, we did: %(service)s, %(period)s", service=service,
                   period=period.words(publication.period_start, publication.period_end))
