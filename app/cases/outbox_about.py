"""What the Outbox says an email is about, for the emails about cases and feedback:
"About complaint HRD-2026-000124", linking to the case page (app.mail.about).

Letters are about their case; an acknowledgement is about a feedback item, which is shown
as its case when it has one (the officer's work is there), else as the item itself.
"""
from flask import url_for

from app.cases import access
from app.cases.models import Case, CaseItem
from app.feedback.models import FeedbackItem
from app.learning.models import SafeguardingFlag
from app.mail import about


def register(app):
    about.register(app, Case._meta.table_name, describe_cases)
    about.register(app, FeedbackItem._meta.table_name, describe_items)
    about.register(app, SafeguardingFlag._meta.table_name, describe_flags)


def _case_about(case, user, detail=""):
    url = url_for("cases.case", case_id=case.id) if access.can_view(user, case) else ""
    return about.About(f"About {case.kind_label.lower()} {case.reference}", url, detail)


def describe_cases(ids, user):
    return {case.id: _case_about(case, user) for case in Case.select().where(Case.id.in_(ids))}


def describe_items(ids, user):
    items = {item.id: item for item in FeedbackItem.select().where(FeedbackItem.id.in_(ids))}
    cases = {link.item_id: link.case for link in CaseItem.select(CaseItem, Case).join(Case)
             .where(CaseItem.item.in_(list(items)))} if items else {}
    found = {}
    for ident, item in items.items():
        case = cases.get(ident)
        if case is not None:
            found[ident] = _case_about(case, user, "" if case.reference == item.reference
                                       else f"Feedback {item.reference}")
        else:
            url = url_for("feedback_staff.item", item_id=item.id) if access.may_see_item(user, item) else ""
            found[ident] = about.About(f"About {item.kind_label.lower()} {item.reference}", url)
    return found


def describe_flags(ids, user):
    """A safeguarding alert is about the flagged item (shown as its case when it has one)."""
    flags = SafeguardingFlag.select(SafeguardingFlag.id, SafeguardingFlag.item).where(SafeguardingFlag.id.in_(ids))
    return {flag.id: about.About("Safeguarding flag", via=(FeedbackItem._meta.table_name, flag.item_id))
            for flag in flags}
