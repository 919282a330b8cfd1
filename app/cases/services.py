"""Cases and the feedback items in them: opening (every complaint opens one), linking items,
turning a comment into a complaint or a complaint into a service request, merging and
splitting with the history kept, notes and calls.

Each function is one transaction with an audit entry (no personal data in its details)
and a timeline event; all take `actor=` (staff user or None) and `at=` (naive UTC).
Stage work (acknowledging, responding, ...) is in app.cases.stages; closing in
app.cases.closing.
"""
from peewee import IntegrityError

from app.audit import services as audit
from app.cases import clocks, timeline
from app.cases.models import CASE_KINDS, Case, CaseEvent, CaseItem, CaseStage
from app.cases.rules import CaseError, has_response, now, require_open, require_text
from app.feedback.models import KINDS, FeedbackItem
from app.feedback.services import next_reference
from app.queue import transaction

__all__ = ["CaseError", "open_case", "case_of", "link_item", "make_complaint",
           "make_service_request", "merge", "split", "add_note", "log_call", "sensitivity",
           "carry_flags"]
CASE_KIND_OF_ITEM = {"complaint": "complaint", "service_request": "service_request"}
SPECIAL_CATEGORY_NEEDS = ("accessibility",)  # a disability or health condition (UK GDPR art. 9)
SAFEGUARDING_SUMMARY = "Possible safeguarding concern flagged: marked urgent"


def case_of(item):
    """The case an item belongs to, or None."""
    link = CaseItem.get_or_none(CaseItem.item == item)
    return link.case if link is not None else None


def _flags(items):
    from app.learning.models import SafeguardingFlag

    return list(SafeguardingFlag.select().where(SafeguardingFlag.item.in_([i.id for i in items] or [0])))


def sensitivity(items):
    """(urgent, special_category) for feedback items: urgent when any has a safeguarding
    flag; special category when any says it involves health or disability (its support
    needs, or a health or self-harm safeguarding reason)."""
    from classifiers.safeguarding_terms import HEALTH, SELF_HARM

    items = list(items)
    flags = _flags(items)
    needs = {need.strip() for item in items for need in (item.support_needs or "").split(",")}
    special = bool(needs & set(SPECIAL_CATEGORY_NEEDS)) or any(
        reason in (HEALTH, SELF_HARM) for flag in flags for reason in flag.reason_list)
    return bool(flags), special


def carry_flags(case, items, *, actor=None, at=None):
    """Carry the items' safeguarding and special-category flags to the case (never unset), and
    the most severe flag's severity (the urgent queue orders by it), with one "urgency"
    timeline event per newly flagged item. Returns those items' ids."""
    items = list(items)
    urgent, special = sensitivity(items)
    severity = min([flag.severity for flag in _flags(items)] + [case.severity or 99])
    severity = None if severity == 99 else severity
    if (urgent and not case.urgent) or (special and not case.special_category) or severity != case.severity:
        case.urgent, case.special_category = case.urgent or urgent, case.special_category or special
        case.severity = severity
        case.save(only=[Case.urgent, Case.special_category, Case.severity])
    noted = {row.item_id for row in CaseEvent.select(CaseEvent.item_id).where(
        CaseEvent.case == case, CaseEvent.summary == SAFEGUARDING_SUMMARY)}
    new = [flag.item_id for flag in _flags(items) if flag.item_id not in noted]
    for item_id in new:
        timeline.add(case, "urgency", SAFEGUARDING_SUMMARY, item=item_id, actor=actor, at=at)
    return new


def _fresh_reference(preferred, at):
    if preferred and not Case.select().where(Case.reference == preferred).exists():
        return preferred
    return next_reference(at.year)


def open_case(item, *, actor=None, at=None):
    """The item's case, opened now if it has none (safe to call twice). Complaints open a
    complaint case, service requests a service-request case; the clock counts from the
    item's receipt."""
    existing = case_of(item)
    if existing is not None:
        return existing
    if item.kind not in CASE_KIND_OF_ITEM:
        raise CaseError(f"A {KINDS.get(item.kind, item.kind).lower()} does not open a case. "
                        "Change it to a complaint first.")
    at = now(at)
    try:
        with transaction():
            return _open(item, actor, at)
    except IntegrityError:  # opened at the same moment by another worker
        existing = case_of(item)
        if existing is None:
            raise
        return existing


def _open(item, actor, at):
    case = Case.create(
        reference=_fresh_reference(item.reference, at), kind=CASE_KIND_OF_ITEM[item.kind],
        service=item.service_id, person=item.person_id, anonymous=item.anonymous,
        channel=item.channel, received_at=item.received_at, created_at=at, is_demo=item.is_demo)
    CaseItem.create(case=case, item=item, linked_at=at, linked_by=actor, reason="Opened the case")
    CaseStage.create(case=case, number=1, started_at=item.received_at)
    timeline.add(case, "received", f"{item.kind_label} received by {item.channel_label.lower()}",
                 item=item, at=item.received_at, stage=1)
    carry_flags(case, [item], at=at)
    clocks.refresh(case)
    audit.record("case.opened", actor=actor, obj=case, summary=f"Case {case.reference} opened",
                 details={"item_id": item.id, "kind": case.kind, "urgent": case.urgent})
    return case


def link_item(case, item, *, reason="", actor=None, at=None):
    """Add another feedback item (same resident, or about the same issue) to the case."""
    require_open(case)
    other = case_of(item)
    if other is not None:
        if other.id == case.id:
            raise CaseError(f"{item.reference} is already part of this case")
        raise CaseError(f"{item.reference} is already part of case {other.reference}. "
                        "Merge the two cases instead.")
    at = now(at)
    with transaction():
        link = CaseItem.create(case=case, item=item, linked_at=at, linked_by=actor,
                               reason=(reason or "").strip()[:200])
        timeline.add(case, "linked", f"{item.reference} ({item.kind_label.lower()}) linked",
                     body=(reason or "").strip(), item=item, actor=actor, at=at)
        carry_flags(case, [item], at=at)
        audit.record("case.item_linked", actor=actor, obj=case,
                     summary=f"Case {case.reference}: {item.reference} linked", details={"item_id": item.id})
    return link


def make_complaint(item, *, actor=None, at=None):
    """Treat the item as a complaint (any expression of dissatisfaction is one): a comment
    (or other feedback) opens a complaint case; an item in a service-request case turns
    that case back into a complaint. Returns the case."""
    case = case_of(item)
    if case is not None and case.kind == "complaint":
        raise CaseError(f"This is already part of the complaint {case.reference}")
    if case is None and item.kind == "complaint":
        return open_case(item, actor=actor, at=at)
    at = now(at)
    with transaction():
        if case is not None:
            require_open(case)
            _set_kind(case, "complaint", "Changed from a service request to a complaint", "",
                      actor, at)
            return case
        old = item.kind
        FeedbackItem.update(kind="complaint").where(FeedbackItem.id == item.id).execute()
        item.kind = "complaint"
        case = open_case(item, actor=actor, at=at)
        timeline.add(case, "converted", f"Changed from a {KINDS.get(old, old).lower()} to a complaint",
                     item=item, actor=actor, at=at)
        audit.record("feedback.kind_changed", actor=actor, obj=item,
                     summary=f"{item.reference} is now a complaint", details={"from": old, "to": "complaint"})
    return case


def make_service_request(case, reason, *, actor=None, at=None):
    """Log the case as a service request: kept and reported, but off the complaint clocks."""
    require_open(case)
    if case.kind == "service_request":
        raise CaseError("This is already a service request")
    reason = require_text(reason, "Enter why this is a service request rather than a complaint")
    if has_response(case):
        raise CaseError("A complaint that has had a response cannot become a service request")
    with transaction():
        from app.cases.stages import end_pause

        at = now(at)
        end_pause(case, actor, at)
        _set_kind(case, "service_request", "Changed from a complaint to a service request", reason,
                  actor, at)
    return case


def _set_kind(case, kind, summary, reason, actor, at):
    old = "service_request" if kind == "complaint" else "complaint"
    ids = timeline.item_ids(case)
    FeedbackItem.update(kind=kind).where(FeedbackItem.id.in_(ids or [0]), FeedbackItem.kind == old).execute()
    case.kind = kind
    case.save(only=[Case.kind])
    timeline.add(case, "converted", summary, body=reason, actor=actor, at=at)
    clocks.refresh(case)
    audit.record("case.kind_changed", actor=actor, obj=case,
                 summary=f"Case {case.reference}: {summary.lower()}",
                 details={"from": CASE_KINDS[old], "to": CASE_KINDS[kind]})


def merge(source, target, reason, *, actor=None, at=None):
    """Move every item of `source` into `target`; `source` stays, marked merged, with its
    history. Returns `target`."""
    if source.id == target.id:
        raise CaseError("Choose a different case to merge into")
    require_open(source)
    require_open(target)
    reason = require_text(reason, "Enter why these cases are being merged")
    at = now(at)
    with transaction():
        from app.cases.stages import end_pause

        end_pause(source, actor, at)
        moved = CaseItem.update(case=target, reason=f"Merged from {source.reference}"[:200]).where(
            CaseItem.case == source).execute()
        source.status, source.merged_into, source.closed_at = "merged", target, at
        source.save(only=[Case.status, Case.merged_into, Case.closed_at])
        target.urgent, target.special_category = (target.urgent or source.urgent,
                                                  target.special_category or source.special_category)
        target.severity = min([s for s in (target.severity, source.severity) if s is not None], default=None)
        target.save(only=[Case.urgent, Case.special_category, Case.severity])
        timeline.add(source, "merged", f"Merged into {target.reference}", body=reason, actor=actor, at=at)
        timeline.add(target, "merged", f"{source.reference} merged into this case ({moved} item"
                     f"{'s' * (moved != 1)})", body=reason, actor=actor, at=at)
        clocks.refresh(source)
        clocks.refresh(target)
        audit.record("case.merged", actor=actor, obj=source,
                     summary=f"Case {source.reference} merged into {target.reference}",
                     details={"target_id": target.id, "items": moved})
    return target


def split(case, item_ids, reason, *, actor=None, at=None):
    """Move some of the case's items into a new case of their own (its reference is the
    earliest moved item's, which the resident knows, when that is free). Returns it."""
    require_open(case)
    reason = require_text(reason, "Enter why these items are being split off")
    ids, linked = {int(i) for i in item_ids or ()}, set(timeline.item_ids(case))
    if not ids or not ids <= linked:
        raise CaseError("Choose one or more items that are part of this case")
    if ids == linked:
        raise CaseError("Leave at least one item on this case")
    at = now(at)
    with transaction():
        items = list(FeedbackItem.select().where(FeedbackItem.id.in_(sorted(ids)))
                     .order_by(FeedbackItem.received_at, FeedbackItem.id))
        new = _split_case(case, items, at)
        CaseItem.update(case=new, reason=f"Split from {case.reference}"[:200]).where(
            CaseItem.item.in_(sorted(ids))).execute()
        timeline.add(new, "received", f"{items[0].kind_label} received by {items[0].channel_label.lower()}",
                     item=items[0], at=items[0].received_at, stage=1)
        timeline.add(new, "split", f"Split from {case.reference}", body=reason, actor=actor, at=at)
        timeline.add(case, "split", f"{len(items)} item{'s' * (len(items) != 1)} split off into "
                     f"{new.reference}", body=reason, actor=actor, at=at)
        carry_flags(new, items, at=at)
        clocks.refresh(new)
        audit.record("case.split", actor=actor, obj=case,
                     summary=f"Case {case.reference}: items split off into {new.reference}",
                     details={"new_case_id": new.id, "items": len(items)})
    return new


def _split_case(case, items, at):
    first = items[0]
    new = Case.create(
        reference=_fresh_reference(first.reference, at), kind=case.kind,
        service=first.service_id or case.service_id, person=first.person_id,
        anonymous=first.anonymous, channel=first.channel,
        received_at=first.received_at, created_at=at, assigned_to=case.assigned_to_id,
        is_demo=case.is_demo)
    CaseStage.create(case=new, number=1, started_at=first.received_at)
    return new


def add_note(case, text, *, actor=None, at=None):
    """An internal note on the timeline (never shown to the resident)."""
    return _log(case, "note", "Note", text, "Enter the note", actor, at)


def log_call(case, text, *, actor=None, at=None):
    """A record of a phone call with the resident (or about the case)."""
    return _log(case, "call", "Call logged", text, "Enter what was said on the call", actor, at)


def _log(case, kind, summary, text, missing, actor, at):
    require_open(case)
    text = require_text(text, missing)
    with transaction():
        event = timeline.add(case, kind, summary, body=text, actor=actor, at=now(at))
        audit.record(f"case.{kind}_added", actor=actor, obj=case,
                     summary=f"Case {case.reference}: {summary.lower()}", details={"event_id": event.id})
    return event
