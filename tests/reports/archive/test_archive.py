"""The stored-report archive with kinds registered by a test (no PDF to build): asking twice gives
one row, the build task is safe to run twice, a failure is recorded and can be asked for again, a
rebuild keeps the report built before until the new one replaces it, and the sweep re-enqueues
builds that a dying worker left pending."""
import datetime

import pytest

from app.db import utcnow
from app.queue import run_sweeps
from reports.archive import registry, services
from reports.archive.models import StoredReport
from reports.archive.tasks import build_stored
from tests.factories import create_user, service

MARCH = {"period_start": datetime.date(2026, 3, 1), "period_end": datetime.date(2026, 3, 31)}
SEEN = []


def build(report, settings):
    """A builder that remembers what the row looked like while it was being built."""
    SEEN.append((report.status, bytes(report.pdf) if report.pdf is not None else None))
    return f"%PDF-{len(SEEN)}".encode(), f"<p>{settings.council_name}</p>", 2, ["One line", "Two lines"]


def explode(report, settings):
    raise RuntimeError("the figures could not be read")


@pytest.fixture(autouse=True)
def kinds():
    SEEN.clear()
    registry.register(registry.Kind("test-kind", "Test report", builder=f"{__name__}:build"))
    registry.register(registry.Kind("broken", "Broken report", builder=f"{__name__}:explode"))
    yield
    registry._extra.clear()


def test_request_build_rebuild_and_failure(app):
    officer = create_user("complaints_officer")
    report = services.request("test-kind", service=service("parking"), actor=officer, **MARCH)
    again = services.request("test-kind", service=service("parking"), **MARCH)
    assert again.id == report.id and StoredReport.select().count() == 1
    assert report.is_ready and bytes(report.pdf) == b"%PDF-1" and report.pages == 2
    assert report.summary == "One line\nTwo lines" and report.html == "<p>Testshire County Council</p>"
    assert build_stored.call_local(report.id) == "ready" and len(SEEN) == 1  # safe to run twice
    assert services.filename(report) == "test-kind-parking-2026-03.pdf"

    rebuilt = services.rebuild(report, actor=officer)
    assert SEEN[-1] == ("ready", b"%PDF-1")  # downloadable as it was while being rebuilt
    assert bytes(rebuilt.pdf) == b"%PDF-2" and not rebuilt.rebuilding

    failed = services.request("broken", service=None, actor=officer, **MARCH)
    assert failed.status == "failed" and "the figures could not be read" in failed.last_error
    assert failed.scope == "council" and failed.attempts == 1
    retried = services.request("broken", service=None, actor=officer, **MARCH)
    assert retried.status == "failed" and retried.attempts == 2

    with pytest.raises(registry.UnknownKind):
        services.request("no-such-kind", **MARCH)


def test_the_sweep_builds_what_a_dead_worker_left_pending(app):
    stale = StoredReport.create(kind="test-kind", scope="council", period_start=datetime.date(2026, 1, 1),
                                period_end=datetime.date(2026, 1, 31),
                                requested_at=utcnow() - datetime.timedelta(minutes=10))
    fresh = StoredReport.create(kind="test-kind", scope="council", period_start=datetime.date(2026, 2, 1),
                                period_end=datetime.date(2026, 2, 28))
    assert services.waiting() == [stale.id]
    assert run_sweeps()["stored_reports"] == 1
    assert StoredReport.get_by_id(stale.id).is_ready and StoredReport.get_by_id(fresh.id).status == "pending"


def test_a_build_waits_while_its_periods_feedback_is_being_classified(app):
    """Where the worker classifies new feedback, a report asked for while some of its month is
    still to be classified (the worker starting on a backlog) waits, saying why, for up to half
    an hour; where nothing classifies feedback it never waits."""
    from app.feedback.models import FeedbackItem
    from tests.factories import create_feedback

    item = create_feedback(service_slug="parking", received_at=datetime.datetime(2026, 3, 10, 12))
    FeedbackItem.update(classification_status="pending").where(FeedbackItem.id == item.id).execute()
    report = services.request("lessons", service=service("parking"), period_start=datetime.date(2026, 3, 1),
                              period_end=datetime.date(2026, 3, 31))
    with pytest.raises(services.NotYet, match="Waiting for 1 feedback item from the period"):
        services.wait_for_classification(report, classifying=True)
    later = report.requested_at + datetime.timedelta(minutes=services.WAIT_MINUTES + 1)
    services.wait_for_classification(report, classifying=True, now=later)  # waited long enough
    services.wait_for_classification(report, classifying=False)  # nothing would classify it
    FeedbackItem.update(classification_status="done").where(FeedbackItem.id == item.id).execute()
    services.wait_for_classification(report, classifying=True)
    assert StoredReport.get_by_id(report.id).status == "ready"


def test_a_report_waits_for_the_workers_refresh_of_the_summaries_rather_than_skipping_it(app):
    """While the worker's periodic refresh holds the summaries' lock, a report's refresh waits
    for it and then runs (it used to give up and build on summaries missing the newest labels)."""
    import threading

    from app.db import db
    from reports.tasks import refresh_now, summaries_held

    held, release = threading.Event(), threading.Event()

    def worker_refreshing():
        with db.connection_context(), summaries_held():
            held.set()
            release.wait(5)

    thread = threading.Thread(target=worker_refreshing)
    thread.start()
    held.wait(5)
    threading.Timer(1.0, release.set).start()
    assert refresh_now(wait_seconds=10) is not None
    thread.join()
    assert refresh_now(wait_seconds=0) is not None  # free: runs at once
