"""Password hashing (Argon2id) and one-time passwords."""
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
# A hash of a random password, checked when the account does not exist, so a
# sign-in for an unknown email takes as long as one for a known email.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
MIN_LENGTH = 12


def hash_password(password):
    return _hasher.hash(password)


def verify_password(password_hash, password):
    """True when `password` matches; never raises for a wrong or malformed hash."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash):
    return _hasher.check_needs_rehash(password_hash)


def one_time_password():
    """A readable random password (about 100 bits)."""
    words = secrets.token_urlsafe(15)
    return "-".join(words[i:i + 5] for i in range(0, 20, 5))


def password_problem(password):
    """A plain-English reason the password is too weak, or None."""
    if len(password) < MIN_LENGTH:
        return f"Password must be {MIN_LENGTH} characters or more"
    if len(set(password)) < 5:
        return "Password must not repeat the same few characters"
    return None
