"""The record of processing for administrators (and the council's data protection officer)."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR
from app.forms import show_error
from app.privacy import holds, schedule
from app.privacy.categories import CATEGORIES
from app.privacy.forms import HoldForm, PeriodForm, ReleaseForm
from app.privacy.models import LegalHold
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
    return render_template("privacy/holds.html", holds=holds.all_holds())


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
            flash(f"Legal hold placed: nothing about {_what(hold)} will be deleted until it is released")
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
            flash(f"Legal hold on {_what(hold)} released: the retention schedule applies again")
            return redirect(url_for("privacy.hold_list"))
    return render_template("privacy/release_hold.html", form=form, hold=hold, what=_what(hold))


def _what(hold):
    if hold.case_id:
        return f"case {hold.case.reference}"
    if hold.person_id:
        return f"{hold.person} (a resident)"
    return "a record that has since been deleted"
