"""Languages on the public side (Flask-Babel): which one a page is in, the switch between them,
and the message catalogues.

The council offers the languages in LANGUAGES (settings.languages, e.g. "en,cy"; English
always). A public page is in, first, the language chosen with the switch (`?lang=cy`, kept in
the session); else the resident's remembered language (set when /track finds their feedback);
else the best of the browser's Accept-Language among those offered; else English. Staff pages
are always English. Emails and letters about a resident's feedback and case are rendered in the
language kept on their Person (app.languages.written_language, with force_locale where they are
built: app.feedback.services, app.cases.letters and the PDF letters, app.inbox.services,
surveys.invitations).

Catalogues live as text (app/translations/<lang>/LC_MESSAGES/messages.po) and are compiled
when the app starts, once per process, into a temporary folder: nothing binary is committed.
"""
import hashlib
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, g, has_request_context, request, session, url_for
from flask_babel import Babel, Domain, format_date, get_locale, refresh

from app.timefmt import london, to_london

CATALOGUES = Path(__file__).resolve().parent / "translations"
DEFAULT = "en"
NAMES = {"en": "English", "cy": "Cymraeg"}  # each in its own language, as the switch shows it
HTML_LANG = {"en": "en-GB", "cy": "cy"}
AM_PM = {"cy": ("yb", "yh")}  # y bore, yr hwyr
CHOSEN_KEY = "lang"  # the session's explicit choice (the switch)
REMEMBERED_KEY = "lang_remembered"  # the resident's language, once we know who they are
# Blueprints whose pages residents see; every other page is staff-only and stays English.
# Unmatched URLs (a 404 with no blueprint) count as public.
PUBLIC_BLUEPRINTS = {"pages", "feedback", "survey_public"}
_compiled = {}  # catalogue fingerprint -> folder of .mo files, for this process


def compiled_directory():
    """A folder holding every catalogue compiled to .mo, made once per process (and again only
    if a .po changed)."""
    sources = sorted(CATALOGUES.glob("*/LC_MESSAGES/messages.po"))
    fingerprint = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()
    if fingerprint not in _compiled:
        target = Path(tempfile.mkdtemp(prefix="heard-translations-"))
        for source in sources:
            with source.open("rb") as handle:
                catalogue = read_po(handle)
            out = target / source.relative_to(CATALOGUES).with_suffix(".mo")
            out.parent.mkdir(parents=True, exist_ok=True)
            with out.open("wb") as handle:
                write_mo(handle, catalogue)
        _compiled[fingerprint] = str(target)
    return _compiled[fingerprint]


class RequestDomain(Domain):
    """Flask-Babel's domain, with each request's translations kept on its Babel context for
    the locale in force (so force_locale, which sets another locale object, gets its own):
    a page translates a hundred strings, and working the translations out again for each cost
    a fifth of a survey page's CPU (issue 15's load goal)."""

    def get_translations(self):
        ctx = g.get("_flask_babel") if has_request_context() else None
        locale = getattr(ctx, "babel_locale", None)
        kept = getattr(ctx, "heard_translations", None)
        if kept is not None and locale is not None and kept[0] is locale:
            return kept[1]
        translations = super().get_translations()
        ctx = g.get("_flask_babel") if has_request_context() else None
        locale = getattr(ctx, "babel_locale", None)
        if ctx is not None and locale is not None:
            ctx.heard_translations = (locale, translations)
        return translations


def install(app, settings):
    app.config["BABEL_DEFAULT_LOCALE"] = DEFAULT
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = compiled_directory()
    babel = Babel(app, locale_selector=select_locale)
    babel.domain_instance = RequestDomain()  # in place of the plain Domain it would make
    app.before_request(_remember_choice)
    app.context_processor(_template_values)
    app.add_template_filter(london_words, "london_words")
    from app.feedback import tracking  # /track found the resident's feedback: use their language

    tracking.resident_known.connect(_resident_known, weak=False)


def offered():
    return current_app.config["HEARD"].languages


def _is_public():
    return request.blueprint is None or request.blueprint in PUBLIC_BLUEPRINTS


def _remember_choice():
    """`?lang=cy` on any public page: remember the choice for the rest of the visit. Marks the
    request as a resident's page (g.resident_page), so intake knows the page's language is the
    resident's choice (app.feedback.services)."""
    g.resident_page = _is_public()
    wanted = request.args.get("lang", "")
    if wanted in offered() and _is_public() and session.get(CHOSEN_KEY) != wanted:
        session[CHOSEN_KEY] = wanted


def select_locale():
    if not has_request_context() or not _is_public():
        return DEFAULT
    languages = offered()
    wanted = request.args.get("lang", "")
    for choice in (wanted, session.get(CHOSEN_KEY), session.get(REMEMBERED_KEY)):
        if choice in languages:
            return choice
    return request.accept_languages.best_match(languages) or DEFAULT


def current():
    """The page's language code ("en", "cy")."""
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT


def remember(language):
    """The resident is known (say, /track found their feedback): use their language unless
    they chose one on this visit."""
    if language in offered():
        session[REMEMBERED_KEY] = language
        refresh()


def _resident_known(item, language="", **_):
    if has_request_context():
        remember(language)


def london_words(value, with_time=True):
    """A date and time as `london` writes it ('3 March 2026, 2:05pm'), in the page's language:
    Welsh months, and yb/yh for am/pm."""
    if value is None or current() == DEFAULT:
        return london(value, with_time)
    local = to_london(value)
    text = format_date(local.date(), "d MMMM y")
    if with_time:
        hour = local.hour % 12 or 12
        text += f", {hour}:{local:%M}{AM_PM.get(current(), ('am', 'pm'))[local.hour >= 12]}"
    return text


def switch_links():
    """The switch's links: (code, name, url, is_current), or [] when one language is offered
    or on staff pages."""
    if not has_request_context() or request.endpoint is None or not _is_public():
        return []
    languages = offered()
    if len(languages) < 2:
        return []
    here, args = current(), dict(request.view_args or {})
    query = {key: value for key, value in request.args.items() if key != "lang"}
    return [(code, NAMES.get(code, code), url_for(request.endpoint, **args, **query, lang=code),
             code == here) for code in languages]


def _template_values():
    code = current() if has_request_context() else DEFAULT
    return {"html_lang": HTML_LANG.get(code, code), "language_links": switch_links}
