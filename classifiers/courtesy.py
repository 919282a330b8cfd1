"""Letter courtesies: the greeting and sign-off around what a resident actually says.

"Dear Sir or Madam, ... Kind regards, Jan" is good manners, not praise: left in, a polite
complaint reads as half positive. Sentiment is judged on the words between them; a text that is
nothing but courtesy is left as it is.

    strip_courtesy("Dear Council, the bins were missed again. Kind regards, Jan")
    -> "the bins were missed again."
"""
import re

_GREETING = re.compile(
    r"^\s*(?:(?:dear|hi|hello|hiya|good\s+(?:morning|afternoon|evening))\b[^,.!\n]{0,40}[,.!:\n]+"
    r"|to\s+whom\s+it\s+may\s+concern\s*[,.:\n]+)\s*", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"(?:(?<=[.!?])|[\s,-])[\s,-]*(?:(?:with\s+)?(?:kind(?:est)?|best|warm(?:est)?|many)\s+(?:regards|wishes|thanks)"
    r"|regards|thanks\s+in\s+advance|yours\s+(?:sincerely|faithfully|truly)|best|cheers|thank\s+you\s+in\s+advance)"
    r"[\s,.!]*(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})?[\s.!]*$", re.IGNORECASE)
_SENT_FROM = re.compile(r"\s*sent\s+from\s+my\s+[\w\s]{1,30}$", re.IGNORECASE)


def strip_courtesy(text):
    """`text` without a leading greeting and trailing sign-off (or `text` when nothing is left)."""
    original = text or ""
    stripped = _SENT_FROM.sub("", original)
    stripped = _GREETING.sub("", stripped, count=1)
    stripped = _SIGN_OFF.sub("", stripped).strip()
    return stripped if len(stripped.split()) >= 2 else original.strip()
