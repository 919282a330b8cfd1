"""Housekeeping (app.queue.housekeeping, hourly): rate-limit hits and sign-in attempts past any
window that counts them (kept a day at least), and claims left by dead workers, are deleted."""
import datetime

from app.db import utcnow


def test_housekeeping_prunes_rate_limits_sign_in_attempts_and_old_claims(app):
    from app.auth.models import LoginAttempt
    from app.claims.models import WorkClaim
    from app.publicforms import RateLimitHit
    from app.queue import housekeeping

    now = utcnow()
    two_days_ago, an_hour_ago = now - datetime.timedelta(days=2), now - datetime.timedelta(hours=1)
    for n in range(30):
        RateLimitHit.create(bucket=f"feedback:{n}", at=two_days_ago)
        LoginAttempt.create(email=f"someone{n}@test.invalid", ip="192.0.2.1", succeeded=False,
                            at=two_days_ago)
    recent_hit = RateLimitHit.create(bucket="feedback:new", at=an_hour_ago)
    recent_attempt = LoginAttempt.create(email="someone@test.invalid", ip="192.0.2.1", succeeded=False,
                                         at=an_hour_ago)
    WorkClaim.create(work="learning.classify", object_id=1, token="gone", expires_at=two_days_ago)
    live = WorkClaim.create(work="learning.classify", object_id=2, token="live",
                            expires_at=now + datetime.timedelta(seconds=60))

    assert housekeeping.call_local() == {"rate_limit_hits": 30, "sign_in_attempts": 30, "claims": 1}
    assert [row.id for row in RateLimitHit.select()] == [recent_hit.id]
    assert [row.id for row in LoginAttempt.select()] == [recent_attempt.id]
    assert [row.id for row in WorkClaim.select()] == [live.id]
    assert housekeeping.call_local() == {"rate_limit_hits": 0, "sign_in_attempts": 0, "claims": 0}


def test_housekeeping_runs_every_hour_in_the_consumer():
    from app.queue import huey

    names = {task.name for task in huey._registry.periodic_tasks}
    assert {"heard.housekeeping", "heard.sweep_pending"} <= names
