"""The panel member's workspace under /panel/: residents only, never staff sessions."""
from flask import Blueprint, redirect, render_template, url_for

from panels import access, sessions

bp = Blueprint("panel_members", __name__, url_prefix="/panel", template_folder="templates")


@bp.app_context_processor
def signed_in_member():
    return {"member": sessions.current_member()}


@bp.route("/")
@sessions.member_required
def home():
    member = sessions.current_member()
    return render_template("panels/member_home.html", panels=access.member_panels(member))


@bp.route("/sign-in")
def sign_in():
    return render_template("panels/member_sign_in.html")


@bp.route("/sign-out", methods=["POST"])
def sign_out():
    sessions.end()
    return redirect(url_for("panel_members.sign_in"))
