"""Values that become header fields: validated or cleaned, so nobody can inject a header.

Residents' text (names, subjects, references they typed) may reach our headers; CR, LF
and other control characters never do (app.oneline.one_line for text, refusal for addresses
and Message-IDs).
"""
import re

from app.oneline import one_line  # noqa: F401  (its old home; new code imports app.oneline)

CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$")
DOMAIN_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
MESSAGE_ID = re.compile(r"^<[^<>\s@]{1,200}@[^<>\s@]{1,200}>$")
AUTO_SUBMITTED = ("auto-generated", "auto-replied", "no")


class InvalidAddress(ValueError):
    """The recipient is not one plain email address."""


def clean_address(value):
    """One address as `local@domain` (domain lower-cased, IDNA-encoded), or InvalidAddress.

    Anything that could smuggle a second recipient or a header (CR/LF, commas, angle
    brackets, display names, spaces) is refused, not repaired."""
    if not isinstance(value, str):
        raise InvalidAddress("the address must be text")
    address = value.strip()
    if not address or len(address) > 254 or CONTROL.search(address) or address.count("@") != 1:
        raise InvalidAddress("not one email address")
    local, domain = address.split("@")
    if not LOCAL_PART.match(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        raise InvalidAddress("the part before @ is not valid")
    try:
        domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise InvalidAddress("the domain is not valid") from None
    labels = domain.split(".")
    if len(labels) < 2 or not all(DOMAIN_LABEL.match(label) for label in labels):
        raise InvalidAddress("the domain is not valid")
    return f"{local}@{domain}"


def clean_message_id(value):
    """A Message-ID we may put in In-Reply-To/References, or "" when it is not one."""
    text = str(value or "").strip()
    if text and not text.startswith("<"):
        text = f"<{text}>"
    return text if MESSAGE_ID.match(text) and not CONTROL.search(text) else ""


def domain_of(address):
    return address.rsplit("@", 1)[-1].lower() if "@" in address else "localhost"
