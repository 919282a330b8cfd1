"""/staff/admin/api-keys: administrators list, create (the key shown once) and revoke API keys."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.api import keys
from app.api.models import DEFAULT_RATE_LIMIT, SCOPES, ApiKey
from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR
from app.forms import show_error

bp = Blueprint("api_keys", __name__, url_prefix="/staff/admin/api-keys", template_folder="templates")


class NewKeyForm(FlaskForm):
    name = StringField("Name", description="Which system will use it, for example 'Contact centre CRM'",
                       validators=[InputRequired("Enter a name for the key"),
                                   Length(max=120, message="Name must be 120 characters or fewer")])
    scopes = SelectMultipleField("What may it do?", choices=[SelectChoice(key, label) for key, label in SCOPES.items()],
                                 description="Select all that apply. Give a system only what it needs.",
                                 validators=[InputRequired("Select at least one thing the key may do")],
                                 invalid_choice_message="Select from the list")
    rate_limit = IntegerField("Requests a minute (optional)",
                              description=f"Leave empty for {DEFAULT_RATE_LIMIT}",
                              validators=[Optional(), NumberRange(1, keys.MAX_RATE_LIMIT,
                                                                  f"Enter a whole number from 1 to {keys.MAX_RATE_LIMIT:,}")])


class ConfirmForm(FlaskForm):
    pass


@bp.route("")
@roles_required(ADMINISTRATOR)
def index():
    return render_template("api/keys.html", keys=keys.all_keys(), scopes=SCOPES)


@bp.route("/new", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def new():
    form = NewKeyForm()
    if form.validate_on_submit():
        try:
            row, key = keys.create_key(form.name.data, form.scopes.data, actor=current_user._get_current_object(),
                                       rate_limit=form.rate_limit.data)
        except keys.KeyRefused as refusal:
            show_error(form, refusal)
        else:
            return render_template("api/key_made.html", row=row, key=key, scopes=SCOPES)
    return render_template("api/new_key.html", form=form)


@bp.route("/<id:key_id>/revoke", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def revoke(key_id):
    row = ApiKey.get_or_none(ApiKey.id == key_id) or abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        if keys.revoke(row, actor=current_user._get_current_object()):
            flash(f"The key ‘{row.name}’ has been revoked: it no longer works", "success")
        return redirect(url_for("api_keys.index"))
    return render_template("api/revoke.html", row=row, form=form)
