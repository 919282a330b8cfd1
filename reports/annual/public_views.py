"""Residents' pages: /complaints/annual-reports (every published report) and one page per report
as HTML with its PDF beside it and the governance response alongside. Drafts and approved
reports not yet published are not found.

The pages and the PDF are in the page's language (app.i18n): Heard's own words, headings, labels
and dates; what officers and councillors wrote stays as written. The stored PDF (built by the
worker) is the English one; another language's PDF is built when a resident first asks for it
(reports.translated_pdfs)."""
from flask import Blueprint, Response, abort, current_app, render_template

from app.languages import DEFAULT, current
from reports import charts, translated_pdfs
from reports.annual import content, services
from reports.annual import pdf as pdf_file
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
    return render_template("annual/public_index.html", reports=list(reports), title_words=content.title_words)


@bp.route("/<slug>")
def show(slug):
    report = _published(slug)
    return render_template("annual/public_show.html", report=report, period=content.period_words(report),
                           title=content.title_words(report), sections=html_sections(report),
                           has_pdf=_pdf(report) is not None)


@bp.route("/<slug>.pdf")
def pdf(slug):
    report = _published(slug)
    found = _pdf(report) or abort(404)
    content_bytes = bytes(found.content)
    if current() != DEFAULT:  # the stored PDF is English: this language's, from the same figures
        settings = current_app.config["HEARD"]
        content_bytes = translated_pdfs.translated("annual", content_bytes, current(), lambda: pdf_file.build(
            report, services.overview_of(report), list(report.assessments),
            council_name=settings.council_name, council_colour=settings.council_colour))
    response = Response(content_bytes, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{found.filename}"'
    return response
