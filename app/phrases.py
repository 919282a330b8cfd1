"""Finding any of a set of phrases in text: a resident's name and email in words about them,
whatever their case, the longest first so a whole name goes before a part of it. Used by
erasure, the officer's redaction review (app.privacy) and a panel member's anonymising (panels)."""
import re


def any_of(phrases, encode=False):
    """One case-insensitive pattern for any of `phrases`, longest first (so a name is replaced
    whole before a part of it); over bytes with `encode`. None when there are none."""
    phrases = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not phrases:
        return None
    if encode:
        return re.compile(b"|".join(re.escape(p.encode("utf-8")) for p in phrases), re.I)
    return re.compile("|".join(re.escape(p) for p in phrases), re.I)
