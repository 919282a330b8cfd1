"""Wiring the shell: settings, database, queue, extensions, blueprints, CLI."""
import datetime
import logging

from flask import g, request
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from werkzeug.routing import IntegerConverter, UnicodeConverter

from app.db import db, init_database
from app.queue import configure_queue

log = logging.getLogger(__name__)


def install(app, settings):
    app.config.update(
        HEARD=settings,
        SECRET_KEY=settings.secret_key,
        TESTING=settings.testing,
        MAX_CONTENT_LENGTH=settings.max_content_length,
        MAX_FORM_MEMORY_SIZE=settings.max_content_length,
        # With secure cookies the name's __Host- prefix makes browsers refuse the cookie unless it
        # came over HTTPS for this exact host and path "/": no subdomain can plant or widen it.
        SESSION_COOKIE_NAME="__Host-heard_session" if settings.secure_cookies else "heard_session",
        SESSION_COOKIE_PATH="/",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        REMEMBER_COOKIE_SECURE=settings.secure_cookies,
        # Residents' journey drafts last 3 days; staff sessions expire server-side.
        PERMANENT_SESSION_LIFETIME=datetime.timedelta(days=3),
        WTF_CSRF_TIME_LIMIT=None,  # a slow resident keeps their answers; see app.security
        PREFERRED_URL_SCHEME="https" if settings.secure_cookies else "http",
    )
    _trust_proxies(app, settings.trusted_proxies)
    init_database(settings.database_url, settings.sqlite_synchronous)
    configure_queue(settings, app)
    app.url_map.converters["id"] = IdConverter
    app.url_map.converters["default"] = app.url_map.converters["string"] = TextConverter
    _connection_per_request(app)
    _extensions(app)
    from app import i18n

    i18n.install(app, settings)
    _blueprints(app)
    from app.api import setup as api

    api.install(app)  # the open API (/api/v1) and its admin pages
    _commands(app)
    from app import security, wiring

    security.install(app)
    wiring.install(app, settings)


def _trust_proxies(app, count):
    """Behind `count` reverse proxies (TRUSTED_PROXIES), the client's address and scheme come from
    the X-Forwarded-For and X-Forwarded-Proto values those proxies added, so every limit keyed on
    request.remote_addr counts each visitor, not the proxy. With 0 (the default) the headers are
    ignored: anyone can send them, so trusting them without a proxy would let a guesser pick a
    new address for every attempt."""
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=0, x_port=0, x_prefix=0)


class IdConverter(IntegerConverter):
    """A database id in a URL (`<id:case_id>`): 1 to 2**31 - 1, the ids every table can hold on
    both engines. Anything else (huge, zero, negative, not a number) matches no route, so it is
    a 404 and never reaches the database. Every id in a URL uses it (tests/core/test_ids.py)."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=2 ** 31 - 1)


class TextConverter(UnicodeConverter):
    """A text segment in a URL (`<code>`, `<token>`, `<slug>`): as Werkzeug's, but never with a
    control character, so "/s/%00" is a 404 rather than a NUL that PostgreSQL refuses."""

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", "[^/\\x00-\\x1f\\x7f]", 1)


def _connection_per_request(app):
    @app.before_request
    def open_connection():
        db.connect(reuse_if_open=True)

    @app.teardown_request
    def close_connection(exc):
        if not db.is_closed():
            db.close()


def _extensions(app):
    CSRFProtect(app)
    login = LoginManager(app)
    login.login_view = "auth.login"
    login.login_message = "Sign in to see that page"
    login.login_message_category = "info"
    login.session_protection = None  # our own server-side sessions rotate and expire

    from app.auth import sessions

    login.request_loader(sessions.load_from_request)

    from app.timefmt import london

    app.add_template_filter(london, "london")

    @app.context_processor
    def council():
        settings = app.config["HEARD"]
        return {"council": {"name": settings.council_name, "logo_text": settings.council_logo_text,
                            "colour": settings.council_colour}}


# Every module holding a Blueprint called `bp`; add yours here.
BLUEPRINT_MODULES = (
    "app.pages",
    "app.auth.views",
    "app.auth.admin",
    "app.webhooks.views",
    "app.privacy.views",
    "app.staff",
    "app.inbox.views",
    "app.feedback.views",
    "app.mail.views",
    "surveys.views",
    "surveys.touchpoint_views",
    "surveys.public",
    "app.learning.views",
    "app.learning.admin_views",
    "app.cases.search_views",
    "app.cases.queues",
    "app.cases.escalation",
    "app.cases.views",
    "app.cases.action_views",
    "app.cases.stage_views",
    "app.cases.people_views",
    "app.contacts.views",
    "app.attachments.views",
    "app.actions.views",
    "reports.drivers",
    "reports.yswd.staff_views",
    "reports.yswd.public_views",
    "reports.dashboard",
    "reports.delivery.views",
    "reports.annual.staff_views",
    "reports.annual.public_views",
    "reports.archive.views",
    "panels.member_views",
    "panels.proposals.results_views",
    "panels.survey_views",
    "panels.public_views",
    "panels.staff_views",
    "panels.proposals.staff_views",
    "panels.proposals.member_views",
)


def _blueprints(app):
    import importlib

    for name in BLUEPRINT_MODULES:
        register(app, importlib.import_module(name).bp)


def register(app, blueprint):
    """Register a blueprint. Public-form blueprints (`blueprint.public_forms = True`)
    check CSRF inside their PublicForm, so an expired token re-shows the answers
    instead of discarding them (see app.publicforms)."""
    app.register_blueprint(blueprint)
    if getattr(blueprint, "public_forms", False):
        app.extensions["csrf"].exempt(blueprint)


def _commands(app):
    from app.cli import register

    register(app)
