"""Sign-in throttling that never locks other people out.

Three limits, all over a sliding window of failed attempts:
- one account from one address (the everyday case: someone guessing);
- one address across all accounts (someone spraying many accounts);
- one account across all addresses, at a much higher bar (a distributed attack),
  so a single attacker cannot lock a colleague out from elsewhere.
A successful sign-in wipes the slate for that account at that address.
"""
import datetime
from dataclasses import dataclass

from peewee import fn

from app.auth.models import LoginAttempt
from app.db import utcnow

ACCOUNT_ANYWHERE_FACTOR = 10


@dataclass(frozen=True)
class Limits:
    per_account: int
    per_ip: int
    window: datetime.timedelta


def limits_from(settings):
    return Limits(settings.login_max_attempts_per_account, settings.login_max_attempts_per_ip,
                  datetime.timedelta(minutes=settings.login_window_minutes))


def _failures(since, **where):
    """Failures since `since` matching `where`, after the last success matching it."""
    match = [getattr(LoginAttempt, name) == value for name, value in where.items()]
    last_ok = (LoginAttempt.select(fn.MAX(LoginAttempt.at))
               .where(LoginAttempt.succeeded == True, *match))  # noqa: E712
    return (LoginAttempt.select(fn.COUNT(LoginAttempt.id))
            .where(LoginAttempt.succeeded == False, *match,  # noqa: E712
                   LoginAttempt.at > since, LoginAttempt.at > fn.COALESCE(last_ok, since))
            .scalar() or 0)


def is_throttled(email, ip, limits):
    since = utcnow() - limits.window
    return (
        _failures(since, email=email, ip=ip) >= limits.per_account
        or _failures(since, ip=ip) >= limits.per_ip
        or _failures(since, email=email) >= limits.per_account * ACCOUNT_ANYWHERE_FACTOR
    )


def record_attempt(email, ip, succeeded):
    LoginAttempt.create(email=email[:320], ip=ip[:64], succeeded=succeeded)


def prune(older_than=datetime.timedelta(days=30)):
    return LoginAttempt.delete().where(LoginAttempt.at < utcnow() - older_than).execute()
