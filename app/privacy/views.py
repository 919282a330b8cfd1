"""The record of processing for administrators (and the council's data protection officer)."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR
from app.privacy import schedule
from app.privacy.categories import CATEGORIES
from app.privacy.forms import PeriodForm
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
