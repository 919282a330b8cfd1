"""Staff sign-in, sign-out and password change."""
from urllib.parse import urlparse

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth import sessions
from app.auth.access import roles_required
from app.auth.forms import ChangePasswordForm, LoginForm
from app.auth.services import SignInRefused, authenticate, change_password
from app.auth.throttle import limits_from

bp = Blueprint("auth", __name__, url_prefix="/staff", template_folder="templates")


def _safe_next(target):
    """Only same-site paths, never another host (open redirect)."""
    if not target:
        return None
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("staff.home"))
    form = LoginForm()
    error, status = None, 200
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data, request.remote_addr or "",
                                limits_from(current_app.config["HEARD"]))
        except SignInRefused as refused:
            error, status = str(refused), 429 if refused.throttled else 200
        else:
            sessions.start(user, request.remote_addr or "")
            return redirect(_safe_next(request.args.get("next")) or url_for("staff.home"))
    elif form.errors:
        status = 200
    return render_template("auth/login.html", form=form, error=error), status


@bp.route("/logout", methods=["POST"])
def logout():
    sessions.end()
    flash("You have signed out", "success")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"], endpoint="change_password")
@roles_required()
def change_password_view():
    form = ChangePasswordForm()
    error = None
    if form.validate_on_submit():
        error = change_password(current_user, form.current_password.data, form.new_password.data)
        if error is None:
            flash("Your password has been changed", "success")
            return redirect(url_for("staff.home"))
    return render_template("auth/change_password.html", form=form, error=error)

