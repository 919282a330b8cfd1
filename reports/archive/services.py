"""Asking for a stored report and rebuilding one: each owns its transaction and audit entry, and
hands the build to the worker after commit (reports.build_stored). Nothing here builds a report."""
import datetime

from peewee import IntegrityError, fn

from app.audit import services as audit
from app.db import utcnow
from app.feedback.models import FeedbackItem
from app.queue import transaction
from app.timefmt import utc_bounds
from reports.archive import registry
from reports.archive.models import StoredReport, scope_of

STALE_MINUTES = 3  # a build still pending after this long is re-enqueued by the sweep
WAIT_MINUTES = 30  # how long a build waits for the period's feedback to be classified


class NotYet(Exception):
    """A builder's answer when its report should wait a little: str() says for what."""


def wait_for_classification(report, *, classifying, now=None):
    """Raise NotYet while feedback received in the report's period (for its service, if it has
    one) is still waiting for the worker to classify it, so a report is not built on half its
    topics and sentiment (as when the worker starts on a backlog). Only where the worker
    classifies new feedback (`classifying`), and for at most WAIT_MINUTES after the report was
    asked for: an item that never gets classified never stops a report."""
    if not classifying:
        return
    asked = report.rebuild_requested_at or report.requested_at
    if asked is not None and (now or utcnow()) - asked > datetime.timedelta(minutes=WAIT_MINUTES):
        return
    start, end = utc_bounds(report.period_start, report.period_end)
    query = FeedbackItem.select().where(FeedbackItem.received_at >= start, FeedbackItem.received_at < end,
                                        FeedbackItem.classification_status == "pending")
    if report.service_id is not None:
        query = query.where(FeedbackItem.service == report.service_id)
    waiting = query.count()
    if waiting:
        plural = "s" if waiting != 1 else ""
        raise NotYet(f"Waiting for {waiting:,} feedback item{plural} from the period to be classified")


class ArchiveError(ValueError):
    pass


def find(kind, service, period_start):
    return StoredReport.get_or_none(StoredReport.kind == kind, StoredReport.scope == scope_of(service),
                                    StoredReport.period_start == period_start)


def request(kind, *, period_start, period_end, service=None, actor=None, ip=""):
    """The stored report of `kind` for `service` (None: the whole council) and the period:
    the existing row, or a new pending one whose build the worker starts after commit.
    A failed one is asked for again. Staff requests (with `actor`) are audited."""
    registry.kind(kind)  # UnknownKind for a kind nobody registered
    if period_end < period_start:
        raise ArchiveError("The period ends before it starts")
    found = find(kind, service, period_start)
    if found is not None and found.status != "failed":
        return found
    with transaction() as tx:
        if found is None:
            found = _create(kind, service, period_start, period_end, actor)
            if found.status != "pending":  # made by a concurrent caller, already built
                return found
        else:
            StoredReport.update(status="pending", requested_at=utcnow(), requested_by=getattr(actor, "id", None),
                                last_error="").where(StoredReport.id == found.id).execute()
        audit.record("reports.stored_requested", actor=actor, obj=found, ip=ip,
                     summary=f"{registry.kind(kind).title} for {found.scope}, {period_start:%B %Y} asked for",
                     details={"kind": kind, "scope": found.scope, "period_start": period_start.isoformat()})
        tx.on_commit(_build, found.id)
    return StoredReport.get_by_id(found.id)


def _create(kind, service, period_start, period_end, actor):
    try:
        with transaction():
            return StoredReport.create(kind=kind, scope=scope_of(service), service=service,
                                       period_start=period_start, period_end=period_end,
                                       requested_by=getattr(actor, "id", None))
    except IntegrityError:  # asked for at the same moment by someone else
        return find(kind, service, period_start)


def rebuild(report, *, actor, ip=""):
    """Build a ready report again (the data changed); it stays downloadable until the new one
    replaces it. A failed one is simply asked for again."""
    if report.status == "failed":
        return request(report.kind, period_start=report.period_start, period_end=report.period_end,
                       service=report.service, actor=actor, ip=ip)
    if report.status != "ready" or report.rebuilding:
        raise ArchiveError("This report is already being prepared")
    with transaction() as tx:
        StoredReport.update(rebuild_requested_at=utcnow()).where(StoredReport.id == report.id).execute()
        audit.record("reports.stored_rebuild", actor=actor, obj=report, ip=ip,
                     summary=f"{registry.kind(report.kind).title} for {report.scope}, "
                             f"{report.period_start:%B %Y} to be prepared again",
                     details={"kind": report.kind, "scope": report.scope, "built_at": str(report.built_at)})
        tx.on_commit(_build, report.id)
    return StoredReport.get_by_id(report.id)


def _build(report_id):
    from reports.archive.tasks import build_stored

    build_stored(report_id)


def waiting(now=None):
    """Ids of reports whose build (or rebuild) was asked for more than STALE_MINUTES ago and
    has not finished: the worker that had it died, or it was never enqueued."""
    before = (now or utcnow()) - datetime.timedelta(minutes=STALE_MINUTES)
    query = StoredReport.select(StoredReport.id).where(
        ((StoredReport.status == "pending") & (StoredReport.requested_at < before))
        | (StoredReport.rebuild_requested_at < before))
    return [row.id for row in query.order_by(StoredReport.id)]


def for_periods(kind, starts, service_ids=None):
    """{(service id, period_start): StoredReport} for a page listing several periods: of the
    services `service_ids`, or (None) the whole council's (service id None). The rows leave
    out the PDF and HTML, carrying the PDF's size instead."""
    if not starts or service_ids is not None and not service_ids:
        return {}
    fields = [f for f in StoredReport._meta.sorted_fields if f.name not in ("pdf", "html")]
    scope = (StoredReport.scope == scope_of(None)) if service_ids is None else \
        StoredReport.service.in_(list(service_ids))
    query = (StoredReport.select(*fields, fn.LENGTH(StoredReport.pdf).alias("pdf_size"))
             .where(StoredReport.kind == kind, scope, StoredReport.period_start.in_(list(starts))))
    return {(row.service_id, row.period_start): row for row in query}


def filename(report):
    """The PDF's file name: "lessons-learnt-parking-2026-11.pdf"."""
    kind = registry.kind(report.kind)
    scope = report.service.slug if report.service_id else report.scope.replace(":", "-")
    return f"{kind.filename or kind.name}-{scope}-{report.period_start:%Y-%m}.pdf"
