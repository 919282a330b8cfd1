"""The staff Outbox: every email we sent or tried to send, and 'Send again' for failures."""
from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template,
                   request, url_for)
from flask_login import current_user
from jinja2.filters import do_filesizeformat

from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR, COMPLAINTS_OFFICER
from app.forms import page_number
from app.mail import about, attachments, message, services
from app.mail.forms import OutboxFilterForm, ResendForm
from app.mail.kinds import kind_label
from app.mail.models import OutboxMessage

bp = Blueprint("mail", __name__, url_prefix="/staff/outbox", template_folder="templates")

ROLES = (ADMINISTRATOR, COMPLAINTS_OFFICER)


def _message_or_404(message_id):
    row = OutboxMessage.get_or_none(OutboxMessage.id == message_id)
    if row is None:
        abort(404)
    return row


@bp.route("")
@roles_required(*ROLES)
def outbox():
    form = OutboxFilterForm(request.args, services.templates())
    page = page_number(request.args.get("page"))
    status, kind = form.chosen_status(), form.chosen_kind()
    rows, total = services.outbox_page(page, status=status, template=kind)
    pages = max(1, -(-total // services.PAGE_SIZE))
    return render_template("mail_pages/outbox.html", form=form, rows=rows, total=total,
                           page=min(max(page, 1), pages), pages=pages, kind_label=kind_label,
                           about=about.describe(rows, current_user), unknown=about.unknown,
                           filters={k: v for k, v in (("status", status), ("kind", kind)) if v},
                           counts=services.counts_by_status(), files=attachments.sizes_for(rows))


@bp.route("/<id:message_id>")
@roles_required(*ROLES)
def show(message_id):
    row = _message_or_404(message_id)
    try:
        headers = message.build(row, current_app.config["HEARD"]).items()
    except ValueError:  # a row that can no longer be built (bad address or settings)
        headers = [("To", row.to_address), ("Subject", row.subject), ("Message-ID", row.message_id)]
    described = about.describe([row], current_user).get(row.id) or about.unknown(row)
    files = [(name, do_filesizeformat(size)) for name, size in attachments.sizes_for([row]).get(row.id, [])]
    return render_template("mail_pages/message.html", row=row, headers=headers, form=ResendForm(),
                           kind=kind_label(row.template), about=described, files=files)


@bp.route("/<id:message_id>/raw")
@roles_required(*ROLES)
def raw(message_id):
    row = _message_or_404(message_id)
    try:
        body = message.as_bytes(row, current_app.config["HEARD"])
    except ValueError:
        abort(404)
    return Response(body, mimetype="message/rfc822", headers={
        "Content-Disposition": f'attachment; filename="outbox-{row.id}.eml"'})


@bp.route("/<id:message_id>/resend", methods=["POST"])
@roles_required(*ROLES)
def resend(message_id):
    row = _message_or_404(message_id)
    if ResendForm().validate_on_submit():
        try:
            services.resend(row, actor=current_user, ip=request.remote_addr or "")
        except services.CannotResend as error:
            flash(str(error), "info")
        else:
            flash("The message has been queued to send again", "success")
    return redirect(url_for("mail.show", message_id=row.id))
