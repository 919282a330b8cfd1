"""Officers' pages for quarantined email: list, read the raw message, release or discard."""
import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from app.attachments import services as attachment_services
from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR, COMPLAINTS_OFFICER
from app.feedback.models import FeedbackItem
from app.inbox import services
from app.inbox.models import InboundMessage
from app.learning import services as learning

bp = Blueprint("inbox", __name__, url_prefix="/staff/inbox", template_folder="templates")
OFFICERS = (ADMINISTRATOR, COMPLAINTS_OFFICER)


class ActionForm(FlaskForm):
    """Only the CSRF token: release and discard buttons."""


def _message_or_404(inbound_id):
    row = InboundMessage.get_or_none(InboundMessage.id == inbound_id)
    if row is None:
        abort(404)
    return row


@bp.route("/quarantine")
@roles_required(*OFFICERS)
def quarantine():
    return render_template("inbox/quarantine.html", messages=services.quarantined())


@bp.route("/<id:inbound_id>")
@roles_required(*OFFICERS)
def message(inbound_id):
    row = _message_or_404(inbound_id)
    try:
        attachments = json.loads(row.attachments or "[]")
    except ValueError:
        attachments = []
    item = FeedbackItem.get_or_none(FeedbackItem.id == row.feedback_item_id) if row.feedback_item_id else None
    return render_template("inbox/message.html", inbound=row, attachments=attachments, item=item,
                           files=attachment_services.for_inbound(row.id), form=ActionForm(),
                           language=learning.language_of(item) if item is not None else "")


@bp.route("/<id:inbound_id>/raw")
@roles_required(*OFFICERS)
def raw(inbound_id):
    """The original bytes as a plain-text download: never rendered as HTML."""
    row = _message_or_404(inbound_id)
    response = Response(bytes(row.raw), content_type="text/plain; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="inbound-{row.id}.eml.txt"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.route("/<id:inbound_id>/release", methods=["POST"])
@roles_required(*OFFICERS)
def release(inbound_id):
    row = _message_or_404(inbound_id)
    if ActionForm().validate_on_submit():
        try:
            result = services.release(row, actor=current_user, ip=request.remote_addr or "")
        except services.CannotChange as refused:
            flash(str(refused), "info")
        else:
            row = InboundMessage.get_by_id(row.id)
            reference = row.feedback_item.reference if row.feedback_item_id else ""
            if result.outcome == "released":
                flash(f"The email was released and added to the feedback as {reference}", "success")
            else:
                flash("The email could not be released", "info")
    return redirect(url_for("inbox.message", inbound_id=row.id))


@bp.route("/<id:inbound_id>/discard", methods=["POST"])
@roles_required(*OFFICERS)
def discard(inbound_id):
    row = _message_or_404(inbound_id)
    if ActionForm().validate_on_submit():
        try:
            services.discard(row, actor=current_user, ip=request.remote_addr or "")
        except services.CannotChange as refused:
            flash(str(refused), "info")
        else:
            flash("The email was discarded. The original is kept.", "success")
            return redirect(url_for("inbox.quarantine"))
    return redirect(url_for("inbox.message", inbound_id=row.id))
