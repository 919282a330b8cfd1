"""The record of processing for administrators (and the council's data protection officer)."""
from flask import Blueprint, render_template

from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR
from app.privacy.processing import record_of_processing

bp = Blueprint("privacy", __name__, url_prefix="/staff/admin/privacy", template_folder="templates")


@bp.route("")
@roles_required(ADMINISTRATOR)
def processing():
    headings = record_of_processing()
    return render_template("privacy/processing.html", headings=headings,
                           tables=sum(len(h.holdings) for h in headings))
