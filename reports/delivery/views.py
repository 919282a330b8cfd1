"""/staff/reports/subscriptions: which services' monthly lessons-learnt reports each member of
staff receives by email. Everyone manages their own; administrators also anyone else's."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice

from app.auth.access import roles_required
from app.auth.models import User
from app.auth.roles import ADMINISTRATOR
from app.forms import show_error
from reports.delivery import services
from reports.delivery.services import SUBSCRIBER_ROLES, SubscriptionError

bp = Blueprint("report_subscriptions", __name__, url_prefix="/staff/reports/subscriptions",
               template_folder="templates")


class SubscriptionsForm(FlaskForm):
    services = SelectMultipleField("Services", coerce=int, description="Select all that apply.",
                                   invalid_choice_message="Select services from the list",
                                   invalid_value_message="Select services from the list")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.services.choices = [SelectChoice(s.id, s.name) for s in services.services_for(user)]


def _person():
    """The member of staff whose reports are shown: the signed-in user, or for an administrator
    anyone who may receive reports (?user=<id>); anyone else is a 404."""
    raw = request.args.get("user", "")
    if not raw or raw == str(current_user.id):
        return User.get_by_id(current_user.id)
    if current_user.role != ADMINISTRATOR or not raw.isdigit() or len(raw) > 10:
        abort(404)
    user = User.get_or_none(User.id == int(raw))
    if user is None or not user.active or user.role not in SUBSCRIBER_ROLES:
        abort(404)
    return user


@bp.route("", methods=["GET", "POST"])
@roles_required(*SUBSCRIBER_ROLES)
def subscriptions():
    user = _person()
    form = SubscriptionsForm(user)
    if request.method == "GET":
        form.services.data = sorted(services.subscribed_ids(user))
    elif form.validate_on_submit():
        try:
            added, removed = services.set_subscriptions(user, form.services.data or [], actor=current_user)
        except SubscriptionError as error:
            show_error(form, error)
        else:
            flash(_saved(user, added, removed), "success")
            return redirect(url_for(".subscriptions", user=None if user.id == current_user.id else user.id))
    staff = services.staff_who_may_subscribe() if current_user.role == ADMINISTRATOR else []
    return render_template("delivery/subscriptions.html", form=form, person=user, staff=staff,
                           yourself=user.id == current_user.id)


def _saved(user, added, removed):
    if not added and not removed:
        return "Nothing changed"
    who = "You" if user.id == current_user.id else user.name
    parts = ([f"{who} will now receive {', '.join(added)}"] if added else []) + \
        ([f"no longer {', '.join(removed)}"] if removed else [])
    return "; ".join(parts)
