"""The record of processing for administrators (and the council's data protection officer)."""
import datetime
import re

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR
from app.cases.clocks import london_today
from app.forms import show_error
from app.privacy import holds, requests, schedule
from app.privacy.categories import CATEGORIES
from app.privacy.find import QueryError
from app.privacy.forms import (AnsweredForm, ErasureForm, HoldForm, PeriodForm, ReleaseForm, RequestForm,
                               ReviewForm)
from app.privacy.models import AccessRequest, LegalHold
from app.privacy.processing import record_of_processing

bp = Blueprint("privacy", __name__, url_prefix="/staff/admin/privacy", template_folder="templates")


@bp.route("")
@roles_required(ADMINISTRATOR)
def processing():
    headings = record_of_processing()
    return render_template("privacy/processing.html", headings=headings,
                           tables=sum(len(h.holdings) for h in headings))


@bp.route("/retention")
@roles_required(ADMINISTRATOR)
def retention():
    return render_template("privacy/retention.html", rows=schedule.schedule())


@bp.route("/retention/<category>", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def change_period(category):
    kind = CATEGORIES.get(category)
    if kind is None or kind.days is None:
        abort(404)
    form = PeriodForm(data={"days": str(schedule.days_for(category))})
    if form.validate_on_submit():
        schedule.set_days(category, int(form.days.data), current_user)
        flash(f"{kind.name}: now kept {int(form.days.data):,} days after {kind.starts}")
        return redirect(url_for("privacy.retention"))
    return render_template("privacy/change_period.html", form=form, category=kind)


@bp.route("/holds")
@roles_required(ADMINISTRATOR)
def hold_list():
    return render_template("privacy/holds.html", holds=holds.all_holds(), describe=holds.describe)


@bp.route("/holds/new", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def new_hold():
    form = HoldForm()
    if form.validate_on_submit():
        try:
            hold = holds.place(form.target.data, form.reason.data, current_user)
        except holds.HoldError as error:
            show_error(form, error)
        else:
            flash(f"Legal hold placed: nothing about {holds.describe(hold)} will be deleted until it is released")
            return redirect(url_for("privacy.hold_list"))
    return render_template("privacy/new_hold.html", form=form)


@bp.route("/holds/<id:hold_id>/release", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def release_hold(hold_id):
    hold = LegalHold.get_or_none(LegalHold.id == hold_id)
    if hold is None:
        abort(404)
    form = ReleaseForm()
    if hold.released_at is None and form.validate_on_submit():
        try:
            holds.release(hold, form.reason.data, current_user)
        except holds.HoldError as error:
            show_error(form, error)
        else:
            flash(f"Legal hold on {holds.describe(hold)} released: the retention schedule applies again")
            return redirect(url_for("privacy.hold_list"))
    return render_template("privacy/release_hold.html", form=form, hold=hold, what=holds.describe(hold))


@bp.route("/requests")
@roles_required(ADMINISTRATOR)
def request_queue():
    waiting, answered = requests.queue()
    today = london_today()
    return render_template("privacy/requests.html", waiting=waiting, answered=answered,
                           state=lambda r: requests.state(r, today))


@bp.route("/requests/new", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def new_request():
    form = RequestForm()
    if request.method == "GET":
        today = london_today()
        form.received_day.data, form.received_month.data, form.received_year.data = (
            str(today.day), str(today.month), str(today.year))
    if form.validate_on_submit():
        if form.received_on > london_today():
            form.received_day.errors = ["The date the request was received must be today or in the past"]
        else:
            try:
                logged = requests.log_request(form.identifier.data or "", form.requester.data or "",
                                              form.received_on, current_user)
            except QueryError as error:
                error.field = "identifier"
                show_error(form, error)
            else:
                flash(f"Request logged: due {logged.due_on:%-d %B %Y}")
                return redirect(url_for("privacy.access_request", request_id=logged.id))
    return render_template("privacy/new_request.html", form=form)


def _request_or_404(request_id):
    found = AccessRequest.get_or_none(AccessRequest.id == request_id)
    if found is None:
        abort(404)
    return found


@bp.route("/requests/<id:request_id>", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def access_request(request_id):
    from app.privacy import redaction
    from app.privacy.find import find

    found = _request_or_404(request_id)
    reviewing = "review-csrf_token" in request.form
    form, review = AnsweredForm(), ReviewForm(prefix="review")
    if found.status == "open" and not reviewing and form.validate_on_submit():
        requests.mark_sent(found, current_user, london_today())
        flash("Marked as answered")
        return redirect(url_for("privacy.request_queue"))
    search = find(found.identifier)
    checks, suggested = redaction.to_check(search)
    review.withhold.choices = [(c.key, f"{c.what} (record {c.table} {c.row_id})") for c in checks]
    if reviewing and review.validate_on_submit():
        keys = {c.key for c in checks}
        requests.save_review(found, review.redactions.data or "", [k for k in review.withhold.data if k in keys],
                             current_user)
        flash("Review saved: the export now redacts those words and leaves those records out")
        return redirect(url_for("privacy.access_request", request_id=found.id))
    if request.method == "GET":
        review.redactions.data = found.redactions if found.reviewed_at else "\n".join(suggested)
        review.withhold.data = sorted(redaction.withheld(found))
    return render_template("privacy/request.html", found=found, search=search, form=form, review=review,
                           checks=checks, state=requests.state(found, london_today()),
                           redacted_count=len(redaction.words(found.redactions)),
                           withheld_count=len(redaction.withheld(found)))


@bp.route("/requests/<id:request_id>/export.zip")
@roles_required(ADMINISTRATOR)
def request_export(request_id):
    from app.privacy import export, redaction
    from app.privacy.find import find

    found = _request_or_404(request_id)
    content, counts = export.build(find(found.identifier), redact=redaction.Redactor(redaction.words(found.redactions)),
                                   withheld=redaction.withheld(found))
    requests.exported(found, current_user, counts["records"])
    name = f"subject-access-{found.id}-{datetime.date.today():%Y-%m-%d}.zip"
    response = Response(content, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{re.sub(r"[^A-Za-z0-9._-]", "", name)}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/erasure", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def erasure():
    """Erasure on request in two steps: what would be erased, anonymised and kept (with each
    exception), then, confirmed, the erasure itself and its result for the reply."""
    from app.privacy import erasure as eraser

    form, shown, done = ErasureForm(), None, None
    if form.validate_on_submit():
        try:
            if form.confirmed.data == "yes":
                done = eraser.erase(form.identifier.data or "", form.reason.data or "", actor=current_user)
            else:
                shown = eraser.preview(form.identifier.data or "", form.reason.data or "")
                form.confirmed.data = "yes"
        except QueryError as error:
            form.confirmed.data = ""
            error.field = "reason" if "reason" in str(error) else "identifier"
            show_error(form, error)
    return render_template("privacy/erasure.html", form=form, shown=shown, done=done)
