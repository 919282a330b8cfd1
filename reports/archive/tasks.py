"""The worker's part of the archive: `reports.build_stored(report_id)` builds a stored report with
its kind's builder and keeps the PDF and HTML; it does nothing for a report that is ready (unless
a rebuild was asked for), waits (a minute at a time, for up to half an hour) while feedback
from the report's period is still being classified, records a failure on the row, and the sweep
re-enqueues builds still waiting after a few minutes (huey delivers at most once)."""
import logging

from app.db import utcnow
from app.queue import db_task, register_sweep, settings, transaction
from reports.archive import registry, services
from reports.archive.models import StoredReport

log = logging.getLogger(__name__)
ERROR_LIMIT = 500
RETRY_SECONDS = 60  # a build waiting for the period's feedback to be classified


@db_task("reports.build_stored", claim=True)
def build_stored(report_id):
    """Build the stored report `report_id` if it is waiting; returns what happened (None when
    another worker is building it now: the report is claimed while it is built)."""
    return _build(report_id)


def _build(report_id):
    report = StoredReport.get_or_none(StoredReport.id == report_id)
    if report is None:
        return "missing"
    if report.status == "ready" and not report.rebuilding:
        return "ready"
    if report.status == "failed":
        return "failed"
    kind = registry.kind(report.kind)
    try:
        found = settings()
        services.wait_for_classification(report, classifying="classification" in found.intake_listeners)
        pdf, html, pages, *summary = registry.resolve(kind.builder)(report, found)
    except services.NotYet as wait:  # still pending: try again in a minute (and the sweep would)
        StoredReport.update(last_error=str(wait)[:ERROR_LIMIT]).where(StoredReport.id == report.id).execute()
        build_stored.schedule((report.id,), delay=RETRY_SECONDS)
        return "waiting"
    except Exception as error:  # noqa: BLE001 - any builder failure is recorded on the row
        log.exception("stored report %s (%s) failed to build", report.id, report.kind)
        _failed(report, error)
        return "failed"
    with transaction() as tx:
        StoredReport.update(status="ready", pdf=pdf, html=html, pages=pages, built_at=utcnow(),
                            summary="\n".join(summary[0]) if summary else "",
                            rebuild_requested_at=None, attempts=StoredReport.attempts + 1,
                            last_error="").where(StoredReport.id == report.id).execute()
        if kind.on_ready:
            tx.on_commit(registry.resolve(kind.on_ready), report.id)
    log.info("stored report %s (%s) built: %d bytes, %d pages", report.id, report.kind, len(pdf), pages)
    return "built"


def _failed(report, error):
    """A first build fails (status failed); a failed rebuild keeps the report built before."""
    message = f"{type(error).__name__}: {error}"[:ERROR_LIMIT]
    changes = {"attempts": StoredReport.attempts + 1, "last_error": message, "rebuild_requested_at": None}
    if report.status != "ready":
        changes["status"] = "failed"
    StoredReport.update(**changes).where(StoredReport.id == report.id).execute()


register_sweep("stored_reports", services.waiting, build_stored)
