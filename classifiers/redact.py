"""PII redaction for quoting residents' words in reports and published pages.

    redact(text, names=()) -> str

Replaces emails, UK phone numbers, postcodes, National Insurance numbers,
card-like numbers, bank details, street addresses with a house number and
names where they can be detected ("my name is ...", a title and surname, a
sign-off, or a name the caller already knows) with bracketed tokens such as
"[email]". Common council words ("Highways", "Library", "Council Tax") are
never taken for names. Redacting twice gives the same text as redacting once.
"""
import re
from dataclasses import dataclass

TOKENS = ("[email]", "[phone]", "[postcode]", "[NI number]", "[card number]", "[bank details]",
          "[address]", "[name]")

# Words that look like names in a sign-off or after "Mr" but are the council's own vocabulary.
NOT_NAMES = frozenset("""
highways highway library libraries council councils tax team teams department services service
parking housing waste recycling planning environmental health adult social care children customer
contact centre center office officer officers manager director the a an and or of for to in on at
by with from all everyone everybody you your yours sir madam there here this that it is was be
regards thanks thank kind best many warm yours sincerely faithfully cheers love please team
highways council leisure street road lane avenue park bins bin collection crew residents resident
neighbour neighbours family again today tomorrow monday tuesday wednesday thursday friday saturday
mate mates guys lot folks sunday january february march april may june july august september october november december
not no yes ok okay so very just but also still now then i me my we our us he she they them
""".split())

EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
CARD = re.compile(r"(?<![\d\w])[2-6](?:[ -]?\d){12,18}(?![\d\w])")
BANK = re.compile(r"(?i)\b(sort ?code|account (?:number|no\.?))[:\s]*(\d{2}[ -]?\d{2}[ -]?\d{2}(?!\d)|\d{8}(?!\d))")
NI_NUMBER = re.compile(r"(?i)(?<![\w])[a-z]{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?[a-d](?![\w])")
PHONE = re.compile(r"(?<![\w+\]])(?:\+\s?44\s?(?:\(\s?0\s?\)\s?)?|00\s?44\s?|\(?0)\d(?:[ \-().]{0,2}\d){8,9}(?![\d\w])")
POSTCODE = re.compile(r"(?i)(?<![\w])(?:gir ?0aa|[a-pr-uwyz][a-hk-y]?\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2})(?![\w])")
STREET_TYPES = (r"(?:road|rd|street|st|lane|ln|avenue|ave|close|cl|drive|dr|way|court|ct|crescent|cres|place|"
                r"pl|gardens|gdns|grove|gr|terrace|ter|hill|park|row|square|sq|walk|mews|green|rise|view|"
                r"parade|vale|meadows?|heights|end|fields?|gate|wharf|quay|chase|croft|yard|glade|hollow)")
NAME_WORD = r"(?:(?:Mc|Mac|O'|O\u2019|D')?[A-Z][a-z]+(?:-[A-Z]?[a-z]+|['\u2019](?!s\b)[A-Z]?[a-z]+)*)"
ADDRESS = re.compile(
    r"(?<![\w\]])(?:(?:flat|apartment|apt|unit) \d{1,4}[a-z]?,? )?\d{1,4}[a-z]?(?:\s?[-\u2013/]\s?\d{1,4}[a-z]?)?,?\s"
    r"(?:" + NAME_WORD + r"\s){1,3}" + STREET_TYPES.replace("(?:", "(?i:", 1) + r"\b\.?"
    r"|(?<![\w\]])(?i:(?:flat|apartment|apt|unit) \d{1,4}[a-z]?,? )?\d{1,4}[a-z]?,? (?i:(?!(?:the|a|an|my|our|down|up|"
    r"on|of|in|at|to|by|from|off|along|across|over|near|main|other|same|new|old|big|long|minutes?|mins|hours?|days?|"
    r"weeks?|months?|years?|times?|cars?|vans?|houses?|homes?|bins?|people|kids|miles|metres|meters|yards|feet|"
    r"foot|potholes?|lights?|lamps?|trees?|of)\b)[a-z]+ " + STREET_TYPES + r")\b")
TITLE_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|Cllr|Rev|Revd)\.?|Miss|Sir|Dame|Lady|Lord|Councillor|Father|Sister|Nurse|Doctor)"
    r"\s+(?:" + NAME_WORD + r"|[A-Z]\.?)(?:\s+" + NAME_WORD + r"){0,2}"
    r"|(?i:\b(?:mr|mrs|ms|mx|dr|cllr)\.?\s+)(?!(?:the|a|an|and|or|of|to|in|on|at|is|was|who|from|at)\b)[a-z][a-z-]+(?:'(?!s\b)[a-z]+)?")
MY_NAME = re.compile(
    r"(?i)\b(?:my name is|my name's|my names|i am called|i'm called|this is|signed|"
    r"name:|full name:|caller:|resident:)\s+"
    r"((?-i:" + NAME_WORD + r")(?:\s+(?-i:" + NAME_WORD + r")){0,2})")
MY_NAME_LOWER = re.compile(r"(?i)\b(?:my name is|my name's|my names|i am called|i'm called|name:)\s+([a-z][a-z'-]+)"
                           r"(?:\s+([a-z][a-z'-]+))?")
SIGN_OFF = re.compile(
    r"(?im)^[ \t]*(?:(?:kind|best|warm|many|with)\s+)?(?:regards|thanks|thank you|cheers|wishes|sincerely|"
    r"yours(?:\s+(?:sincerely|faithfully|truly))?|love|best|speak soon|ta)[ \t]*[,.!-]*[ \t]*(?:\n[ \t]*)*"
    r"((?:[A-Z][\w'\u2019-]*\.?|[a-z][a-z'\u2019-]+)(?:[ \t]+(?:[A-Z][\w'\u2019-]*\.?|[a-z][a-z'\u2019-]+)){0,2})"
    r"[ \t]*[.!]?[ \t]*$")


@dataclass(frozen=True)
class Redaction:
    """What a redaction replaced: kind (e.g. "email") and the span in the input."""
    kind: str
    start: int
    end: int


def _is_placeholder_overlap(text):
    return "[" in text or "]" in text


def _replace(pattern, token, text, group=0, guard=None):
    """Replace each match (or just `group` of it) with `token`, skipping tokens and `guard` rejects."""
    def swap(match):
        whole = match.group(0)
        part = match.group(group)
        if part is None or _is_placeholder_overlap(part) or (guard and not guard(part)):
            return whole
        lo, hi = match.start(group) - match.start(0), match.end(group) - match.start(0)
        return whole[:lo] + token + whole[hi:]
    return pattern.sub(swap, text)


def _phone(match):
    """[phone], giving back an opening bracket that the number does not close."""
    number = match.group(0)
    if _is_placeholder_overlap(number):
        return number
    if number.startswith("(") and ")" not in number:
        return "([phone]"
    return "[phone]"


def _looks_like_name(candidate):
    words = [w for w in re.findall(r"[\w'\u2019-]+", candidate) if len(w) > 1]  # initials are fine
    return bool(words) and not any(w.lower().strip("'\u2019") in NOT_NAMES for w in words)


def _lower_name(match):
    """For "my name is jane smith": keep only words that are not ordinary words."""
    whole, pieces = match.group(0), [match.group(1), match.group(2)]
    kept = [p for p in pieces if p and p.lower() not in NOT_NAMES]
    if not kept or pieces[0].lower() in NOT_NAMES or _is_placeholder_overlap(whole):
        return whole
    if len(kept) == 2:
        return whole[:match.start(1) - match.start(0)] + "[name]" + whole[match.end(2) - match.start(0):]
    return whole[:match.start(1) - match.start(0)] + "[name]" + whole[match.end(1) - match.start(0):]


def _known_names(text, names):
    """Redact each given name, and each part of it written with its capital letter."""
    wholes, parts = set(), set()
    for name in names or ():
        name = " ".join(str(name or "").split())
        if len(name) < 2:
            continue
        wholes.add(name)
        parts.update(p for p in re.split(r"[\s,]+", name) if len(p) >= 2 and p.lower() not in NOT_NAMES)
    for name in sorted(wholes, key=len, reverse=True):
        words = [re.escape(w) for w in name.split()]
        pattern = re.compile(r"(?i)(?<![\w\[])" + r"\s+".join(words) + r"(?![\w\]])")
        text = _replace(pattern, "[name]", text)
    for part in sorted(parts, key=len, reverse=True):
        text = _replace(re.compile(r"(?<![\w\[])" + re.escape(part) + r"(?![\w\]])"), "[name]", text)
    return text


def redact(text, names=()):
    """`text` with personal details replaced by tokens (see TOKENS)."""
    if not text:
        return text or ""
    text = str(text)
    text = _replace(EMAIL, "[email]", text)
    text = _replace(BANK, "[bank details]", text, group=2)
    text = _replace(CARD, "[card number]", text)
    text = _replace(NI_NUMBER, "[NI number]", text)
    text = PHONE.sub(_phone, text)
    text = _replace(POSTCODE, "[postcode]", text)
    text = _replace(ADDRESS, "[address]", text)
    text = _known_names(text, names)
    text = _replace(MY_NAME, "[name]", text, group=1, guard=_looks_like_name)
    text = MY_NAME_LOWER.sub(_lower_name, text)
    text = _replace(TITLE_NAME, "[name]", text, guard=_title_guard)
    text = _replace(SIGN_OFF, "[name]", text, group=1, guard=_looks_like_name)
    return text


def _title_guard(candidate):
    words = candidate.split()[1:]
    return bool(words) and not any(w.lower().strip(".") in NOT_NAMES for w in words)


def contains_pii(text, names=()):
    """True if redact() would change `text`."""
    return redact(text, names) != (text or "")
