"""What the layers below the shell need to know about languages (the shell's app.i18n does the
rest: Flask-Babel, the switch, the catalogues).

- `N_("Complaint")` marks words residents read for the catalogue (`pybabel extract -k N_`)
  without translating them: they stay English where they are defined (staff pages, audit
  lines), and are translated where a resident sees them.
- `written_language(person, offered)` is the language to write to a resident in.
"""


def N_(text):
    return text


def written_language(person, offered):
    """The language kept for `person` (Person.language) when the council offers it (`offered`:
    settings.languages, English first and always), else English."""
    language = getattr(person, "language", "") or ""
    return language if language in offered else offered[0]
