"""Residents' pages: the 3Cs journey at /feedback and tracking at /track.

Public forms: CSRF is checked inside each PublicForm (see app.publicforms), so a form sent
after its token or session expired re-shows what was typed with "This form has expired".
"""
import functools

from flask import (Blueprint, abort, current_app, flash, redirect, render_template, request,
                   session, url_for)
from flask_babel import gettext
from werkzeug.exceptions import RequestEntityTooLarge

from app.attachments import services as attachments
from app.attachments.content import MAX_FILES
from app.feedback import forms, services, tracking
from app.feedback.forms import CheckForm, MoreInformationForm, TrackForm
from app.feedback.journey import drafts, steps, uploads
from app.publicforms import address_key, limit_public_posts, over_limit, too_many_requests

bp = Blueprint("feedback", __name__, template_folder="templates")
bp.public_forms = True

SENT_KEY = "feedback_sent"
STEP_POSTS_FACTOR = 5  # a journey is ten pages, so its pages get a wider limit than sending


@bp.context_processor
def limits():
    return {"kind_hints": forms.KIND_HINTS, "text_limit": forms.TEXT_LIMIT,
            "put_right_limit": forms.PUT_RIGHT_LIMIT, "details_limit": forms.DETAILS_LIMIT,
            "not_found_message": tracking.NOT_FOUND}


def limit_step_posts(view):
    @functools.wraps(view)
    def limited(*args, **kwargs):
        limit = current_app.config["HEARD"].public_rate_limit * STEP_POSTS_FACTOR
        if request.method == "POST" and over_limit("feedback-step", limit):
            return too_many_requests()
        return view(*args, **kwargs)

    return limited


def _changing():
    return request.args.get("change") == "1"


def _step_url(step, change=False):
    return url_for("feedback.step", slug=step.slug, change="1" if change else None)


def _spam(form_name):
    """A filled-in honeypot: nothing is recorded, and the bot sees a normal ending."""
    services.record_spam(form_name, address_key())
    drafts.discard()
    session[SENT_KEY] = {"reference": "", "kind": "", "email": False}
    return redirect(url_for("feedback.sent"))


@bp.route("/feedback", methods=["GET", "POST"], defaults={"slug": "kind"})
@bp.route("/feedback/<slug>", methods=["GET", "POST"])
@limit_step_posts
def step(slug):
    page = steps.BY_SLUG.get(slug) or abort(404)
    answers = drafts.load()
    if not page.applies(answers):
        return redirect(url_for("feedback.check"))
    submitted = request.method == "POST"
    form = steps.build_form(page, answers, submitted)
    if submitted and form.is_spam():
        return _spam(page.slug)
    if submitted and form.validate():
        answers = steps.record(page, form, answers)
        drafts.save(answers)
        after = None if _changing() else steps.following(page.slug, answers)
        return redirect(_step_url(after) if after else url_for("feedback.check"))
    before = steps.previous(page.slug, answers)
    back = url_for("feedback.check") if _changing() else (
        _step_url(before) if before else url_for("pages.index"))
    return render_template(page.template, form=form, answers=answers, back=back,
                           needs_consent=steps.needs_consent(answers))


@bp.route("/feedback/files", methods=["GET", "POST"])
@limit_step_posts
def files():
    """Optional photos and documents: each POST uploads (or removes) and shows the page again,
    until Continue. Nothing typed on other pages is at stake here: it is in the draft."""
    page = steps.BY_SLUG["files"]
    request.max_content_length = uploads.LIMIT_BYTES
    answers, outcome = drafts.load(), uploads.Outcome()
    try:
        submitted = request.method == "POST" and request.form is not None
    except RequestEntityTooLarge:  # the form is not read at all: say so on the page, not a 413
        submitted, outcome.problems = False, [uploads.too_big_in_total()]
    form = page.form() if submitted else page.form(formdata=None)
    if submitted and form.is_spam():
        return _spam(page.slug)
    kept = []
    if submitted and form.validate():
        key = drafts.key(answers)
        remove = request.form.get("remove", "")
        chosen = [f for f in request.files.getlist("files") if f and f.filename]
        outcome = uploads.handle(key, chosen, int(remove) if remove.isdigit() else None)
        kept = attachments.for_draft(key)
        answers = dict(answers, files=[row.filename for row in kept])
        if request.form.get("action") == "continue" and not outcome.problems and not remove:
            answers = steps.record(page, form, answers)
            drafts.save(answers)
            after = None if _changing() else steps.following(page.slug, answers)
            return redirect(_step_url(after) if after else url_for("feedback.check"))
        drafts.save(answers)
    elif answers:
        kept = attachments.for_draft(drafts.key(answers))  # the draft exists: this only finds it
    before = steps.previous(page.slug, answers)
    back = url_for("feedback.check") if _changing() else (
        _step_url(before) if before else url_for("pages.index"))
    return render_template(page.template, form=form, answers=answers, back=back, kept=kept,
                           sizes=uploads.sizes(kept), outcome=outcome, hint=uploads.hint(),
                           max_files=MAX_FILES,
                           changing=_changing())


@bp.route("/feedback/check", methods=["GET", "POST"])
@limit_public_posts("feedback")
def check():
    answers = drafts.load()
    missing = steps.first_incomplete(answers)
    form = CheckForm()
    if request.method == "POST" and form.is_spam():
        return _spam("check")
    if not answers and request.method == "POST" and session.get(SENT_KEY):
        return redirect(url_for("feedback.sent"))  # "Send" pressed twice: it was sent once
    if missing is not None:
        return redirect(_step_url(missing, change=bool(answers.get("done"))))
    if request.method == "POST" and form.validate():
        item = services.submit_web_feedback(**steps.submission(answers), draft_key=drafts.key(answers))
        drafts.discard()
        session[SENT_KEY] = {"reference": item.reference, "kind": item.kind,
                             "email": item.acknowledgement_queued, "reply": steps.reply_by(answers),
                             "track_with": [words for way, words in (("email", "email address"),
                                                                     ("phone", "phone number"))
                                            if way in steps.ways_given(answers)]}
        return redirect(url_for("feedback.sent"))
    return render_template("feedback/check.html", form=form, rows=steps.summary(answers),
                           answers=answers)


@bp.route("/feedback/sent")
def sent():
    return render_template("feedback/sent.html", sent=session.get(SENT_KEY) or {})


@bp.route("/track", methods=["GET", "POST"])
@limit_public_posts("track")
def track():
    form = TrackForm(data={"reference": request.args.get("reference", "")[:40]})
    found = None
    if request.method == "POST" and form.is_spam():
        services.record_spam("track", address_key())
    elif request.method == "POST" and form.validate():
        found = tracking.find_item(form.reference.data, form.contact.data)
        if found is not None:
            tracking.remember(found)
            return redirect(url_for("feedback.tracked"))
    if request.method == "POST" and found is None and not form.errors:
        form.reference.errors = [tracking.NOT_FOUND]  # shown at the reference, linked from the summary
    return render_template("feedback/track.html", form=form)


@bp.route("/track/status", methods=["GET", "POST"])
@limit_public_posts("track-more")
def tracked():
    item = tracking.recall()
    if item is None:
        flash(gettext("To see your feedback, enter your reference number again"), "info")
        return redirect(url_for("feedback.track"))
    form = MoreInformationForm()
    if request.method == "POST" and form.is_spam():
        services.record_spam("track-more", address_key())
        return redirect(url_for("feedback.tracked"))
    if request.method == "POST" and form.validate():
        tracking.add_more_information(item, form.text.data)
        flash(gettext("Thank you. We have added your information to your feedback."), "success")
        return redirect(url_for("feedback.tracked"))
    return render_template("feedback/tracked.html", item=item, form=form, decision=tracking.decision(item),
                           timeline=tracking.timeline(item), updates=tracking.resident_updates(item))
