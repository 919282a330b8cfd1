"""Password hashing (Argon2id), one-time passwords, and what makes a new password too weak:
too short, too few different characters, or on the offline list of common and breached
passwords (data/common-passwords.txt, shipped with the code: no password leaves the server)."""
import functools
import secrets
import string
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
# A hash of a random password, checked when the account does not exist, so a
# sign-in for an unknown email takes as long as one for a known email.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
MIN_LENGTH = 12
COMMON_PASSWORDS = Path(__file__).resolve().parent / "data" / "common-passwords.txt"
# Trimmed from both ends to find a password's core: "Password1234!" -> "password".
_EDGES = string.digits + string.punctuation + " "
MIN_CORE = 4
TOO_COMMON = ("Choose a password that is harder to guess. Common passwords, and common words with "
              "numbers or symbols added, are easy to guess")


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
    if is_common(password):
        return TOO_COMMON
    return None


@functools.cache
def _common():
    with COMMON_PASSWORDS.open(encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_common(password):
    """True when `password` is on the list as it stands, lower-cased with spaces taken out, or
    when its core (digits and punctuation trimmed from both ends) is: people make a listed
    word "stronger" by adding 1234 or ! to it, and a guesser tries exactly that first."""
    squashed = "".join(password.lower().split())
    core = squashed.strip(_EDGES)
    forms = {squashed, core} if len(core) >= MIN_CORE else {squashed}
    return not forms.isdisjoint(_common())
