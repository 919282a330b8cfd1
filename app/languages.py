"""What the layers below the shell need to know about languages (the shell's app.i18n does the
rest: Flask-Babel, the switch, the catalogues).

- `N_("Complaint")` marks words residents read for the catalogue (`pybabel extract -k N_`)
  without translating them: they stay English where they are defined (staff pages, audit
  lines), and are translated where a resident sees them.
- `written_language(person, offered)` is the language to write to a resident in.
- `current()` is the page's (or, inside force_locale, the letter's) language code, and
  `html_lang(code)` its value for `<html lang>`.
"""
from flask_babel import get_locale

DEFAULT = "en"
CHOSEN_KEY = "lang"  # the session key of the language chosen on this visit (the switch, a setting)
HTML_LANG = {"en": "en-GB", "cy": "cy"}


def N_(text):
    return text


def written_language(person, offered):
    """The language kept for `person` (Person.language) when the council offers it (`offered`:
    settings.languages, English first and always), else English."""
    language = getattr(person, "language", "") or ""
    return language if language in offered else offered[0]


def current():
    """The language in force ("en", "cy"): the page's, or the one force_locale set."""
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT


def html_lang(code):
    return HTML_LANG.get(code, code)
