"""Erasure on request (UK GDPR article 17): erase or anonymise what may go, and record, for
each record kept, the exception that keeps it, so the reply to the resident can say exactly
what was kept and why.

What is found is what `privacy find` finds (by email, phone or reference; never by name, which
can match other people). Then, one transaction:
- kept whole: an open complaint ("open complaint": the council must still answer it) and
  anything under a legal hold ("legal hold: <reason>"), with the person's contact details;
- anonymised: a closed complaint case and what is on it (the record of how the council handled
  a complaint is kept for possible claims, as the retention schedule says, but without the
  person: they are unlinked and their name, email and phone are replaced by "[erased]" in its
  words, timeline and letters), and any other record whose text mentions them;
- erased: their other feedback (with everything derived from it and the files they sent with
  it; a file cannot be anonymised, so files on an anonymised case go too), survey responses and
  invitations, emails received (emptied) and sent, sign-in records, and their contact details.
The append-only tables change only through app.privacy.privileged.
"""
import re
from dataclasses import dataclass, field

import peewee

from app.attachments import services as attachments
from app.attachments.store import Discarding
from app.audit.services import record
from app.db import db, utcnow
from app.phrases import any_of
from app.privacy.find import QueryError, find
from app.privacy.privileged import privileged
from app.privacy.register import models, tags
from app.privacy.retention import EMAIL_EMPTIED, delete_emails_sent, reclaim_space

ERASED = "[erased]"


@dataclass
class Erasure:
    erased: dict = field(default_factory=dict)  # table -> count
    anonymised: dict = field(default_factory=dict)
    kept: list = field(default_factory=list)  # {"table", "id", "exception"}

    def count(self, bucket, table, n=1):
        if n:
            getattr(self, bucket)[table] = getattr(self, bucket).get(table, 0) + n

    def as_dict(self):
        return {"erased": self.erased, "anonymised": self.anonymised, "kept": self.kept}


class _DryRun(Exception):
    pass


def preview(query, reason):
    """What `erase` would do, without doing it (its transaction is rolled back, no file is
    removed and nothing is audited): for the officer to check before erasing."""
    reason, search = _checked(query, reason)
    result = Erasure()
    try:
        with Discarding(), db.atomic(), privileged(f"erasure preview: {reason}"[:200]):
            _Eraser(search, result).run()
            raise _DryRun()
    except _DryRun:
        pass
    return result


def _checked(query, reason):
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise QueryError("Give the reason for the erasure (for example, the request's date and how it came)")
    search = find(query)
    if search.kind == "name":
        raise QueryError("Erase by email address, phone number or reference: a name can match other people")
    return reason, search


def erase(query, reason, actor=None):
    reason, search = _checked(query, reason)
    result = Erasure()
    with Discarding(), db.atomic(), privileged(f"erasure: {reason}"[:200], actor):
        _Eraser(search, result).run()
        record("privacy.erase", actor=actor, object_type="subject_access", summary=(
            f"Erasure by {search.kind}: " + _counts(result)), details={"reason": reason[:500]})
    reclaim_space()
    return result


POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", re.I)


def identifiers(name="", email="", phone="", address=""):
    """What identifies a person in free text: their name (and each longer part of it), email,
    phone in the ways people write it, and the lines and postcode of their address."""
    words = {w for w in (name, email) if w}
    words |= {part for part in (name or "").split() if len(part) >= 4}
    if phone:
        digits = re.sub(r"\D", "", phone)
        national = "0" + digits[2:] if phone.startswith("+44") else digits
        words |= {phone, digits, national, f"{national[:5]} {national[5:]}", f"{national[:4]} {national[4:]}"}
    for line in (address or "").splitlines():
        if len(line.strip()) >= 4:
            words.add(line.strip())
    words |= {m.group(0) for m in POSTCODE.finditer(address or "")}
    return {w for w in words if len(w) >= 3}


def _counts(result):
    parts = [f"{n} {t} erased" for t, n in sorted(result.erased.items())]
    parts += [f"{n} {t} anonymised" for t, n in sorted(result.anonymised.items())]
    return (", ".join(parts) or "nothing erased") + f"; {len(result.kept)} kept"


class _Eraser:
    def __init__(self, search, result):
        from app.cases.models import Case, CaseItem
        from app.people.models import Person
        from app.privacy.holds import standing

        self.search, self.result = search, result
        self.kept = set()  # (table, id) of what is kept whole
        self.models, self.tags = models(), tags()
        from panels.models import Member

        people = list(Person.select().where(Person.id.in_(search.ids("person") or [0])))
        members = list(Member.select().where(Member.id.in_(search.ids("panel_member") or [0])))
        words = set(search.terms)
        for person in people:
            words |= identifiers(person.name, person.email, person.phone, person.postal_address)
        for member in members:
            words |= identifiers(member.name, member.email)
        self.pattern = any_of(words)  # never empty: the search terms are in it
        self.held_cases, self.held_people = standing()
        case_ids = set(search.ids("case_record"))
        item_ids = set(search.ids("feedback_item"))
        case_ids |= {ci.case_id for ci in CaseItem.select().where(CaseItem.item.in_(list(item_ids) or [0]))}
        self.cases = {c.id: c for c in Case.select().where(Case.id.in_(list(case_ids) or [0]))}
        self.case_of_item = {ci.item_id: ci.case_id for ci in CaseItem.select().where(
            CaseItem.case.in_(list(self.cases) or [0]))}
        self.exception_for_person = {person.id: f"legal hold: {self.held_people[person.id]}"
                                     for person in people if person.id in self.held_people}
        for case in self.cases.values():
            why = self.case_exception(case.id)
            if why and case.person_id:
                self.exception_for_person.setdefault(case.person_id, f"{why} (case {case.reference})")

    def case_exception(self, case_id):
        case = self.cases.get(case_id)
        if case is None:
            return None
        why = self.held_cases.get(case_id) or self.held_people.get(case.person_id)
        if why:
            return f"legal hold: {why}"
        if case.closed_at is None:
            return "open complaint: the council must still answer it"
        return None

    def keep(self, table, row_id, why):
        self.kept.add((table, row_id))
        self.result.kept.append({"table": table, "id": row_id, "exception": why})

    # -- the work -------------------------------------------------------------------------
    def run(self):
        handled = {"case_record", "feedback_item", "person", "inbound_message", "outbox_message",
                   "survey_response", "survey_invitation", "login_attempt", "panel_member", "attachment"}
        for case_id in list(self.cases):
            self.case(case_id)
        for item_id in self.search.ids("feedback_item"):
            self.item(item_id)
        self.simple()
        for table in sorted(self.search.records):
            if table not in handled:
                for row_id in self.search.ids(table):
                    self.scrub(table, row_id)
        self.people()
        self.members()

    def case(self, case_id):
        from app.cases.models import Case, CaseEvent
        from app.cases.post.models import PostalLetter

        why = self.case_exception(case_id)
        if why:
            self.keep("case_record", case_id, why)
            return
        Case.update(person=None).where(Case.id == case_id).execute()
        self.scrub("case_record", case_id, count=False)
        for event in CaseEvent.select(CaseEvent.id).where(CaseEvent.case == case_id):
            self.scrub("case_event", event.id, count=False)
        PostalLetter.update(recipient_name=ERASED, address=ERASED).where(PostalLetter.case == case_id).execute()
        for letter in PostalLetter.select(PostalLetter.id).where(PostalLetter.case == case_id):
            self.scrub("postal_letter", letter.id, count=False)
        self.result.count("anonymised", "case_record")

    def item(self, item_id):
        from app.feedback.models import FeedbackItem

        case_id = self.case_of_item.get(item_id)
        if case_id is not None:
            why = self.case_exception(case_id)
            if why:
                self.keep("feedback_item", item_id, why)
                return
            FeedbackItem.update(person=None, support_details="", acting_for="").where(
                FeedbackItem.id == item_id).execute()
            self.scrub("feedback_item", item_id, count=False)
            # a file cannot be anonymised: the resident's photos and documents go
            self.result.count("erased", "attachment", attachments.discard_for_items([item_id]))
            self.result.count("anonymised", "feedback_item")
            return
        item = FeedbackItem.get_or_none(FeedbackItem.id == item_id)
        if item is not None and item.person_id in self.exception_for_person:
            self.keep("feedback_item", item_id, self.exception_for_person[item.person_id])
            return
        self.result.count("erased", "attachment", attachments.discard_for_items([item_id]))
        self.result.count("erased", "feedback_item", FeedbackItem.delete().where(FeedbackItem.id == item_id).execute())

    def simple(self):
        from app.auth.models import LoginAttempt
        from app.inbox.models import InboundMessage
        from app.mail.models import OutboxMessage
        from surveys.models import Invitation, Response

        for row in InboundMessage.select().where(InboundMessage.id.in_(self.search.ids("inbound_message") or [0])):
            if ("feedback_item", row.feedback_item_id) in self.kept:
                self.keep("inbound_message", row.id, "the email of a record kept above")
                continue
            self.result.count("erased", "inbound_message", InboundMessage.update(**EMAIL_EMPTIED).where(
                InboundMessage.id == row.id).execute())
            self.result.count("erased", "attachment", attachments.discard_for_inbound([row.id], only_loose=False))
        for row in OutboxMessage.select().where(OutboxMessage.id.in_(self.search.ids("outbox_message") or [0])):
            if row.related_type in ("feedback_item", "case_record") and (row.related_type, row.related_id) in self.kept:
                self.keep("outbox_message", row.id, "an email about a record kept above")
                continue
            self.result.count("erased", "outbox_message", delete_emails_sent(OutboxMessage.id == row.id))
        for model, table in ((Response, "survey_response"), (Invitation, "survey_invitation"),
                             (LoginAttempt, "login_attempt")):
            ids = self.search.ids(table)
            if ids:
                self.result.count("erased", table, model.delete().where(model.id.in_(ids)).execute())

    def scrub(self, table, row_id, count=True):
        """Replace the person's name, email and phone in the record's personal text columns."""
        model, entry = self.models[table], self.tags[table]
        columns = [model._meta.fields[c] for c in entry.personal_fields
                   if isinstance(model._meta.fields[c], (peewee.CharField, peewee.TextField))]
        row = model.get_or_none(model._meta.primary_key == row_id)
        if row is None or not columns or self.on_kept(model, row):
            return
        changes = {}
        for column in columns:
            value = getattr(row, column.name)
            if isinstance(value, str) and self.pattern.search(value):
                changes[column.name] = self.pattern.sub(ERASED, value)[:getattr(column, "max_length", None)]
        if changes:
            model.update(**changes).where(model._meta.primary_key == row_id).execute()
            if count:
                self.result.count("anonymised", table)

    def on_kept(self, model, row):
        """Whether the row belongs to a case or feedback kept whole above."""
        for name, table in (("case", "case_record"), ("item", "feedback_item")):
            column = model._meta.fields.get(name)
            if isinstance(column, peewee.ForeignKeyField) and (table, getattr(row, name + "_id")) in self.kept:
                return True
        return False

    def people(self):
        from app.people.models import Person

        for person_id in self.search.ids("person"):
            if person_id in self.exception_for_person:
                self.keep("person", person_id, self.exception_for_person[person_id])
                continue
            self.result.count("anonymised", "person", Person.update(
                name="", email=None, phone=None, postal_address="", preferred_contact="",
                anonymised_at=utcnow()).where(Person.id == person_id).execute())

    def members(self):
        from panels.leaving import anonymise_member
        from panels.models import Member

        for member in Member.select().where(Member.id.in_(self.search.ids("panel_member") or [0])):
            if member.anonymised_at is None:
                anonymise_member(member, reason="erasure on request")
                self.result.count("anonymised", "panel_member")
