"""Two-factor sign-in: time-based codes from an authenticator app (TOTP, RFC 6238, with pyotp)
and one-time recovery codes.

- A code is accepted for the current 30-second step or one step either side (clocks drift),
  and never twice: the step of the last accepted code is stored, and a code for that step or
  an earlier one is refused (RFC 6238 section 5.2), even by a second request racing the first.
- The secret is 160 random bits (pyotp.random_base32), shown once as text and as a QR code
  while it is set up; it is stored in staff_user.totp_secret and is never logged, audited or
  exported (app.privacy.export leaves it out).
- Recovery codes carry 80 random bits each, written in Crockford's base32 (no I, L, O or U, so
  nothing is misread), are shown once and stored as their SHA-256; each works once.

The credential changes built on these (setting up, new recovery codes, an administrator's reset)
end the user's other sessions and are audited in app.auth.credentials.
"""
import hashlib
import secrets
import time

import pyotp
import segno
from pyotp.utils import strings_equal

from app.auth.models import RecoveryCode, User
from app.db import db, utcnow

DRIFT_STEPS = 1
RECOVERY_CODE_COUNT = 10
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_CODE_CHARS = 16  # 80 bits
ACCEPTED, WRONG, REUSED = "accepted", "wrong", "reused"


def new_secret():
    return pyotp.random_base32()


def grouped(secret):
    """The secret in groups of four, as people type it into an app."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret, email, issuer):
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def qr_svg(uri):
    """The otpauth URI as an inline SVG (presentation attributes only: the CSP forbids inline
    styles), on white so the quiet zone survives a dark page."""
    return segno.make(uri, error="m").svg_inline(scale=4, dark="#0b0c0c", light="#ffffff")


def _digits(code):
    code = "".join((code or "").split())
    return code if len(code) == 6 and code.isdigit() else None


def matching_step(secret, code, now=None):
    """The 30-second step `code` belongs to (within the drift allowed), or None."""
    code = _digits(code)
    if code is None or not secret:
        return None
    totp = pyotp.TOTP(secret)
    step = totp.timecode(now if now is not None else time.time())
    for candidate in range(step - DRIFT_STEPS, step + DRIFT_STEPS + 1):
        if strings_equal(code, totp.generate_otp(candidate)):
            return candidate
    return None


def check_code(user, code, now=None):
    """ACCEPTED (and the step is spent), WRONG, or REUSED for a code whose step was already used."""
    step = matching_step(user.totp_secret, code, now)
    if step is None:
        return WRONG
    claimed = (User.update(totp_last_step=step)
               .where(User.id == user.id, User.totp_last_step < step).execute())
    if not claimed:
        return REUSED
    user.totp_last_step = step
    return ACCEPTED


def store_secret(user, secret, step=0):
    """Make `secret` the user's authenticator secret; codes of `step` and before are spent."""
    now = utcnow()
    User.update(totp_secret=secret, totp_last_step=step, totp_enabled_at=now).where(
        User.id == user.id).execute()
    user.totp_secret, user.totp_last_step, user.totp_enabled_at = secret, step, now


def clear(user):
    User.update(totp_secret="", totp_last_step=0, totp_enabled_at=None).where(User.id == user.id).execute()
    RecoveryCode.delete().where(RecoveryCode.user == user.id).execute()
    user.totp_secret, user.totp_last_step, user.totp_enabled_at = "", 0, None


# -- recovery codes ---------------------------------------------------------------------------

def _normalise(code):
    """As typed, in any case, with or without spaces and hyphens; I and L read as 1, O as 0."""
    text = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return text.translate(str.maketrans("ILO", "110"))


def _hash(code):
    return hashlib.sha256(_normalise(code).encode()).hexdigest()


def _new_code():
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(RECOVERY_CODE_CHARS))
    return "-".join(raw[i:i + 4] for i in range(0, RECOVERY_CODE_CHARS, 4))


def new_recovery_codes(user):
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones; returns them (the
    only time they exist unhashed)."""
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    with db.atomic():
        RecoveryCode.delete().where(RecoveryCode.user == user.id).execute()
        RecoveryCode.insert_many([{"user": user.id, "token_hash": _hash(code), "created_at": utcnow()}
                                  for code in codes]).execute()
    return codes


def use_recovery_code(user, code):
    """True when `code` is one of the user's unused recovery codes; it is used up."""
    if len(_normalise(code)) != RECOVERY_CODE_CHARS:
        return False
    return bool(RecoveryCode.update(used_at=utcnow())
                .where(RecoveryCode.user == user.id, RecoveryCode.token_hash == _hash(code),
                       RecoveryCode.used_at.is_null()).execute())


def recovery_codes_left(user):
    return RecoveryCode.select().where(RecoveryCode.user == user.id, RecoveryCode.used_at.is_null()).count()
