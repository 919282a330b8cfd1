"""Staff sign-in (the password, then the second factor or setting it up: app.auth.signin),
sign-out, the account page (password, authenticator app, recovery codes:
app.auth.credentials); the timeout warning's two questions (how long is left, stay signed in);
putting a timed-out form's words back (app.auth.kept)."""
import functools
from urllib.parse import urlparse

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.auth import credentials, kept, second_factor, sessions, signin
from app.auth.access import roles_required
from app.auth.forms import (ChangePasswordForm, CodeForm, LoginForm, PasswordConfirmForm, RecoveryCodeForm,
                            SetUpForm, SetUpSignedInForm)
from app.auth.roles import ALL_ROLES, needs_second_factor
from app.auth.services import AccountError
from app.auth.throttle import limits_from
from app.forms import show_error

bp = Blueprint("auth", __name__, url_prefix="/staff", template_folder="templates")
WARN_BEFORE_SECONDS = 5 * 60  # the timeout warning shows this long before the session ends
SET_UP_KEY = "staff_two_factor_set_up"  # the secret offered on the account page's set-up


def _safe_next(target):
    """Only same-site paths, never another host (open redirect)."""
    if not target:
        return None
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _ip():
    return request.remote_addr or ""


def _limits():
    return limits_from(current_app.config["HEARD"])


def _codes_page(codes, continue_to):
    """The new recovery codes, shown once (straight from the POST that made them)."""
    return render_template("auth/recovery_codes.html", codes=codes, continue_to=continue_to)


def _refused(field, refused):
    """Show a refused step at `field`; (status, headers): 429 with Retry-After when throttled."""
    field.errors = [*field.errors, str(refused)]
    return (429, {"Retry-After": str(refused.wait)}) if refused.throttled else (200, {})


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("staff.home"))
    form = LoginForm()
    status, headers = 200, {}
    if form.validate_on_submit():
        try:
            user = signin.check_password(form.email.data, form.password.data, _ip())
        except signin.SignInRefused as refused:
            status, headers = _refused(form.email, refused)
        else:
            step, next_path = signin.second_step(user), _safe_next(request.args.get("next"))
            if step is None:
                return redirect(signin.finish(user, _ip(), "none", next_path))
            signin.hold(user, next_path)
            return redirect(url_for("auth.login_code" if step == "code" else "auth.login_set_up"))
    return render_template("auth/login.html", form=form), status, headers


def sign_in_step(view):
    """For the steps after the password: only in the browser that passed it, within
    signin.PENDING_FOR; anyone else is sent to the start. Any role may be part-way through."""

    @functools.wraps(view)
    def step(*args, **kwargs):
        if current_user.is_authenticated:
            return redirect(url_for("staff.home"))
        started = signin.PENDING_KEY in session
        user = signin.pending()
        if user is None:
            if started:
                flash("Signing in took too long. Enter your email address and password again.", "info")
            return redirect(url_for("auth.login"))
        return view(user, *args, **kwargs)

    step.allowed_roles = ALL_ROLES
    return step


@bp.route("/login/code", methods=["GET", "POST"])
@sign_in_step
def login_code(user):
    if not user.has_second_factor:
        return redirect(url_for("auth.login_set_up"))
    form = CodeForm()
    status, headers = 200, {}
    if form.validate_on_submit():
        try:
            signin.check_code(user, form.code.data, _ip())
        except signin.SignInRefused as refused:
            status, headers = _refused(form.code, refused)
        else:
            return redirect(signin.finish(user, _ip(), "authenticator app"))
    return render_template("auth/code.html", form=form), status, headers


@bp.route("/login/recovery-code", methods=["GET", "POST"])
@sign_in_step
def login_recovery_code(user):
    if not user.has_second_factor:
        return redirect(url_for("auth.login_set_up"))
    form = RecoveryCodeForm()
    status, headers = 200, {}
    if form.validate_on_submit():
        try:
            left = signin.check_recovery_code(user, form.code.data, _ip())
        except signin.SignInRefused as refused:
            status, headers = _refused(form.code, refused)
        else:
            target = signin.finish(user, _ip(), "recovery code")
            flash(f"You signed in with a recovery code. You have {left} left: "
                  "get new ones from your account page if you are running low.", "info")
            return redirect(target)
    return render_template("auth/recovery_code.html", form=form), status, headers


@bp.route("/login/set-up", methods=["GET", "POST"])
@sign_in_step
def login_set_up(user):
    if user.has_second_factor:
        return redirect(url_for("auth.login_code"))
    secret = signin.set_up_secret()
    form = SetUpForm()
    if form.validate_on_submit():
        try:
            codes = credentials.set_up_second_factor(user, secret, form.code.data, ip=_ip())
        except AccountError as error:
            show_error(form, error)
        else:
            return _codes_page(codes, signin.finish(user, _ip(), "set up now"))
    return _set_up_page(form, user, secret, signing_in=True)


def _set_up_page(form, user, secret, signing_in):
    uri = second_factor.provisioning_uri(secret, user.email, current_app.config["HEARD"].council_name)
    return render_template("auth/set_up.html", form=form, signing_in=signing_in,
                           key=second_factor.grouped(secret), qr=second_factor.qr_svg(uri),
                           required=needs_second_factor(user.role), role_label=user.role_label,
                           replacing=user.has_second_factor)


@bp.route("/logout", methods=["POST"])
def logout():
    sessions.sign_out(current_user._get_current_object() if current_user.is_authenticated else None, _ip())
    flash("You have signed out", "success")
    return redirect(url_for("auth.login"))


@bp.route("/account")
@roles_required()
def account():
    left = second_factor.recovery_codes_left(current_user) if current_user.has_second_factor else 0
    return render_template("auth/account.html", codes_left=left, total=second_factor.RECOVERY_CODE_COUNT,
                           required=needs_second_factor(current_user.role))


@bp.route("/password", methods=["GET", "POST"], endpoint="change_password")
@roles_required()
def change_password_view():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            ended = credentials.change_password(current_user, form.current_password.data,
                                                form.new_password.data, ip=_ip(), limits=_limits())
        except AccountError as error:
            show_error(form, error)
        else:
            others = f"{ended} other session{'s' if ended != 1 else ''}"
            flash("Your password has been changed" + (
                f". You have been signed out everywhere else ({others})" if ended else ""), "success")
            return redirect(url_for("staff.home"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/account/two-factor", methods=["GET", "POST"])
@roles_required()
def account_two_factor():
    """Set up an authenticator app, or move to a new one, while signed in."""
    secret = session.get(SET_UP_KEY) or second_factor.new_secret()
    session[SET_UP_KEY] = secret
    form = SetUpSignedInForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            credentials.confirm_password(user, form.password.data, _ip(), _limits())
            codes = credentials.set_up_second_factor(user, secret, form.code.data, ip=_ip())
        except AccountError as error:
            show_error(form, error)
        else:
            session.pop(SET_UP_KEY, None)
            return _codes_page(codes, url_for("auth.account"))
    return _set_up_page(form, current_user, secret, signing_in=False)


@bp.route("/account/recovery-codes", methods=["GET", "POST"])
@roles_required()
def account_recovery_codes():
    if not current_user.has_second_factor:
        return redirect(url_for("auth.account_two_factor"))
    form = PasswordConfirmForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            credentials.confirm_password(user, form.password.data, _ip(), _limits())
            codes = credentials.renew_recovery_codes(user, ip=_ip())
        except AccountError as error:
            show_error(form, error)
        else:
            return _codes_page(codes, url_for("auth.account"))
    return render_template("auth/new_recovery_codes.html", form=form)


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
