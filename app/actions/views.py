"""The action pages, /staff/actions: the list (filtered by service, status and owner), the
overdue queue, one action (with its cases, themes, evidence of effect and history), and the
small form pages that change it. Views are thin: check who may, validate the form, call one
service (app.actions.services), redirect or render. Who may see what: app.actions.access."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.actions import access, evidence, prefill, queries, services
from app.actions.forms import (ButtonForm, EditActionForm, LinkCaseForm, NewActionForm, StatusForm, ThemeForm,
                               choices, fill_date)
from app.actions.models import STATUSES
from app.actions.services import ActionError
from app.auth.access import roles_required
from app.forms import page_number, show_error

bp = Blueprint("actions", __name__, url_prefix="/staff/actions", template_folder="templates")


@bp.context_processor
def helpers():
    return {"day": day}


def day(value):
    """A date as "27 March 2026" ("" for none)."""
    return f"{value.day} {value:%B %Y}" if value else ""


def actor():
    return current_user._get_current_object()


def _done(action, message):
    flash(message, "success")
    return redirect(url_for("actions.action", action_id=action.id))


@bp.route("")
@roles_required(*access.VIEW_ROLES)
def index():
    filters = queries.ListFilters.from_args(request.args)
    page = page_number(request.args.get("page"))
    rows, total = queries.actions(actor(), filters, page)
    services_shown = access.readable_services(actor())
    options = {"service": [(s.id, s.name) for s in (services_shown if services_shown is not None
                                                    else access.services_for(actor()))],
               "status": [("open", "Open (proposed, agreed or in progress)")] + list(STATUSES.items()),
               "owner": [(u.id, u.name) for u in queries.owners_in_use(actor())]}
    return render_template("actions/list.html", rows=rows, total=total, filters=filters, page=page,
                           pages=max(1, -(-total // queries.PAGE_SIZE)), options=options,
                           today=queries.london_today(), overdue_count=queries.overdue_count(actor()),
                           may_create=access.may_create(actor()))


@bp.route("/overdue")
@roles_required(*access.VIEW_ROLES)
def overdue():
    today = queries.london_today()
    return render_template("actions/overdue.html", rows=queries.overdue(actor(), today), today=today)


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*access.CHANGE_ROLES)
def new():
    if request.method == "POST":
        form = NewActionForm(actor=actor())
        form.cases.choices = choices(prefill.visible_cases(actor(), request.form.getlist("offered_case")))
        topic, start, end = prefill.theme_of(form.topic.data, form.period_from.data, form.period_to.data)
    else:
        found = prefill.from_args(request.args, actor())
        form = NewActionForm(actor=actor(), formdata=None, title=found.title, link_theme=True,
                             service=str(found.service_id or ""), cases=[str(i) for i, _ in found.cases],
                             topic=found.topic.key if found.theme else "",
                             period_from=found.start.isoformat() if found.theme else "",
                             period_to=found.end.isoformat() if found.theme else "")
        form.cases.choices = choices(found.cases)
        topic, start, end = found.topic, found.start, found.end
    theme = (topic.id, start, end) if topic and start else None
    if form.validate_on_submit():
        try:
            action = services.create(actor=actor(), case_ids=form.cases.data or (),
                                     theme=theme if form.link_theme.data else None, **form.values())
        except ActionError as error:
            show_error(form, error)
        else:
            return _done(action, "Action created")
    return render_template("actions/new.html", form=form, theme=(topic, start, end) if theme else None)


@bp.route("/<id:action_id>")
@roles_required(*access.VIEW_ROLES)
def action(action_id):
    action = access.action_or_404(action_id)
    return render_template("actions/action.html", action=action, today=queries.london_today(),
                           cases=queries.linked_cases(action, actor()), themes=queries.themes(action),
                           evidence=evidence.for_action(action), history=queries.history(action),
                           may_change=access.can_change(actor(), action), button=ButtonForm())


@bp.route("/<id:action_id>/edit", methods=["GET", "POST"])
@roles_required(*access.CHANGE_ROLES)
def edit(action_id):
    action = access.action_or_404(action_id, change=True)
    form = EditActionForm(actor=actor(), obj=action if request.method == "GET" else None)
    if request.method == "GET":
        form.service.data, form.owner.data = str(action.service_id or ""), str(action.owner_id or "")
        fill_date(form, "due", action.due_on)
    return _form_page(action, form, "actions/edit.html",
                      lambda: "Action updated" if services.edit(action, actor=actor(), **form.values())
                      else "Nothing was changed")


@bp.route("/<id:action_id>/status", methods=["GET", "POST"])
@roles_required(*access.CHANGE_ROLES)
def status(action_id):
    action = access.action_or_404(action_id, change=True)
    form = StatusForm(obj=action if request.method == "GET" else None)
    return _form_page(action, form, "actions/status.html", lambda: "Status changed to " + services.change_status(
        action, form.status.data, reason=form.dropped_reason.data or "", owner_note=form.owner_note.data or "",
        actor=actor()).status_label.lower())


@bp.route("/<id:action_id>/cases", methods=["GET", "POST"])
@roles_required(*access.CHANGE_ROLES)
def link_case(action_id):
    action = access.action_or_404(action_id, change=True)
    form = LinkCaseForm()
    return _form_page(action, form, "actions/link_case.html",
                      lambda: f"Case {services.link_case(action, form.reference.data, actor=actor()).reference} linked")


@bp.route("/<id:action_id>/cases/<id:case_id>/unlink", methods=["POST"])
@roles_required(*access.CHANGE_ROLES)
def unlink_case(action_id, case_id):
    action = access.action_or_404(action_id, change=True)
    return _button(action, lambda: services.unlink_case(action, case_id, actor=actor()), "Case unlinked")


@bp.route("/<id:action_id>/themes", methods=["GET", "POST"])
@roles_required(*access.CHANGE_ROLES)
def add_theme(action_id):
    action = access.action_or_404(action_id, change=True)
    form = ThemeForm(topics=queries.theme_topics())
    topic_id = int(form.topic.data) if (form.topic.data or "").isdigit() and len(form.topic.data) < 10 else 0
    return _form_page(action, form, "actions/theme.html", lambda: services.add_theme(
        action, topic_id, form.start, form.end, actor=actor()) and "Theme added")


@bp.route("/<id:action_id>/themes/<id:theme_id>/remove", methods=["POST"])
@roles_required(*access.CHANGE_ROLES)
def remove_theme(action_id, theme_id):
    action = access.action_or_404(action_id, change=True)
    return _button(action, lambda: services.remove_theme(action, theme_id, actor=actor()), "Theme removed")


def _form_page(action, form, template, perform):
    """A small form page about an action: a valid form calls `perform()` (one service call,
    which may refuse with ActionError, shown on the form with everything typed kept), whose
    words are flashed on the action's page."""
    if form.validate_on_submit():
        try:
            message = perform()
        except ActionError as error:
            show_error(form, error)
        else:
            return _done(action, message)
    return render_template(template, form=form, action=action)


def _button(action, perform, message):
    if not ButtonForm().validate_on_submit():
        flash("That button had expired. Try again.", "info")
        return redirect(url_for("actions.action", action_id=action.id))
    try:
        perform()
    except ActionError as error:
        flash(str(error), "info")
        return redirect(url_for("actions.action", action_id=action.id))
    return _done(action, message)
