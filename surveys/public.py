"""The resident's side: /s/<code> from a touchpoint (a QR code, a poster, a link) and
/s/i/<token> from an emailed invitation. No sign-in, a honeypot, rate-limited posts; an
expired form shows the answers again instead of losing them (app.publicforms)."""
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from markupsafe import Markup

from app.publicforms import limit_public_posts
from surveys import invitations, paging, public_cache, responses, services, touchpoints, versions
from surveys.forms import SCALES, answers_from, field_name, quote_consent, survey_form

bp = Blueprint("survey_public", __name__, template_folder="templates")
bp.public_forms = True

CLOSED_PAGES = {"not_published": "not_open", "not_yet_open": "not_yet_open", "closed": "closed"}


def _closed(survey, why):
    return render_template("surveys/public/unavailable.html", survey=survey, why=why)


def _answer_page(survey, version, *, touchpoint=None, invitation=None, questions=None):
    """Show the questions (PAGE_SIZE to a page; the other pages' answers ride along as
    hidden fields); on a valid last page record the response and thank them. "Back" (a
    button of the same form) shows the page before with everything answered kept."""
    questions = list(questions) if questions is not None else versions.questions(version)
    pages = paging.split(questions)
    # Only urlencoded or multipart fields count: never files, never a JSON body.
    form = survey_form(questions, anonymous=survey.anonymous,
                       formdata=request.form if request.method == "POST" else None)
    page = 0
    if request.method == "POST":
        if form.is_spam():  # a bot: thank it and keep nothing
            return redirect(url_for("survey_public.thanks", survey_id=survey.id))
        requested = paging.requested_page(request.form.get("page"), pages)
        if request.form.get("back") and requested > 0:  # "Back": the page before, answers kept
            return _render_page(survey, form, pages, requested - 1)
        if form.validate() and requested == len(pages) - 1:
            contact = None
            if not survey.anonymous:
                contact = {"ok": form.contact_ok.data, "email": form.contact_email.data}
            try:
                responses.record_response(version, questions, answers_from(form, questions),
                                          touchpoint=touchpoint, invitation=invitation, contact=contact,
                                          quote_consent=quote_consent(form))
            except responses.AlreadyAnswered:
                return render_template("surveys/public/already_answered.html", survey=survey)
            return redirect(url_for("survey_public.thanks", survey_id=survey.id))
        page = paging.next_page(form, pages, requested)
    return _render_page(survey, form, pages, page)


def _render_page(survey, form, pages, page):
    questions, last = pages[page], page == len(pages) - 1
    fresh = request.method == "GET"  # nothing answered yet, so no errors and no values

    def make():
        return Markup(render_template("surveys/public/_questions.html", survey=survey, form=form,
                                      questions=questions, last=last, field_name=field_name,
                                      scales=SCALES))

    key = (type(form), tuple(question.id for question in questions), last, str(get_locale()))
    return render_template("surveys/public/answer.html", survey=survey, form=form, pages=pages, page=page,
                           questions_html=_kept_questions(key, make) if fresh else make(),
                           carried=paging.carried(form, pages, page))


_QUESTIONS_HTML = {}  # (form class, questions, last page?, language) -> the questions' HTML
MAX_KEPT = 512


def _kept_questions(key, make):
    """A fresh form's questions as HTML, made once per form class, page and language: the
    radios of a scale question are most of a survey page's CPU (issue 15's load goal). A form
    class is made once per live version's questions (surveys.forms), so its HTML never goes
    stale; the form's values, errors and CSRF token are outside this HTML."""
    html = _QUESTIONS_HTML.get(key)
    if html is None:
        html = make()
        if len(_QUESTIONS_HTML) >= MAX_KEPT:
            _QUESTIONS_HTML.clear()
        _QUESTIONS_HTML[key] = html
    return html


@bp.route("/s/<code>", methods=["GET", "POST"])
@limit_public_posts("survey")
def by_code(code):
    page = public_cache.page_for(touchpoints.normalise_code(code), _cache_seconds())
    if page is None:
        abort(404)
    why = services.availability(page.survey, live=page.version)
    if why != "open" or not page.touchpoint.active:
        return _closed(page.survey, CLOSED_PAGES.get(why, "closed"))
    return _answer_page(page.survey, page.version, touchpoint=page.touchpoint, questions=page.questions)


def _cache_seconds():
    return current_app.config["HEARD"].public_cache_seconds


@bp.route("/s/i/<token>", methods=["GET", "POST"])
@limit_public_posts("survey")
def by_invitation(token):
    invitation = invitations.by_token(token)
    if invitation is None:
        return render_template("surveys/public/bad_link.html"), 404
    survey = invitation.survey
    state = invitations.state(invitation)
    if state == "answered":
        return render_template("surveys/public/already_answered.html", survey=survey)
    if state == "expired":
        return _closed(survey, "expired")
    version = services.live_version(survey)
    why = services.availability(survey, live=version)
    if why != "open":
        return _closed(survey, CLOSED_PAGES.get(why, "closed"))
    version.survey = survey
    return _answer_page(survey, version, invitation=invitation)


@bp.route("/s/thanks/<id:survey_id>")
def thanks(survey_id):
    survey = public_cache.survey(survey_id, _cache_seconds())
    if survey is None:
        abort(404)
    return render_template("surveys/public/thanks.html", survey=survey)
