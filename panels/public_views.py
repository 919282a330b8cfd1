"""The public side of panels: /panels lists every panel (what it does and how to join), each
panel has its own page and application form, and a confirmation page follows a sent form.

A public form (app.publicforms): no sign-in, no CAPTCHA, a honeypot and rate-limited posts;
a form sent after its token expired shows everything typed again with "This form has
expired". Nothing a resident types reaches the log."""
from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_babel import get_locale

from app.forms import show_error
from app.publicforms import limit_public_posts
from panels import applications, demographics
from panels.application_form import (CONSENT_CHOICES, DETAILS, QUESTIONS, REASON_LIMIT, SUPPORT_LIMIT,
                                     application_form)
from panels.models import Panel

bp = Blueprint("panels_public", __name__, url_prefix="/panels", template_folder="templates")
bp.public_forms = True

APPLIED_KEY = "panel_applied"


def _panel_or_404(slug):
    panel = Panel.get_or_none(Panel.slug == slug) if len(slug) <= 120 else None
    if panel is None:
        abort(404)
    return panel


@bp.route("")
def index():
    panels = list(Panel.select().order_by(Panel.name))
    return render_template("panels/public_index.html", panels=panels)


@bp.route("/<slug>")
def show(slug):
    return render_template("panels/public_panel.html", panel=_panel_or_404(slug))


@bp.route("/<slug>/apply", methods=["GET", "POST"])
@limit_public_posts("panel-application")
def apply(slug):
    """Page one (details and consent), then, after a yes, page two (questions about them)."""
    panel = _panel_or_404(slug)
    if not panel.accepting_applications:
        return render_template("panels/public_closed.html", panel=panel)
    form = application_form(formdata=request.form if request.method == "POST" else None)
    if request.method == "GET":
        return _page(panel, form)
    if form.is_spam():  # a bot: it sees the usual ending, and nothing is kept
        session[APPLIED_KEY] = panel.id
        return redirect(url_for("panels_public.applied", slug=panel.slug))
    if request.form.get("back"):  # from the questions back to the details, everything kept
        return _page(panel, form, step=DETAILS)
    if not form.validate():
        on_questions = form.on_questions_page() and not form.details_have_errors()
        return _page(panel, form, step=QUESTIONS if on_questions else DETAILS)
    if form.questions_next():
        return _page(panel, form, step=QUESTIONS)
    try:
        applications.submit(panel, dict(form.answers(), language=_page_language()))
    except applications.ApplicationError as refusal:
        show_error(form, refusal)
        return _page(panel, form, step=DETAILS)
    session[APPLIED_KEY] = panel.id
    return redirect(url_for("panels_public.applied", slug=panel.slug))


def _page_language():
    """The page's language (app.i18n): the applicant's emails are written in it."""
    locale = get_locale()
    return locale.language if locale is not None else "en"


def _page(panel, form, step=None):
    form.step.data = step or form.step.data or DETAILS
    template = "panels/public_questions.html" if form.step.data == QUESTIONS else "panels/public_apply.html"
    return render_template(template, panel=panel, form=form, consent_choices=CONSENT_CHOICES,
                           reason_limit=REASON_LIMIT, support_limit=SUPPORT_LIMIT,
                           dimensions=demographics.DIMENSIONS)


@bp.route("/<slug>/apply/sent")
def applied(slug):
    panel = _panel_or_404(slug)
    if session.get(APPLIED_KEY) != panel.id:
        return redirect(url_for("panels_public.show", slug=panel.slug))
    return render_template("panels/public_applied.html", panel=panel)
