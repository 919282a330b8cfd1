"""The worker's part: building a published publication's PDF, once, after commit; and a sweep
that re-enqueues any published publication still without one (huey delivers at most once)."""
import logging

from peewee import IntegrityError

from app.audit import services as audit
from app.db import db
from app.queue import db_task, register_sweep, settings
from reports.yswd import pdf, reads
from reports.yswd.models import Publication, PublicationPdf

log = logging.getLogger(__name__)


@db_task("reports.yswd.build_pdf", claim=True)
def build_pdf(publication_id):
    """Build and store the PDF of a published publication; nothing if it has one already."""
    publication = Publication.get_or_none(Publication.id == publication_id)
    if publication is None or not publication.is_published or reads.has_pdf(publication):
        return False
    content = pdf.build(reads.public_view(publication), settings().council_name)
    try:
        with db.atomic():
            PublicationPdf.create(publication=publication, content=content)
            audit.record("yswd.pdf_built", obj=publication, summary="PDF built",
                         details={"publication": publication.id, "bytes": len(content)})
    except IntegrityError:  # built twice at once: the first one stands
        return False
    log.info("yswd pdf built for publication %s", publication.id)
    return True


def pending_pdfs():
    built = PublicationPdf.select(PublicationPdf.publication)
    return [row.id for row in Publication.select(Publication.id).where(
        Publication.status == "published", Publication.id.not_in(built))]


register_sweep("yswd_pdfs", pending_pdfs, build_pdf)
