"""Who may see and change which case. Every case page, queue and search goes through here.

- administrators and complaints officers: every case, and they change cases;
- service leads: cases whose service is one of theirs (UserService), read-only, and never a
  special-category case (UK GDPR article 9 data: health, ethnicity, ...);
- analysts and panel facilitators: no case pages at all (views refuse them with 403);
- anonymous visitors: sent to sign in (by `roles_required`).

A case the user may not see answers 404, so its existence is not revealed.
"""
from flask import abort, has_request_context, request
from flask_login import current_user
from peewee import SQL

from app.audit import services as audit
from app.auth.models import UserService
from app.auth.roles import ADMINISTRATOR, COMPLAINTS_OFFICER, SERVICE_LEAD
from app.cases.models import Case, CaseItem
from app.feedback.models import FeedbackItem

# For @roles_required on case pages: who may open them at all, and who may act on them.
CHANGE_ROLES = (ADMINISTRATOR, COMPLAINTS_OFFICER)
VIEW_ROLES = CHANGE_ROLES + (SERVICE_LEAD,)
# Special-category cases: only the roles that need them.
SPECIAL_CATEGORY_ROLES = CHANGE_ROLES


def _signed_in(user):
    return user is not None and getattr(user, "is_authenticated", False) and getattr(user, "active", False)


def _role(user):
    return user.role if _signed_in(user) else None


def _own_services(user):
    return UserService.select(UserService.service).where(UserService.user == user.id)


def visible_cases(user, query=None):
    """`query` (default: every case) narrowed to the cases `user` may see."""
    query = Case.select() if query is None else query
    role = _role(user)
    if role in CHANGE_ROLES:
        return query
    if role == SERVICE_LEAD:
        not_special = Case.special_category == False  # noqa: E712
        return query.where(Case.service.in_(_own_services(user)) & not_special)
    return query.where(SQL("1 = 0"))


def can_view(user, case):
    role = _role(user)
    if case is None or role is None:
        return False
    if role in CHANGE_ROLES:
        return True
    if role == SERVICE_LEAD:
        return (not case.special_category and case.service_id is not None
                and case.service_id in user.service_ids())
    return False


def can_change(user, case):
    return _role(user) in CHANGE_ROLES and can_view(user, case)


def visible_items(user, query=None):
    """`query` (default: every feedback item) narrowed to the items `user` may see among cases
    and feedback: an item in a case only if the case is visible; an item in no case for
    officers, or a service lead in one of their services."""
    query = FeedbackItem.select() if query is None else query
    role = _role(user)
    if role in CHANGE_ROLES:
        return query
    if role == SERVICE_LEAD:
        in_cases = CaseItem.select(CaseItem.item)
        in_visible = (CaseItem.select(CaseItem.item)
                      .where(CaseItem.case.in_(visible_cases(user, Case.select(Case.id)))))
        loose_own = FeedbackItem.id.not_in(in_cases) & FeedbackItem.service.in_(_own_services(user))
        return query.where(loose_own | FeedbackItem.id.in_(in_visible))
    return query.where(SQL("1 = 0"))


def case_of_item(item):
    """The case a feedback item belongs to, or None."""
    link = (CaseItem.select(CaseItem, Case).join(Case)
            .where(CaseItem.item == getattr(item, "id", item)).first())
    return link.case if link else None


def may_see_item(user, item):
    """Whether `user` may see a feedback item's words given the case it belongs to: an item in
    a case is for those who may see the case (so never for analysts or panel facilitators, a
    service lead only in their services, a special-category case only for the special-category
    roles). (Other item rules, such as a service lead's own services for an item in no case,
    belong to the page that shows the item.)"""
    case = case_of_item(item)
    if case is None:
        return _signed_in(user)
    return can_view(user, case)


def item_scope(user):
    """For lists of feedback items outside the case pages (the review and urgent queues): an
    expression leaving out items of cases the user may not see (every case, for an analyst),
    or None when nothing need be left out."""
    return case_items_scope(user)


def case_items_scope(user):
    """For lists of feedback elsewhere (the staff home): an expression keeping items in no case
    and items of cases `user` may see, or None when nothing need be left out."""
    if _role(user) in CHANGE_ROLES:
        return None
    hidden = CaseItem.select(CaseItem.item).where(
        CaseItem.case.not_in(visible_cases(user, Case.select(Case.id))))
    return FeedbackItem.id.not_in(hidden)


def hidden_item_ids(user, item_ids):
    """Which of `item_ids` belong to cases `user` may not see (what case_items_scope leaves out)."""
    item_ids = list(item_ids)
    scope = case_items_scope(user)
    if not item_ids or scope is None:
        return set()
    return {row.id for row in FeedbackItem.select(FeedbackItem.id).where(FeedbackItem.id.in_(item_ids), ~scope)}


def case_or_404(case_id, user=None):
    """The case with `case_id` if the signed-in user may see it; 404 otherwise."""
    user = current_user if user is None else user
    try:
        case_id = int(case_id)
    except (TypeError, ValueError):
        abort(404)
    case = Case.get_or_none(Case.id == case_id) if 0 < case_id < 2 ** 31 else None
    if case is None or not can_view(user, case):
        abort(404)
    return case


def change_or_403(case, user=None):
    """Refuse (403) a user who may see `case` but not change it (a service lead)."""
    user = current_user if user is None else user
    if not can_change(user, case):
        abort(403)
    return case


PURPOSES = {  # why a role looks at a case: recorded with every view (who and when are the event's own)
    ADMINISTRATOR: "administering complaint handling",
    COMPLAINTS_OFFICER: "handling the complaint",
    SERVICE_LEAD: "answering for the service the complaint is about",
}


def record_view(user, case, what="case"):
    """Audit one look at a case page ("case.viewed"): who (the actor), when, which page, why
    (the purpose their role looks for), and whether the case holds special category data."""
    ip = (request.remote_addr or "") if has_request_context() else ""
    return audit.record("case.viewed", actor=user, obj=case, summary=f"Viewed {what} {case.reference}",
                        details={"page": what, "special_category": bool(case.special_category),
                                 "purpose": PURPOSES.get(_role(user), "")}, ip=ip)
