"""Staff pages: search cases and feedback; a case's audit trail (who viewed and changed what)."""
from flask import Blueprint, render_template, request
from flask_login import current_user

from app.audit import services as audit
from app.audit.models import AuditEvent
from app.auth.access import roles_required
from app.cases import access, search
from app.cases.models import CaseItem

bp = Blueprint("cases_search", __name__, url_prefix="/staff/cases", template_folder="templates")

AUDIT_LIMIT = 500


@bp.route("/search")
@roles_required(*access.VIEW_ROLES)
def search_page():
    typed = request.args.get("q", "")
    query = search.clean(typed)
    results = search.search(current_user, query) if query else []
    if query:
        # Who searched, and how much they saw; never what they typed (it may name a resident).
        audit.record("case.searched", actor=current_user, object_type="case_search",
                     summary=f"Searched cases and feedback: {len(results)} result(s)",
                     details={"results": len(results),
                              "by": sorted({result.matched for result in results})},
                     ip=request.remote_addr or "")
    return render_template("cases/search.html", query=query, results=results, limit=search.LIMIT,
                           shortened=len(" ".join(typed.split())) > len(query))


@bp.route("/<id:case_id>/audit")
@roles_required(*access.CHANGE_ROLES)
def audit_trail(case_id):
    case = access.case_or_404(case_id)
    access.record_view(current_user, case, "audit trail of case")
    item_ids = [str(link.item_id) for link in CaseItem.select(CaseItem.item).where(CaseItem.case == case)]
    about_case = (AuditEvent.object_type == "case_record") & (AuditEvent.object_id == str(case.id))
    about_items = (AuditEvent.object_type == "feedback_item") & AuditEvent.object_id.in_(item_ids or [""])
    events = list(AuditEvent.select().where(about_case | about_items)
                  .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(AUDIT_LIMIT))
    return render_template("cases/audit.html", case=case, events=events, limit=AUDIT_LIMIT,
                           item_ids=set(item_ids))
