"""The single view while an adviser types: residents matching a name, email, phone or reference,
and for the chosen one their earlier contacts and open cases, narrowed to what the user's role
may see.

- administrators, complaints officers and service leads: what app.cases.access lets them see
  (a service lead: their own services, never a special-category case), with links to the pages;
- contact centre advisers: every earlier contact and open case of the resident, as a summary with
  no links to case pages; the words of an item only when it is in no special-category case;
- analysts: the same summaries, with the words only of items in no case (as on their queues);
- panel facilitators: the summaries, never the words.

Showing a resident's history is audited ("person.viewed", page "contact lookup"); the words typed
to search are never logged.
"""
import re
from dataclasses import dataclass, field

from flask import has_request_context, request

from app.audit import services as audit
from app.auth.roles import ANALYST, CONTACT_ADVISER
from app.cases import access
from app.cases.models import Case, CaseItem
from app.contacts import repeats
from app.db import utcnow
from app.feedback.models import FeedbackItem
from app.people.models import Person
from app.people.services import normalise_email, normalise_phone

MAX_MATCHES = 10
MAX_CONTACTS = 20
MAX_QUERY = 200
REFERENCE = re.compile(r"^[A-Za-z]{3}-\d{4}-\d{1,9}$")
WORDS = 300  # characters of an earlier contact's words shown


@dataclass
class Contact:
    item: FeedbackItem
    case: Case = None
    words: str = None  # None: not for this role
    link: bool = False


@dataclass
class SingleView:
    person: Person
    contacts: list = field(default_factory=list)
    open_cases: list = field(default_factory=list)  # [(case, link)]
    case_links: bool = False
    repeat_number: int = 0  # which contact about the chosen service this one would be
    repeat_days: int = 0


def find_residents(query, limit=MAX_MATCHES):
    """Residents (never one whose details were removed) matching `query`: a reference of their
    feedback or case, an email, a phone number, or part of their name."""
    text = (query or "").strip()[:MAX_QUERY]
    if len(text) < 2:
        return []
    people = Person.select().where(Person.anonymised_at.is_null(True))
    if REFERENCE.match(text):
        reference = text.upper()
        ids = (FeedbackItem.select(FeedbackItem.person).where(FeedbackItem.reference == reference,
                                                               FeedbackItem.anonymous == False)  # noqa: E712
               | Case.select(Case.person).where(Case.reference == reference,
                                                Case.anonymous == False))  # noqa: E712
        condition = Person.id.in_(ids)
    elif "@" in text:
        condition = Person.email.contains(normalise_email(text))
    elif sum(c.isdigit() for c in text) >= 6 and not re.search(r"[A-Za-z]", text):
        digits = re.sub(r"\D", "", normalise_phone(text) or "")
        condition = (Person.phone == normalise_phone(text)) | Person.phone.endswith(digits[-9:])
    else:
        condition = Person.name.contains(text)
    return list(people.where(condition).order_by(Person.name, Person.id).limit(limit))


def _links(items):
    return {row.item_id: row.case for row in CaseItem.select(CaseItem, Case).join(Case)
            .where(CaseItem.item.in_([i.id for i in items] or [0]))}


def _words(role, item, case):
    if role == CONTACT_ADVISER:
        return case is None or not case.special_category
    if role == ANALYST:
        return case is None
    return False


def _text(item):
    text = " ".join(item.text.split())
    return text if len(text) <= WORDS else text[:WORDS - 1].rstrip() + "…"


def single_view(user, person, service_id=None):
    """What `user` may see of `person`'s history, and (with a service) which contact this is."""
    named = FeedbackItem.select().where(FeedbackItem.person == person,
                                        FeedbackItem.anonymous == False)  # noqa: E712
    cases = Case.select().where(Case.person == person, Case.anonymous == False,  # noqa: E712
                                Case.closed_at.is_null(True), Case.status == "open")
    full = user.role in access.VIEW_ROLES
    if full:
        named, cases = access.visible_items(user, named), access.visible_cases(user, cases)
    items = list(named.order_by(FeedbackItem.received_at.desc(), FeedbackItem.id.desc()).limit(MAX_CONTACTS))
    links = _links(items)
    view = SingleView(person=person, case_links=full)
    for item in items:
        case = links.get(item.id)
        if full:
            if case is not None and not access.can_view(user, case):
                continue
            view.contacts.append(Contact(item, case, _text(item), link=True))
        else:
            view.contacts.append(Contact(item, case, _text(item) if _words(user.role, item, case) else None))
    view.open_cases = list(cases.order_by(Case.received_at.desc(), Case.id.desc()))
    if service_id:
        view.repeat_number, view.repeat_days = repeats.contact_number(person.id, service_id, utcnow())
    audit.record("person.viewed", actor=user, obj=person, summary=f"Viewed person {person.id}",
                 details={"page": "contact lookup"},
                 ip=(request.remote_addr or "") if has_request_context() else "")
    return view


def person_or_none(value):
    """The resident a form names by id (None for junk, a huge number or one removed)."""
    try:
        person_id = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    if not 0 < person_id < 2 ** 31:
        return None
    return Person.get_or_none(Person.id == person_id, Person.anonymised_at.is_null(True))
