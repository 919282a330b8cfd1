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
from flask_babel import Babel, Domain, format_date, get_translations, refresh
from jinja2 import pass_context
from markupsafe import Markup

from app.languages import CHOSEN_KEY, DEFAULT, current, html_lang
from app.timefmt import london, to_london

CATALOGUES = Path(__file__).resolve().parent / "translations"
NAMES = {"en": "English", "cy": "Cymraeg"}  # each in its own language, as the switch shows it
AM_PM = {"cy": ("yb", "yh")}  # y bore, yr hwyr
REMEMBERED_KEY = "lang_remembered"  # the resident's language, once we know who they are
# Blueprints whose pages residents see; every other page is staff-only and stays English.
# Unmatched URLs (a 404 with no blueprint) count as public.
PUBLIC_BLUEPRINTS = {"pages", "feedback", "survey_public", "cases_public", "yswd_public", "annual_public",
                     "panels_public", "panel_members", "proposals_members", "proposal_results"}
_compiled = {}  # catalogue fingerprint -> folder of .mo files, for this process


def compiled_directory():
    """A folder holding every language's catalogue compiled to .mo, made once per process (and
    again only if a .po changed). A language's catalogue may be kept in several .po files (one
    per part of the product: messages.po, panels.po, ...); they are merged into its one
    messages.mo, the first file's header kept."""
    sources = sorted(CATALOGUES.glob("*/LC_MESSAGES/*.po"))
    fingerprint = hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in sources)).hexdigest()
    if fingerprint not in _compiled:
        target = Path(tempfile.mkdtemp(prefix="heard-translations-"))
        for folder in sorted({source.parent for source in sources}):
            out = target / folder.relative_to(CATALOGUES) / "messages.mo"
            out.parent.mkdir(parents=True, exist_ok=True)
            with out.open("wb") as handle:
                write_mo(handle, merged_catalogue(folder))
        _compiled[fingerprint] = str(target)
    return _compiled[fingerprint]


def merged_catalogue(folder):
    """One language's .po files as one catalogue (messages.po first)."""
    files = sorted(folder.glob("*.po"), key=lambda path: (path.name != "messages.po", path.name))
    merged = None
    for path in files:
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale=folder.parent.name)
        if merged is None:
            merged = catalogue
            continue
        for message in catalogue:
            if message.id:
                merged[message.id] = message
    return merged


class RequestDomain(Domain):
    """Flask-Babel's domain, with the translations in force kept on the Babel context beside
    the locale they are for (so force_locale, which sets another locale object, gets its own):
    a page translates a hundred strings, and working the translations out again for each,
    through Flask-Babel's proxies, cost a fifth of a survey page's CPU (issue 15's load goal)."""

    def get_translations(self):
        return kept_translations() or self._work_out()

    def _work_out(self):
        translations = super().get_translations()
        ctx = _babel_context()
        locale = getattr(ctx, "babel_locale", None)
        if locale is not None:
            ctx.heard_translations = (locale, translations)
        return translations


def _babel_context():
    """Flask-Babel's per-context namespace, or None: read once through `g` rather than the
    three proxy reads Flask-Babel's own lookup makes."""
    try:
        return g._get_current_object().__dict__.get("_flask_babel")
    except RuntimeError:  # no application context
        return None


def kept_translations():
    """The translations kept for the locale in force, or None until they are worked out."""
    ctx = _babel_context()
    if ctx is None:
        return None
    kept = getattr(ctx, "heard_translations", None)
    if kept is not None and kept[0] is getattr(ctx, "babel_locale", None):
        return kept[1]
    return None


def _translations():
    return kept_translations() or get_translations()


@pass_context
def template_gettext(context, string, **variables):
    """A template's _() and {% trans %}: as Jinja's own "newstyle" gettext (the text is
    always a format string, escaped when the template is), without the two indirect calls
    Jinja makes for each string."""
    text = _translations().ugettext(string)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


def install(app, settings):
    app.config["BABEL_DEFAULT_LOCALE"] = DEFAULT
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = compiled_directory()
    babel = Babel(app, locale_selector=select_locale)
    babel.domain_instance = RequestDomain()  # in place of the plain Domain it would make
    # The templates' _() reach the kept translations directly, not through get_domain().
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True)
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext)
    app.before_request(_remember_choice)
    app.context_processor(_template_values)
    app.add_template_filter(london_words, "london_words")
    from app.feedback import tracking  # /track found the resident's feedback: use their language

    tracking.resident_known.connect(_resident_known, weak=False)


def offered():
    return current_app.config["HEARD"].languages


def _is_public():
    """A resident's page: in a public blueprint (or none, as an unmatched URL), and never under
    /staff/ (a blueprint such as proposal_results serves both)."""
    return (request.blueprint is None or request.blueprint in PUBLIC_BLUEPRINTS) \
        and not request.path.startswith("/staff/")


def _remember_choice():
    """`?lang=cy` on any public page: remember the choice for the rest of the visit. Marks the
    request as a resident's page (g.resident_page), so intake knows the page's language is the
    resident's choice (app.feedback.services)."""
    public = g.resident_page = _is_public()
    wanted = _asked_for()
    if wanted and public and wanted in offered() and session.get(CHOSEN_KEY) != wanted:
        session[CHOSEN_KEY] = wanted


def _asked_for():
    """The `lang` of the query string, or "" (without parsing a query string that has none:
    most requests, and a survey page's three requests, have no query string at all)."""
    return request.args.get("lang", "") if request.query_string else ""


def select_locale():
    if not has_request_context():
        return DEFAULT
    languages = offered()
    if len(languages) < 2 or not _is_public():  # English only, or a staff page
        return DEFAULT
    for choice in (_asked_for(), session.get(CHOSEN_KEY), session.get(REMEMBERED_KEY)):
        if choice in languages:
            return choice
    return request.accept_languages.best_match(languages) or DEFAULT


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
    return {"html_lang": html_lang(code), "language_links": switch_links}
