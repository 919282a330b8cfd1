"""The staff panel pages under /staff/panels, for administrators (every panel) and panel
facilitators (the panels they are named on; any other panel is a 404, never a 403): the list
of panels, creating and editing one, a panel's page (members, applications waiting,
proposals), the applications queue and one application's decision, the representativeness
view, and the council's population profile.

Views are thin: check who may, validate the form, call one service, redirect or render."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth import roles
from app.auth.access import roles_required
from app.forms import show_error
from panels import applications, demographics, population, queries, representativeness, services
from panels.access import run_panel_or_404
from panels.models import APPLICATION_STATUSES, Application
from panels.staff_forms import (DecisionForm, PanelForm, fill_population, population_figures,
                                population_form)

bp = Blueprint("panels_staff", __name__, url_prefix="/staff/panels", template_folder="templates")
STAFF = (roles.ADMINISTRATOR, roles.PANEL_FACILITATOR)
QUEUE_VIEWS = {"waiting": ("Waiting for a decision", applications.OPEN_STATUSES),
               "approved": ("Approved", ("approved",)), "declined": ("Declined", ("declined",))}


@bp.context_processor
def helpers():
    return {"status_label": queries.status_label,
            "proposal_statuses": queries.PROPOSAL_STATUSES}


def actor():
    return current_user._get_current_object()


def _panel_form(panel=None):
    form = PanelForm() if request.method == "POST" else PanelForm(
        formdata=None, name=panel.name if panel else "", summary=panel.summary if panel else "",
        how_to_join=panel.how_to_join if panel else "",
        accepting="yes" if panel is None or panel.accepting_applications else "no",
        facilitators=[str(u.id) for u in queries.facilitators(panel)] if panel else [])
    form.facilitators.choices = [(str(u.id), u.name) for u in services.possible_facilitators()]
    return form


@bp.route("")
@roles_required(*STAFF)
def index():
    return render_template("panels/staff_index.html", rows=queries.panel_rows(actor()))


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def new():
    form = _panel_form()
    if form.validate_on_submit():
        try:
            panel = services.create_panel(form.details(), form.facilitator_ids(), actor=actor(),
                                          ip=request.remote_addr)
        except services.PanelError as refusal:
            show_error(form, refusal)
        else:
            flash(f"{panel.name} created", "success")
            return redirect(url_for("panels_staff.panel", panel_id=panel.id))
    return render_template("panels/staff_panel_form.html", form=form, panel=None)


@bp.route("/<id:panel_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(panel_id):
    panel = run_panel_or_404(actor(), panel_id)
    form = _panel_form(panel)
    if form.validate_on_submit():
        try:
            services.update_panel(panel, form.details(), form.facilitator_ids(), actor=actor(),
                                  ip=request.remote_addr)
        except services.PanelError as refusal:
            show_error(form, refusal)
        else:
            flash("Changes saved", "success")
            return redirect(url_for("panels_staff.panel", panel_id=panel.id))
    return render_template("panels/staff_panel_form.html", form=form, panel=panel)


@bp.route("/<id:panel_id>")
@roles_required(*STAFF)
def panel(panel_id):
    panel = run_panel_or_404(actor(), panel_id)
    return render_template("panels/staff_panel.html", panel=panel, members=queries.members(panel),
                           waiting=queries.queue(actor(), panel), proposals=queries.proposals(panel),
                           facilitators=queries.facilitators(panel))


@bp.route("/applications", endpoint="applications")
@roles_required(*STAFF)
def applications_queue():
    show = request.args.get("show", "waiting")
    if show not in QUEUE_VIEWS:
        show = "waiting"
    heading, statuses = QUEUE_VIEWS[show]
    return render_template("panels/staff_applications.html", rows=queries.queue(actor(), statuses=statuses),
                           show=show, views=QUEUE_VIEWS, heading=heading)



@bp.route("/applications/<id:application_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def application(application_id):
    found = Application.get_or_none(Application.id == application_id) or abort(404)
    run_panel_or_404(actor(), found.panel_id)
    form = DecisionForm()
    if found.status in applications.OPEN_STATUSES and form.validate_on_submit():
        try:
            decided = applications.decide(found, form.decision.data, form.reason.data, actor=actor(),
                                          ip=request.remote_addr)
        except applications.ApplicationError as refusal:
            show_error(form, refusal)
        else:
            flash(f"Decision saved: {APPLICATION_STATUSES[decided.status].lower()}. "
                  "We have emailed the applicant.", "success")
            return redirect(url_for("panels_staff.applications"))
    return render_template("panels/staff_application.html", application=found, form=form,
                           open=found.status in applications.OPEN_STATUSES)


@bp.route("/<id:panel_id>/representativeness", endpoint="representativeness")
@roles_required(*STAFF)
def representativeness_view(panel_id):
    panel = run_panel_or_404(actor(), panel_id)
    total, dimensions = representativeness.compare(panel)
    return render_template("panels/staff_representativeness.html", panel=panel, total=total,
                           dimensions=dimensions, rule=representativeness)



@bp.route("/population", endpoint="population")
@roles_required(*STAFF)
def population_profile():
    return render_template("panels/staff_population.html", profile=population.profile())



@bp.route("/population/<dimension>", methods=["GET", "POST"])
@roles_required(*STAFF)
def population_edit(dimension):
    if dimension not in demographics.DIMENSIONS:
        abort(404)
    if request.method == "POST":
        form = population_form(dimension)
    else:
        form = population_form(dimension, formdata=None)
        fill_population(form, population.shares(dimension))
    if form.validate_on_submit():
        figures, problem = population_figures(form)
        try:
            if problem:
                raise population.PopulationError(*problem)
            population.save(dimension, figures, form.source.data, actor=actor(), first_field=form.rows[0][-1],
                            ip=request.remote_addr)
        except population.PopulationError as refusal:
            show_error(form, refusal)
        else:
            flash(f"Population profile for {demographics.DIMENSIONS[dimension].lower()} saved", "success")
            return redirect(url_for("panels_staff.population"))
    return render_template("panels/staff_population_form.html", form=form, dimension=dimension,
                           label=demographics.DIMENSIONS[dimension], categories=demographics.categories(dimension))
