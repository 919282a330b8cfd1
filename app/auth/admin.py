"""Administering staff accounts, and the audit log. Administrators only."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth import credentials, services
from app.auth.access import roles_required
from app.auth.admin_forms import ROLE_HINTS, AuditFilterForm, ConfirmForm, NewStaffForm, StaffAccessForm
from app.auth.models import User
from app.auth.roles import ADMINISTRATOR, needs_second_factor
from app.forms import show_error

bp = Blueprint("admin", __name__, url_prefix="/staff/admin", template_folder="templates")

# The "Are you sure?" actions on a staff account: name -> (service, success message).
ACTIONS = {
    "deactivate": (services.deactivate,
                   "{name}’s account has been deactivated and they have been signed out"),
    "reactivate": (services.reactivate, "{name}’s account has been reactivated"),
}


def _user_or_404(user_id):
    user = User.get_or_none(User.id == user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/users")
@roles_required(ADMINISTRATOR)
def users():
    return render_template("auth/admin/users.html", staff=services.staff_list())


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def new_user():
    form = NewStaffForm()
    if form.validate_on_submit():
        try:
            user, password = services.create_user(
                form.email.data, form.name.data, form.role.data, password=None,
                services=form.services.data, actor=current_user)
        except services.AccountError as error:
            error.field = error.field or "email"
            show_error(form, error)
        else:
            return render_template("auth/admin/one_time_password.html", user=user, password=password,
                                   heading="Account created")
    return render_template("auth/admin/new_user.html", form=form, role_hints=ROLE_HINTS)


@bp.route("/users/<id:user_id>", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def edit_user(user_id):
    user = _user_or_404(user_id)
    form = StaffAccessForm(data={"role": user.role, "services": sorted(user.service_ids())})
    if form.validate_on_submit():
        try:
            changed = services.update_access(user, form.role.data, form.services.data, actor=current_user)
        except services.AccountError as error:
            show_error(form, error)
        else:
            if changed:
                flash(f"{user.name}’s role and services have been updated", "success")
            else:
                flash("Nothing was changed", "info")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    user.service_names = services.service_names_by_user([user]).get(user.id, [])
    return render_template("auth/admin/edit_user.html", user=user, form=form, role_hints=ROLE_HINTS)


@bp.route("/users/<id:user_id>/deactivate", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def deactivate_user(user_id):
    return _confirm(user_id, "deactivate")


@bp.route("/users/<id:user_id>/reactivate", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def reactivate_user(user_id):
    return _confirm(user_id, "reactivate")


def _confirm(user_id, action):
    user = _user_or_404(user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        change, message = ACTIONS[action]
        try:
            change(user, actor=current_user)
        except services.AccountError as error:
            show_error(form, error)
        else:
            flash(message.format(name=user.name), "success")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template("auth/admin/confirm.html", user=user, form=form, action=action)


@bp.route("/users/<id:user_id>/reset-password", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def reset_password(user_id):
    user = _user_or_404(user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            password = services.reset_password(user, actor=current_user)
        except services.AccountError as error:
            show_error(form, error)
        else:
            return render_template("auth/admin/one_time_password.html", user=user, password=password,
                                   heading="Password reset")
    return render_template("auth/admin/confirm.html", user=user, form=form, action="reset")


@bp.route("/users/<id:user_id>/reset-two-factor", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def reset_two_factor(user_id):
    """A lost phone: turn off their two-factor sign-in and sign them out everywhere."""
    user = _user_or_404(user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            credentials.reset_second_factor(user, actor=current_user, ip=request.remote_addr or "")
        except services.AccountError as error:
            show_error(form, error)
        else:
            flash(f"{user.name}’s two-factor sign-in has been reset and they have been signed out",
                  "success")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template("auth/admin/confirm.html", user=user, form=form, action="reset_two_factor",
                           required=needs_second_factor(user.role))


@bp.route("/audit")
@roles_required(ADMINISTRATOR)
def audit_log():
    form = AuditFilterForm(request.args, services.audit_actions())
    action = form.chosen()
    return render_template("auth/admin/audit.html", form=form, action=action,
                           events=services.audit_events(action, limit=200))
