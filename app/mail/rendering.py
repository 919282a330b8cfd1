"""Rendering email templates (app/mail/templates/mail/<name>.txt and optional .html).

In .txt templates a line ending in a block tag ({% endif %}) loses its newline
(trim_blocks): use an inline `{{ "..." if x }}` there instead.

The text template's first line may be `Subject: ...` (itself a template). Templates
render with the app's Jinja environment (filters like `london`) plus:
  council   name, logo_text, colour
  base_url  BASE_URL without a trailing slash; track_url is base_url + "/track"
  longdate  filter: a date as "Monday 6 July 2026"
  noun      filter: a feedback kind as a word for residents ("service_request" -> "request")
  working_days_after(date, n)  the date n working days after `date` (HEARD_BANK_HOLIDAY_NATION)
Blocks are trimmed (trim_blocks, lstrip_blocks), so text templates stay readable.
Context values named in ONE_LINE_KEYS (name, original_subject, titles...) arrive as one clean
line (app.oneline); the rendered subject is one clean line of at most 250 characters.
"""
import datetime
from pathlib import Path

from flask import current_app
from jinja2 import ChoiceLoader, FileSystemLoader, TemplateNotFound
from markupsafe import escape

from app.oneline import one_line

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
SUBJECT_PREFIX = "Subject:"
# Context values shown on one line (a greeting, a subject, a heading): app.oneline cleans them.
ONE_LINE_KEYS = frozenset({"name", "original_subject", "reference", "service", "service_name", "survey_title",
                           "panel_name", "proposal_title", "title", "reviewer", "period", "severity"})
ONE_LINE_LIMIT = 200


class MissingTemplate(LookupError):
    pass


def environment(app=None, text=False):
    """The Jinja environment for email HTML (autoescaped) or, with text=True, plain text."""
    app = app or current_app._get_current_object()
    key = "heard_mail_text_env" if text else "heard_mail_env"
    env = app.extensions.get(key)
    if env is None:
        env = app.jinja_env.overlay(
            loader=ChoiceLoader([FileSystemLoader(str(TEMPLATE_DIR)), app.jinja_env.loader]),
            trim_blocks=True, lstrip_blocks=True, **({"autoescape": False} if text else {}))
        env.filters["longdate"] = longdate
        env.filters["noun"] = kind_noun
        env.globals["working_days_after"] = working_days_after
        app.extensions[key] = env
    return env


def base_context(app=None):
    app = app or current_app._get_current_object()
    settings = app.config["HEARD"]
    base_url = settings.base_url.rstrip("/")
    return {
        "council": {"name": settings.council_name, "logo_text": settings.council_logo_text,
                    "colour": settings.council_colour},
        "base_url": base_url,
        "track_url": f"{base_url}/track",
        "today": _london_today(),
    }


def _london_today():
    from app.db import utcnow
    from app.timefmt import to_london

    return to_london(utcnow()).date()


def render(template, context=None, subject=None):
    """(subject, text, html) for `template`. `subject` overrides the template's own."""
    env = environment(text=True)
    values = {**base_context(), **single_lines(context or {})}
    try:
        source, _, _ = env.loader.get_source(env, f"mail/{template}.txt")
    except TemplateNotFound:
        raise MissingTemplate(f"no email template mail/{template}.txt") from None
    first, _, rest = source.partition("\n")
    if first.startswith(SUBJECT_PREFIX):
        subject_source, body_source = first[len(SUBJECT_PREFIX):], rest.lstrip("\n")
    else:
        subject_source, body_source = "", source
    if subject is None:
        subject = env.from_string(subject_source).render(values)
    subject = one_line(subject, 250)
    if not subject:
        raise ValueError(f"email template {template!r} has no subject: pass subject=")
    text = env.from_string(body_source).render(values).strip() + "\n"
    html = _render_html(environment(), template, values, subject, text)
    # NUL characters cannot be stored in PostgreSQL text (nor belong in mail).
    return subject, text.replace("\x00", ""), html.replace("\x00", "")


def single_lines(context):
    """The context with every one-line value (names, subjects, titles: ONE_LINE_KEYS) made one
    clean line, so a name typed with line breaks or bidi overrides cannot add lines to a letter
    or disguise itself; the multi-line values (reasons, messages) are left as they are."""
    return {key: one_line(value, ONE_LINE_LIMIT) if key in ONE_LINE_KEYS and isinstance(value, str) else value
            for key, value in context.items()}


def _render_html(env, template, values, subject, text):
    try:
        page = env.get_template(f"mail/{template}.html")
    except TemplateNotFound:
        page = env.get_template("mail/_plain.html")
        values = {**values, "paragraphs": [escape(p) for p in text.split("\n\n") if p.strip()]}
    return page.render({**values, "subject": subject})


NOUNS = {"complaint": "complaint", "compliment": "compliment", "comment": "comment",
         "service_request": "request", "survey_answer": "feedback"}


def kind_noun(kind):
    return NOUNS.get(kind, "feedback")


def longdate(value):
    if isinstance(value, datetime.datetime):
        from app.timefmt import to_london

        value = to_london(value).date()
    if not isinstance(value, datetime.date):
        return str(value or "")
    from flask_babel import format_date  # in the email's language (app.i18n): English by default

    return format_date(value, "EEEE d MMMM y")


def working_days_after(start=None, days=5):
    """The date `days` working days after `start` (a date or naive-UTC datetime, counted from
    its Europe/London date; today if None), skipping the bank holidays of the app's nation
    (HEARD_BANK_HOLIDAY_NATION), by app.workdays."""
    from app.workdays import calendar

    if start is None:
        start = _london_today()
    if isinstance(start, datetime.datetime):
        from app.timefmt import to_london

        start = to_london(start).date()
    return calendar().add(start, days)
