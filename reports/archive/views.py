"""/staff/reports: every month's lessons-learnt report for the services a member of staff may see,
as a PDF to download and as a web page to read, and a button that asks the worker to prepare one
(or prepare it again). Service leads see only their own services; anything else is a 404."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.cases.clocks import london_today
from app.timefmt import month_end
from reports.archive import reads, registry, services
from reports.archive.forms import MonthForm, PrepareForm, RebuildForm
from reports.archive.models import StoredReport
from reports.scrutiny import quarters
from reports.scrutiny import reads as scrutiny

bp = Blueprint("report_archive", __name__, url_prefix="/staff/reports", template_folder="templates")


def _report_or_404(report_id, ready=True):
    report = StoredReport.get_or_none(StoredReport.id == report_id)
    if report is None or not reads.may_see(current_user, report) or (ready and not report.is_ready):
        abort(404)
    return report


@bp.route("")
@roles_required(*reads.ROLES)
def index():
    today = london_today()
    form = MonthForm(request.args)
    extra = form.chosen(today, reads.ended_month)
    return render_template("archive/index.html", form=form, errors=form.problems(), extra=extra,
                           listing=reads.listing(current_user, today, extra), prepare=PrepareForm(),
                           packs=scrutiny.listing(current_user, today),
                           rebuild=RebuildForm(), filename=services.filename)


@bp.route("/prepare", methods=["POST"])
@roles_required(*reads.ROLES)
def prepare():
    form = PrepareForm()
    if not form.validate_on_submit():
        flash("Your page was open too long: try again", "info")
        return redirect(url_for(".index"))
    service = next((s for s in reads.services_for(current_user) if str(s.id) == form.service.data), None)
    try:
        year, month = (int(part) for part in (form.month.data or "").split("-"))
        start = reads.ended_month(year, month, london_today())
    except ValueError:
        abort(404)
    if service is None:
        abort(404)
    services.request(reads.KIND, service=service, period_start=start, period_end=month_end(start),
                     actor=current_user, ip=request.remote_addr or "")
    flash(f"{service.name}, {start:%B %Y} is being prepared: refresh this page in a minute", "success")
    return _back_to(start, service)


@bp.route("/scrutiny/prepare", methods=["POST"])
@roles_required(*reads.ROLES)
def prepare_scrutiny():
    """Ask for a financial-year quarter's scrutiny pack (its first month in the form's `month`)."""
    if not scrutiny.may_see(current_user):
        abort(404)
    form = PrepareForm()
    if not form.validate_on_submit():
        flash("Your page was open too long: try again", "info")
        return redirect(url_for(".index", _anchor="scrutiny"))
    try:
        quarter = quarters.parse(form.month.data, london_today())
    except quarters.QuarterError:
        abort(404)
    if quarter.start.month not in quarters.FIRST_MONTHS:
        abort(404)
    scrutiny.request(quarter, actor=current_user, ip=request.remote_addr or "")
    flash(f"The scrutiny pack for {quarter.words} is being prepared: refresh this page in a minute", "success")
    return redirect(url_for(".index", _anchor="scrutiny"))


@bp.route("/<id:report_id>/rebuild", methods=["POST"])
@roles_required(*reads.ROLES)
def rebuild(report_id):
    report = _report_or_404(report_id, ready=False)
    if RebuildForm().validate_on_submit():
        try:
            services.rebuild(report, actor=current_user, ip=request.remote_addr or "")
        except services.ArchiveError as error:
            flash(str(error), "info")
        else:
            flash(f"{reads.describe(report)} is being prepared again; the "
                  "report built before stays here until the new one is ready", "success")
    return _back_to(report.period_start, report.service)


def _back_to(start, service):
    if service is None:  # the whole council's: a scrutiny pack
        return redirect(url_for(".index", _anchor="scrutiny"))
    args = {} if start in reads.month_starts(london_today()) else {"month": start.month, "year": start.year}
    return redirect(url_for(".index", **args, _anchor=f"service-{service.id}"))


@bp.route("/<id:report_id>/pdf")
@roles_required(*reads.ROLES)
def download(report_id):
    report = _report_or_404(report_id)
    return Response(bytes(report.pdf), mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{services.filename(report)}"',
        "Cache-Control": "private, no-store"})


@bp.route("/<id:report_id>/read")
@roles_required(*reads.ROLES)
def read(report_id):
    report = _report_or_404(report_id)
    return render_template("archive/read.html", report=report, filename=services.filename(report),
                           kind=registry.kind(report.kind).title, described=reads.describe(report))
