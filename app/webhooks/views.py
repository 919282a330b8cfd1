"""/staff/admin/webhooks: subscriptions, their deliveries, a test event, retrying a failed
delivery. Administrators only."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR
from app.forms import show_error
from app.webhooks import services
from app.webhooks.events import EVENTS
from app.webhooks.forms import ConfirmForm, SubscriptionForm
from app.webhooks.models import WebhookDelivery, WebhookSubscription
from app.webhooks.sending import BACKOFF

bp = Blueprint("webhooks", __name__, url_prefix="/staff/admin/webhooks", template_folder="templates")


def _subscription_or_404(subscription_id):
    found = WebhookSubscription.get_or_none(WebhookSubscription.id == subscription_id)
    if found is None:
        abort(404)
    return found


def _actor():
    return current_user._get_current_object()


@bp.route("", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def index():
    form = SubscriptionForm()
    if form.validate_on_submit():
        try:
            subscription = services.create(form.url.data, form.events.data, actor=_actor())
        except services.WebhookError as error:
            show_error(form, error)
        else:
            flash("Webhook added. Give its secret to the receiving system so it can check signatures.",
                  "success")
            return redirect(url_for("webhooks.subscription", subscription_id=subscription.id))
    return render_template("webhooks/index.html", form=form, subscriptions=services.subscriptions(),
                           events=EVENTS)


@bp.route("/<id:subscription_id>")
@roles_required(ADMINISTRATOR)
def subscription(subscription_id):
    found = _subscription_or_404(subscription_id)
    return render_template("webhooks/subscription.html", subscription=found, form=ConfirmForm(),
                           deliveries=services.recent_deliveries(found), events=EVENTS,
                           tries=len(BACKOFF) + 1)


@bp.route("/<id:subscription_id>/pause", methods=["POST"])
@roles_required(ADMINISTRATOR)
def pause(subscription_id):
    found = _subscription_or_404(subscription_id)
    if ConfirmForm().validate_on_submit():
        services.set_active(found, not found.active, actor=_actor())
        flash("Webhook resumed" if found.active else "Webhook paused: no events are sent to it", "success")
    return redirect(url_for("webhooks.subscription", subscription_id=found.id))


@bp.route("/<id:subscription_id>/test", methods=["POST"])
@roles_required(ADMINISTRATOR)
def send_test(subscription_id):
    found = _subscription_or_404(subscription_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.send_test(found, actor=_actor())
        except services.WebhookError as error:
            flash(str(error), "error")
        else:
            flash("Test event queued: it appears in the deliveries below", "success")
    return redirect(url_for("webhooks.subscription", subscription_id=found.id))


@bp.route("/<id:subscription_id>/deliveries/<id:delivery_id>/retry", methods=["POST"])
@roles_required(ADMINISTRATOR)
def retry(subscription_id, delivery_id):
    found = _subscription_or_404(subscription_id)
    delivery = WebhookDelivery.get_or_none(WebhookDelivery.id == delivery_id,
                                           WebhookDelivery.subscription == found)
    if delivery is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            services.retry(delivery, actor=_actor())
        except services.WebhookError as error:
            flash(str(error), "error")
        else:
            flash(f"Delivery {delivery.id} will be sent again now", "success")
    return redirect(url_for("webhooks.subscription", subscription_id=found.id))


@bp.route("/<id:subscription_id>/delete", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def delete(subscription_id):
    found = _subscription_or_404(subscription_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.delete(found, actor=_actor())
        flash("Webhook deleted", "success")
        return redirect(url_for("webhooks.index"))
    return render_template("webhooks/delete.html", subscription=found, form=form)
