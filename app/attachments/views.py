"""Staff download of a resident's file: only to those who may see what it belongs to
(app.attachments.access), always as a download (never shown in the browser, where a file
could run as a page), never cached, and audited with who and which file (not its name)."""
from flask import Blueprint, abort, request, send_file
from flask_login import current_user

from app.attachments import access, store
from app.attachments.models import Attachment
from app.audit import services as audit
from app.auth.access import roles_required

bp = Blueprint("attachments", __name__, url_prefix="/staff/attachments", template_folder="templates")


@bp.route("/<id:attachment_id>")
@roles_required(*access.ITEM_ROLES)
def download(attachment_id):
    row = Attachment.get_or_none(Attachment.id == attachment_id)
    if not access.may_download(current_user, row):
        abort(404)  # whether it exists is not revealed
    try:
        path = store.path_of(row.storage_name)
        handle = path.open("rb")
    except (OSError, ValueError):
        abort(404)
    special = access.special_category(row)
    audit.record("attachment.downloaded", actor=current_user._get_current_object(), object_type="attachment",
                 object_id=str(row.id), ip=request.remote_addr or "",
                 summary=f"Downloaded attachment {row.id}" + (f" of feedback {row.item.reference}" if row.item_id else
                                                              f" of inbound email {row.inbound_id}"),
                 details={"item_id": row.item_id, "inbound_id": row.inbound_id, "special_category": special,
                          "purpose": "handling the feedback or complaint it came with"})
    response = send_file(handle, mimetype=row.content_type or "application/octet-stream", as_attachment=True,
                         download_name=row.filename, max_age=0, conditional=False, etag=False)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
