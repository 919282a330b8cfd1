"""Cases with given queue fields, for the queue, assignment and digest tests.

The denormalised clock fields (next_due_on, paused) are set as given rather than computed,
so each test says exactly which deadline a case has (the clocks have their own tests)."""
import datetime

from app.cases import access
from app.cases.models import Case, CaseItem
from tests.factories import create_feedback, service

WEDNESDAY = datetime.date(2026, 3, 11)  # no bank holiday near it


def midnight(day):
    return datetime.datetime.combine(day, datetime.time()) if day else None


def make_case(*, text="The bins were not collected for three weeks.", service_slug="highways",
              due=None, what="acknowledge", channel="web", **fields):
    """A case for a new complaint item (the intake hook's, or made here) with `fields` set."""
    item = create_feedback(text=text, service_slug=service_slug, channel=channel)
    case = access.case_of_item(item)
    if case is None:
        case = Case.create(reference=item.reference, person=item.person_id, received_at=item.received_at)
        CaseItem.create(case=case, item=item)
    values = {"service": service(service_slug).id if service_slug else None, "channel": channel,
              "next_due_on": midnight(due), "next_due_what": what if due else "", "paused": False,
              "assigned_to": None, "urgent": False, "special_category": False, "stage": 1,
              "status": "open", "kind": "complaint", "title": ""}
    values.update(fields)
    values["assigned_to"] = getattr(values["assigned_to"], "id", values["assigned_to"])
    Case.update(**values).where(Case.id == case.id).execute()
    case = Case.get_by_id(case.id)
    case.item = item
    return case
