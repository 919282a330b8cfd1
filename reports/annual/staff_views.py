"""Officers' pages at /staff/reports/annual: the list, starting a report, the draft (figures, the
self-assessment with Heard's computed evidence beside the council's, the Ombudsman's letter,
the governance response) and the buttons that approve and publish it. Each view validates its
form, calls one service and goes back to the report."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.models import User
from app.auth.roles import ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER
from app.cases.clocks import london_today
from app.forms import show_error
from reports.annual import code, services
from reports.annual.forms import AssessForm, ButtonForm, EditForm, LetterForm, StartForm
from reports.annual.models import AnnualFile, AnnualReport, Assessment
from reports.annual.public_views import html_sections
from reports.annual.services import ROLES, AnnualError

bp = Blueprint("annual_staff", __name__, url_prefix="/staff/reports/annual", template_folder="templates")
READERS = ROLES + (ANALYST,)


def _user():
    return User.get_by_id(current_user.id)


def _load(report_id):
    return AnnualReport.get_or_none(AnnualReport.id == report_id) or abort(404)


def _back(report, message):
    flash(message, "success")
    return redirect(url_for(".show", report_id=report.id))


@bp.route("/")
@roles_required(*READERS)
def index():
    reports = AnnualReport.select().order_by(AnnualReport.period_start.desc())
    return render_template("annual/staff_list.html", reports=list(reports), may_start=current_user.role in ROLES)


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*ROLES)
def new():
    form = StartForm(data=None if request.method == "POST" else {
        "start": services.default_start(london_today()).isoformat()})
    if form.validate_on_submit():
        try:
            report = services.create(form.day, actor=_user(), today=london_today())
        except AnnualError as error:
            show_error(form, error)
        else:
            return _back(report, "Draft started. Heard is computing the figures and the evidence it can count: "
                                 "refresh the page in a minute.")
    return render_template("annual/staff_form.html", form=form, title="Start an annual complaints report",
                           button="Start the draft", report=None)


@bp.route("/<id:report_id>")
@roles_required(*READERS)
def show(report_id):
    report = _load(report_id)
    overview = services.overview_of(report)
    rows = {row.section: row for row in report.assessments}
    computed = code.evidence(overview, report.title) if overview else {n: [] for n in code.SECTIONS}
    letter = AnnualFile.get_or_none(AnnualFile.report == report, AnnualFile.kind == "letter")
    return render_template("annual/staff_show.html", report=report,
                           sections=html_sections(report) if overview else [], computing=services.computing(report),
                           assessments=[(n, name, rows.get(n)) for n, (name, _) in code.SECTIONS.items()],
                           computed=computed, letter=letter, button=ButtonForm(),
                           may_edit=current_user.role in ROLES and report.is_draft,
                           may_approve=services.may_approve(current_user, report),
                           may_publish=current_user.role in ROLES and report.status == "approved")


def _form_page(report, form, perform, *, title, button, done, **context):
    if form.validate_on_submit():
        try:
            perform()
        except AnnualError as error:
            show_error(form, error)
        else:
            return _back(report, done)
    return render_template("annual/staff_form.html", form=form, title=title, button=button, report=report,
                           **context)


@bp.route("/<id:report_id>/edit", methods=["GET", "POST"])
@roles_required(*ROLES)
def edit(report_id):
    report = _load(report_id)
    form = EditForm(obj=report if request.method == "GET" else None)
    if request.method == "GET" and report.governance_on:
        form.governance_on.data = report.governance_on.isoformat()
    return _form_page(report, form, lambda: services.edit(
        report, ombudsman_letter=form.ombudsman_letter.data, ombudsman_reports=form.ombudsman_reports.data,
        governance_response=form.governance_response.data, governance_by=form.governance_by.data,
        governance_on=form.governance_day, actor=_user()),
        title="The Ombudsman's letter and the governance response", button="Save", done="Saved.")


@bp.route("/<id:report_id>/assess/<id:section_id>", methods=["GET", "POST"])
@roles_required(*ROLES)
def assess(report_id, section_id):
    """One section of the self-assessment (its number, 1 to 9, is the id in the URL)."""
    report, section = _load(report_id), section_id
    row = Assessment.get_or_none(Assessment.report == report, Assessment.section == section) or abort(404)
    form = AssessForm(obj=row if request.method == "GET" else None)
    name, provisions = code.SECTIONS[section]
    overview = services.overview_of(report)
    computed = code.evidence(overview, report.title)[section] if overview else []
    return _form_page(report, form, lambda: services.assess(
        report, section, status=form.status.data, evidence=form.evidence.data, commentary=form.commentary.data,
        actor=_user()), title=f"Section {section}: {name}", button="Save the assessment",
        done=f"Section {section} saved.", provisions=provisions, computed=computed)


@bp.route("/<id:report_id>/letter", methods=["GET", "POST"])
@roles_required(*ROLES)
def letter(report_id):
    report = _load(report_id)
    form = LetterForm()

    def perform():
        upload = form.letter.data
        services.attach_letter(report, getattr(upload, "filename", ""), upload.read() if upload else b"",
                               actor=_user())
    return _form_page(report, form, perform, title="Upload the Ombudsman's annual letter", button="Upload",
                      done="The Ombudsman's letter is uploaded.", upload=True)


@bp.route("/<id:report_id>/letter.pdf")
@roles_required(*READERS)
def letter_pdf(report_id):
    found = AnnualFile.get_or_none(AnnualFile.report == _load(report_id), AnnualFile.kind == "letter") or abort(404)
    response = Response(bytes(found.content), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    return response


def _button(report_id, perform, done):
    report = _load(report_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        perform(report)
    except AnnualError as error:
        flash(error.message, "error")
        return redirect(url_for(".show", report_id=report.id))
    return _back(report, done)


@bp.route("/<id:report_id>/recompute", methods=["POST"])
@roles_required(*ROLES)
def recompute(report_id):
    return _button(report_id, lambda r: services.recompute(r, actor=_user()),
                   "Heard is recomputing the figures: refresh the page in a minute.")


@bp.route("/<id:report_id>/approve", methods=["POST"])
@roles_required(ADMINISTRATOR)
def approve(report_id):
    return _button(report_id, lambda r: services.approve(r, actor=_user()), "Approved. The figures are frozen.")


@bp.route("/<id:report_id>/publish", methods=["POST"])
@roles_required(ADMINISTRATOR, COMPLAINTS_OFFICER)
def publish(report_id):
    return _button(report_id, lambda r: services.publish(r, actor=_user()),
                   "Published. The PDF is being built and will appear beside it.")
