"""Which residents' words may ever be offered as a quote, and the words as they would show.

A quote may come only from an item whose resident said yes to being quoted and which is not
special-category (`special_category_ids`). Its text always goes through `classifiers.redact`
with the resident's name (and the name of anyone acting for them); and, as a second guard
with patterns of its own, a redacted text that still looks like it holds an email address, a
phone number or a postcode is never offered (`still_identifies`).
"""
import re

from app.cases.models import Case, CaseItem
from app.cases.services import SPECIAL_CATEGORY_NEEDS
from app.feedback.models import FeedbackItem
from app.learning.models import SafeguardingFlag
from classifiers.redact import redact

BATCH = 500
# Looser than the redactor's own patterns on purpose: better to lose a quote than to publish
# a way to reach someone.
LOOSE_EMAIL = re.compile(r"\S+@\S+\.\w{2,}|\S+\s*(?:\(at\)|\[at\]|\bat\b)\s*\S+\s*(?:\(dot\)|\[dot\]|\bdot\b)\s*\w{2,}",
                         re.I)
LOOSE_PHONE = re.compile(r"(?:\+|\b)(?:\d[\s().-]{0,2}){9,}\d")
LOOSE_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d\s*[A-Z]{2}\b", re.I)


def special_category_ids(item_ids):
    """The ids among `item_ids` of special-category items: any safeguarding flag (whatever an
    officer later decided), support needs that tell of health or disability, or an item in a
    special-category case."""
    ids = list(item_ids)
    found = set()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        found |= {row.item_id for row in SafeguardingFlag.select(SafeguardingFlag.item)
                  .where(SafeguardingFlag.item.in_(chunk))}
        found |= {row.item_id for row in CaseItem.select(CaseItem.item).join(Case)
                  .where(CaseItem.item.in_(chunk), Case.special_category == True)}  # noqa: E712
        for item in FeedbackItem.select(FeedbackItem.id, FeedbackItem.support_needs).where(
                FeedbackItem.id.in_(chunk), FeedbackItem.support_needs != ""):
            if {need.strip() for need in item.support_needs.split(",")} & set(SPECIAL_CATEGORY_NEEDS):
                found.add(item.id)
    return found


def quotable_ids(item_ids):
    """The ids among `item_ids` whose words may be offered: the resident agreed, and the item
    is not special-category."""
    ids = list(item_ids)
    agreed = set()
    for start in range(0, len(ids), BATCH):
        agreed |= {row.id for row in FeedbackItem.select(FeedbackItem.id).where(
            FeedbackItem.id.in_(ids[start:start + BATCH]), FeedbackItem.quote_consent == True)}  # noqa: E712
    return agreed - special_category_ids(agreed)


def still_identifies(text):
    """True when `text` still looks like it holds an email address, a phone number or a postcode."""
    text = text or ""
    return any(pattern.search(text) for pattern in (LOOSE_EMAIL, LOOSE_PHONE, LOOSE_POSTCODE))


def redacted(item):
    """The item's words as a quote would show them: redacted, with the resident's name (and
    that of anyone acting for them) taken out too; None when they still identify someone."""
    names = [name for name in (item.person.name if item.person_id and item.person else "",
                               item.acting_for) if name]
    text = " ".join(redact(item.text, names=names).split())
    return None if not text or still_identifies(text) else text
