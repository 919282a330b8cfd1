"""The signed-in staff home."""
from flask import Blueprint, render_template
from flask_login import current_user

from app.auth.access import roles_required
from app.feedback.models import KINDS
from app.staff.services import home_summary

bp = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")


@bp.route("/")
@roles_required()
def home():
    return render_template("staff/home.html", summary=home_summary(current_user), kinds=KINDS)
