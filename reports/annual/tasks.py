"""The worker's part: compute a draft's figures (on starting it and on "Recompute"), and build a
published report's PDF once, after commit, and keep it; sweeps re-enqueue drafts still waiting
for their figures and published reports still without a PDF (huey delivers at most once)."""
import logging

from peewee import IntegrityError

from app.audit import services as audit
from app.db import db
from app.queue import db_task, register_sweep, settings
from reports.annual import pdf, services
from reports.annual.models import AnnualFile, AnnualReport

log = logging.getLogger(__name__)


def has_pdf(report_id):
    return AnnualFile.select().where(AnnualFile.report == report_id, AnnualFile.kind == "pdf").exists()


@db_task("reports.annual.build_pdf", claim=True)
def build_pdf(report_id):
    """Build and store the PDF of a published report; nothing if it has one already."""
    report = AnnualReport.get_or_none(AnnualReport.id == report_id)
    if report is None or report.status != "published" or has_pdf(report.id):
        return False
    found = settings()
    content = pdf.build(report, services.overview_of(report), list(report.assessments),
                        council_name=found.council_name, council_colour=found.council_colour)
    try:
        with db.atomic():
            AnnualFile.create(report=report, kind="pdf", filename=f"{report.slug}.pdf", content=content,
                              size=len(content))
            audit.record("annual.pdf_built", obj=report, summary=f"{report.title}: PDF built",
                         details={"bytes": len(content)})
    except IntegrityError:  # built twice at once: the first one stands
        return False
    log.info("annual report pdf built for report %s", report.id)
    return True


def pending_pdfs():
    built = AnnualFile.select(AnnualFile.report).where(AnnualFile.kind == "pdf")
    return [row.id for row in AnnualReport.select(AnnualReport.id).where(
        AnnualReport.status == "published", AnnualReport.id.not_in(built))]


register_sweep("annual_pdfs", pending_pdfs, build_pdf)


@db_task("reports.annual.compute_figures", claim=True)
def compute_figures(report_id):
    """Compute a draft's overview and pre-fill its evidence; nothing unless it is waiting."""
    return services.fill_figures(report_id)


def waiting_for_figures():
    return [row.id for row in AnnualReport.select(AnnualReport.id).where(
        AnnualReport.status == "draft", AnnualReport.computed_at.is_null())]


register_sweep("annual_figures", waiting_for_figures, compute_figures)
