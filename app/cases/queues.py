"""The case queues at /staff/cases: my cases, my team's, unassigned, urgent, due soon, overdue,
awaiting the resident and all cases, with filters, pages and bulk triage.

    GET  /staff/cases?queue=overdue&service=3&topic=7&page=2
    POST /staff/cases/triage   (the checkboxes of the table, an action, what it needs)

The queries live in app.cases.queue_queries, the triage rules in app.cases.assignment.
"""
from urllib.parse import parse_qsl, urlencode

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import MultiDict
from werkzeug.routing import BuildError

from app.auth.access import roles_required
from app.cases import access, assignment, clocks, queue_queries
from app.cases.models import Case
from app.cases.post import services as letters_to_post
from app.cases.post.views import bp as letters_bp
from app.cases.queue_forms import FILTER_NAMES, QueueFilterForm, TriageForm, chosen_page, chosen_queue

bp = Blueprint("cases_queues", __name__, url_prefix="/staff/cases", template_folder="templates")
bp.register_blueprint(letters_bp)  # /staff/cases/letters: the letters waiting to be printed

KEPT_ARGS = ("queue", "page") + FILTER_NAMES
ARG_LENGTH = 40


@bp.app_template_global("case_url")
def case_url(case_id):
    """The case page (H4's `cases.case`), or its path while that page is not registered."""
    if "cases.case" in current_app.view_functions:
        try:
            return url_for("cases.case", case_id=case_id)
        except BuildError:
            pass
    return f"{request.script_root}/staff/cases/{case_id}"


def _kept(args):
    """Only the queue's own arguments, one short value each (for links and 'back')."""
    return MultiDict([(name, str(args.get(name, ""))[:ARG_LENGTH]) for name in KEPT_ARGS
                      if args.get(name)])


def _render(args, triage_form=None, selected=()):
    args = _kept(args)
    user = current_user._get_current_object()
    queue = chosen_queue(args.get("queue"), queue_queries.default_queue(user))
    filter_form = QueueFilterForm(args)
    filters = filter_form.filters()
    today = clocks.today()
    rows, total, number, pages = queue_queries.page(user, queue, filters, chosen_page(args.get("page")),
                                                    today)
    link_args = {"queue": queue, **filters.active()}
    can_triage = user.role in access.CHANGE_ROLES
    if can_triage and triage_form is None:
        triage_form = TriageForm(queue_queries.assignable_users(), formdata=None,
                                 data={"back": urlencode(dict(link_args, page=number))})
    return render_template(
        "cases/queue.html", queue=queue, queues=queue_queries.QUEUES,
        heading=queue_queries.HEADINGS[queue], rows=rows, total=total,
        page=number, pages=pages, counts=queue_queries.tab_counts(user, today),
        filter_form=filter_form, filters_active=bool(filters.active()), link_args=link_args,
        triage_form=triage_form if can_triage else None,
        selected=set(selected), today=today,
        letters_waiting=letters_to_post.waiting_count(user) if can_triage else None,
        has_search="cases_search.search_page" in current_app.view_functions)


@bp.route("")
@roles_required(*access.VIEW_ROLES)
def queue():
    return _render(request.args)


def _back(form):
    return _kept(MultiDict(parse_qsl(form.back.data or "", keep_blank_values=False)[:20]))


def _changeable(ids):
    user = current_user._get_current_object()
    found = access.visible_cases(user, Case.select().where(Case.id.in_(ids))).order_by(Case.id)
    return [case for case in found if access.can_change(user, case)]


@bp.route("/triage", methods=["POST"])
@roles_required(*access.CHANGE_ROLES)
def triage():
    form = TriageForm(queue_queries.assignable_users())
    back = _back(form)
    cases = _changeable(form.selected_ids) if form.validate_on_submit() else None
    if cases is not None and not cases:
        form.case.errors = ["Select at least one case"]
    if not cases:
        return _render(back, triage_form=form, selected=form.selected_ids)
    result = assignment.bulk(cases, form.action.data, actor=current_user._get_current_object(),
                             user=form.officer, service=form.chosen_service)
    if result.changed:
        flash(_done_message(form, len(result.changed)), "success")
    if result.skipped:
        flash("Not changed: " + "; ".join(f"{reference} ({reason})" for reference, reason
                                          in result.skipped[:10]), "info")
    return redirect(url_for("cases_queues.queue", **back.to_dict()))


def _done_message(form, n):
    cases = f"{n} case{'' if n == 1 else 's'}"
    return {
        "assign": lambda: f"{cases} assigned to {form.officer.name if form.officer else ''}",
        "round_robin": lambda: f"{cases} assigned round-robin within their service teams",
        "set_service": lambda: f"{cases} moved to {form.chosen_service.name if form.chosen_service else ''}",
        "urgent": lambda: f"{cases} marked as urgent",
        "not_urgent": lambda: f"{cases} marked as not urgent",
    }[form.action.data]()
