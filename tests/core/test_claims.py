"""Claims on work (app.claims): one worker at a time on each piece of work; a dead worker's
claim is free again at once (its process is gone) or when its short lease runs out; a slow
live worker keeps its claim by its heartbeat."""
import datetime
import subprocess
import sys

from app.claims import claimed, free, leases, prune, take
from app.claims.models import WorkClaim
from app.db import utcnow

WORK = "test.work"


def dead_pid():
    """The PID of a process that has finished (and been reaped)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    return int(done.stdout)


def held_by(token, object_id=1, expires_in=60):
    return WorkClaim.create(work=WORK, object_id=object_id, token=token,
                            expires_at=utcnow() + datetime.timedelta(seconds=expires_in))


def test_a_second_worker_skips_work_that_is_claimed_and_takes_it_once_released(app):
    with claimed(WORK, [1, 2]) as first:
        assert first == [1, 2]
        with claimed(WORK, [2, 3]) as second:
            assert second == [3], "only what nobody holds"
        assert free(WORK, [1, 2, 3, 4]) == [3, 4]
    assert free(WORK, [1, 2, 3]) == [1, 2, 3] and WorkClaim.select().count() == 0
    with claimed(WORK, [2]) as again:
        assert again == [2]


def test_a_claim_is_released_when_the_work_fails(app):
    try:
        with claimed(WORK, [5]):
            raise RuntimeError("the work failed")
    except RuntimeError:
        pass
    assert free(WORK, [5]) == [5]


def test_a_claim_whose_process_has_gone_is_free_at_once(app):
    held_by(f"{leases.machine()}-{dead_pid()}-abcdef-00000000")
    assert free(WORK, [1]) == [1], "the lease has 60 s to run, but its holder is dead"
    assert take(WORK, [1]).ids == (1,)


def test_a_claim_of_an_earlier_process_with_our_pid_is_free_at_once(app):
    """In a container a restarted consumer often gets the same PID as the one that died."""
    import os

    held_by(f"{leases.machine()}-{os.getpid()}-{'0' * 6}-00000000")
    assert take(WORK, [1]).ids == (1,)


def test_a_claim_held_on_another_machine_waits_for_its_lease(app):
    row = held_by(f"0badcafe-{dead_pid()}-abcdef-00000000")
    assert free(WORK, [1]) == [], "a PID on another machine says nothing here"
    assert take(WORK, [1]).ids == ()
    WorkClaim.update(expires_at=utcnow() - datetime.timedelta(seconds=1)).where(
        WorkClaim.id == row.id).execute()
    assert take(WORK, [1]).ids == (1,), "its lease ran out"


def test_the_heartbeat_keeps_a_slow_workers_claim(app):
    with claimed(WORK, [7]) as held:
        assert held == [7]
        renewals = list(leases.heartbeat.renewals.values())
        assert len(renewals) == 1, "a claim being worked on is renewed"
        WorkClaim.update(expires_at=utcnow() + datetime.timedelta(seconds=5)).execute()  # nearly run out
        leases.heartbeat.beat(renewals)
        assert WorkClaim.get().expires_at > utcnow() + leases.LEASE - datetime.timedelta(seconds=5)
        assert take(WORK, [7]).ids == ()
    assert leases.heartbeat.renewals == {}, "nothing is renewed once the work is done"


def test_the_lease_is_a_minute(app):
    assert leases.LEASE <= datetime.timedelta(seconds=60)
    assert leases.RENEW_EVERY * 3 <= leases.LEASE, "a beat or two can be missed"


def test_a_task_that_claims_its_id_skips_while_another_runs_it_and_sweeps_leave_it(app, monkeypatch):
    """db_task(..., claim=True): the yswd PDF task (a missing publication: nothing to build)."""
    from app.queue import SWEEPS, Sweep, run_sweeps
    from reports.yswd.tasks import build_pdf

    monkeypatch.setitem(SWEEPS, "test.pdfs", Sweep("test.pdfs", lambda: [998, 999], build_pdf))
    claim = take("reports.yswd.build_pdf", [999])
    assert build_pdf.call_local(999) is None, "another worker is on it"
    assert build_pdf.call_local(998) is False, "free: run (nothing to build)"
    assert run_sweeps()["test.pdfs"] == 1, "the claimed id is not re-enqueued"
    from app.claims import release

    release(claim)
    assert build_pdf.call_local(999) is False
    assert run_sweeps()["test.pdfs"] == 2


def test_prune_deletes_claims_that_lapsed_long_ago(app):
    old = held_by("x-1-a-b", object_id=1, expires_in=-7200)
    live = held_by("x-1-a-c", object_id=2)
    assert prune() == 1
    assert [row.id for row in WorkClaim.select()] == [live.id] and old.id != live.id
