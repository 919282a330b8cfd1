"""Which case a feedback item belongs to, for the pages that show the item on its own (the
item page): the case, whether this member of staff may open it, and, for an item that moved
between cases, the case it came from (by a merge or a split), so the history still links.
"""
from dataclasses import dataclass

from app.cases import access
from app.cases.models import Case, CaseItem

# How services.merge and services.split record a move on the item's CaseItem.reason.
MOVES = {"merged": "Merged from ", "split": "Split from "}


@dataclass(frozen=True)
class ItemCase:
    case: Case
    can_open: bool  # the user may open the case page
    moved: str = ""  # "merged" / "split" / "" (opened or linked here)
    came_from_reference: str = ""  # the case it moved from
    came_from: Case | None = None  # ...when the user may open that case


def item_case(user, item):
    """The ItemCase for `item` (a FeedbackItem or its id), or None when it is in no case."""
    link = (CaseItem.select(CaseItem, Case).join(Case)
            .where(CaseItem.item == getattr(item, "id", item)).first())
    if link is None:
        return None
    found = ItemCase(link.case, access.can_view(user, link.case))
    for how, prefix in MOVES.items():
        if (link.reason or "").startswith(prefix):
            reference = link.reason[len(prefix):].strip()
            earlier = Case.get_or_none(Case.reference == reference)
            return ItemCase(found.case, found.can_open, how, reference,
                            earlier if earlier is not None and access.can_view(user, earlier) else None)
    return found
