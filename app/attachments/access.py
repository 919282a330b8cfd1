"""Who may download which attachment: whoever may see what it belongs to.

- a file on feedback in a case: those who may see the case (app.cases.access: officers and
  administrators; a service lead for their own services, never a special-category case);
- a file on feedback in no case: the roles that read feedback, a service lead for their own
  services only;
- a file on an email that became nothing (yet): those who handle the inbox;
- a file on an unsent form: nobody on the staff side.
"""
from app.auth.roles import ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER, SERVICE_LEAD
from app.cases import access as case_access

INBOX_ROLES = (ADMINISTRATOR, COMPLAINTS_OFFICER)
ITEM_ROLES = (ADMINISTRATOR, COMPLAINTS_OFFICER, ANALYST, SERVICE_LEAD)


def may_download(user, row):
    role = getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None
    if row is None or role is None or not getattr(user, "active", False) or not row.kept:
        return False
    if row.item_id is not None:
        case = case_access.case_of_item(row.item_id)
        if case is not None:
            return case_access.can_view(user, case)
        if role == SERVICE_LEAD:
            return row.item.service_id is not None and row.item.service_id in user.service_ids()
        return role in ITEM_ROLES
    if row.inbound_id is not None:
        return role in INBOX_ROLES
    return False


def special_category(row):
    case = case_access.case_of_item(row.item_id) if row.item_id else None
    return bool(case and case.special_category)
