"""Staff sign-in, sign-out and password change; the timeout warning's two questions (how
long is left, stay signed in); putting a timed-out form's words back (app.auth.kept)."""
from urllib.parse import urlparse

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.auth import kept, sessions
from app.auth.access import roles_required
from app.auth.forms import ChangePasswordForm, LoginForm
from app.auth.services import SignInRefused, authenticate, change_password
from app.auth.throttle import limits_from

bp = Blueprint("auth", __name__, url_prefix="/staff", template_folder="templates")
WARN_BEFORE_SECONDS = 5 * 60  # the timeout warning shows this long before the session ends


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
    status = 200
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data, request.remote_addr or "",
                                limits_from(current_app.config["HEARD"]))
        except SignInRefused as refused:
            form.email.errors = [*form.email.errors, str(refused)]
            status = 429 if refused.throttled else 200
        else:
            kept_token = session.get(kept.SESSION_KEY)
            sessions.start(user, request.remote_addr or "")
            back = kept.claim(user, kept_token)
            return redirect(back or _safe_next(request.args.get("next")) or url_for("staff.home"))
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    sessions.end()
    flash("You have signed out", "success")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"], endpoint="change_password")
@roles_required()
def change_password_view():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        error = change_password(current_user, form.current_password.data, form.new_password.data)
        if error is None:
            flash("Your password has been changed", "success")
            return redirect(url_for("staff.home"))
        field = form.current_password if error.startswith("Your current password") else form.new_password
        field.errors = [*field.errors, error]
    return render_template("auth/change_password.html", form=form)



@bp.route("/session")
@roles_required()
def session_status():
    """How long this session has left. Asking does not keep it alive (auth.sessions)."""
    return jsonify(signed_in=True, seconds_left=sessions.seconds_left())


@bp.route("/session/keep-alive", methods=["POST"])
@roles_required()
def keep_alive():
    """The timeout warning's "Stay signed in" (a POST with the CSRF token in a header)."""
    return jsonify(signed_in=True, seconds_left=sessions.keep_alive())


@bp.before_app_request
def restore_kept_form():
    if request.method == "GET" and session.get(kept.SESSION_KEY) and current_user.is_authenticated:
        kept.restore(current_user)


@bp.after_app_request
def forget_kept_form(response):
    return kept.forget_if_shown(response)


bp.add_app_template_global(kept.kept_values, "kept_values")
bp.add_app_template_global(kept.kept_checked, "kept_checked")
bp.add_app_template_global(kept.kept_notice, "kept_notice")


@bp.app_context_processor
def session_timeout():
    """The timeout warning's settings for the layout, from this session's real clock."""
    if not current_user.is_authenticated:
        return {}
    idle = sessions.idle_minutes() * 60
    return {"session_timeout": {"seconds_left": sessions.seconds_left(), "idle_minutes": sessions.idle_minutes(),
                                "warn_seconds": min(WARN_BEFORE_SECONDS, idle // 2)}}
