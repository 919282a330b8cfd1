"""Residents' pages: /complaints/annual-reports (every published report) and one page per report
as HTML with its PDF beside it and the governance response alongside. Drafts and approved
reports not yet published are not found."""
from flask import Blueprint, Response, abort, render_template

from reports import charts
from reports.annual import content, services
from reports.annual.models import AnnualFile, AnnualReport

bp = Blueprint("annual_public", __name__, url_prefix="/complaints/annual-reports", template_folder="templates")


def _published(slug):
    report = AnnualReport.get_or_none(AnnualReport.slug == slug, AnnualReport.status == "published")
    return report or abort(404)


def _pdf(report):
    return AnnualFile.get_or_none(AnnualFile.report == report, AnnualFile.kind == "pdf")


def html_sections(report):
    """The report's sections for a page: each chart drawn as SVG (reports.charts), beside its table."""
    return charts.drawn(content.sections(report, services.overview_of(report), list(report.assessments)), "chart")


@bp.route("/")
def index():
    reports = AnnualReport.select().where(AnnualReport.status == "published").order_by(
        AnnualReport.period_start.desc())
    return render_template("annual/public_index.html", reports=list(reports))


@bp.route("/<slug>")
def show(slug):
    report = _published(slug)
    return render_template("annual/public_show.html", report=report, period=content.period_words(report),
                           sections=html_sections(report),
                           has_pdf=_pdf(report) is not None)


@bp.route("/<slug>.pdf")
def pdf(slug):
    found = _pdf(_published(slug)) or abort(404)
    response = Response(bytes(found.content), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{found.filename}"'
    return response
