"""Sign-in throttling that never locks other people out.

Three limits, each counting failed attempts (a wrong password, or a wrong second-factor code)
over a sliding window:
- one account from one address (the everyday case: someone guessing);
- one address across all accounts (someone spraying many accounts);
- one account across all addresses, at a much higher bar (a distributed attack),
  so a single attacker cannot lock a colleague out from elsewhere.

A failure stops counting only when the same account later signs in from the same address: its
owner mistyped, then got it right. Nobody else's success forgives it, so an attacker who signs
in to an account of their own between bursts of guesses at other accounts is still counted
(issue 15: 15 failures, a good sign-in, repeat, used to reset the per-address count). A
success is recorded only when sign-in is complete (after the second factor, where there is one).

The address is request.remote_addr: behind a reverse proxy, set TRUSTED_PROXIES so it is the
visitor's (app.web._trust_proxies).
"""
import datetime
import math
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
    """When each counted failure matching `where` since `since` happened, oldest first."""
    later = LoginAttempt.alias("later")
    made_good = (later.select(later.id)
                 .where(later.succeeded == True, later.email == LoginAttempt.email,  # noqa: E712
                        later.ip == LoginAttempt.ip, later.id > LoginAttempt.id))
    match = [getattr(LoginAttempt, name) == value for name, value in where.items()]
    query = (LoginAttempt.select(LoginAttempt.at)
             .where(LoginAttempt.succeeded == False, LoginAttempt.at > since, *match,  # noqa: E712
                    ~fn.EXISTS(made_good))
             .order_by(LoginAttempt.at))
    return [row.at for row in query]


def seconds_to_wait(email, ip, limits, now=None):
    """0 when a sign-in for `email` from `ip` may be tried now, else the whole seconds until
    enough counted failures have left the window for every limit to allow it."""
    now = now or utcnow()
    since = now - limits.window
    checks = ((limits.per_account, {"email": email, "ip": ip}),
              (limits.per_ip, {"ip": ip}),
              (limits.per_account * ACCOUNT_ANYWHERE_FACTOR, {"email": email}))
    wait = 0.0
    for limit, where in checks:
        failures = _failures(since, **where)
        if len(failures) >= limit:
            # Allowed again once all but limit - 1 of them have left the window.
            frees_at = failures[len(failures) - limit] + limits.window
            wait = max(wait, (frees_at - now).total_seconds())
    return max(0, math.ceil(wait))


def is_throttled(email, ip, limits):
    return seconds_to_wait(email, ip, limits) > 0


def in_words(seconds):
    """"15 minutes", "1 minute": a wait, rounded up to whole minutes."""
    minutes = max(1, math.ceil(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def record_attempt(email, ip, succeeded):
    LoginAttempt.create(email=email[:320], ip=ip[:64], succeeded=succeeded)


def prune(older_than=datetime.timedelta(days=30)):
    return LoginAttempt.delete().where(LoginAttempt.at < utcnow() - older_than).execute()
