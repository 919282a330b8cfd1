"""Subject access: find everything Heard holds about one person, from an email address, a phone
number, a name or a reference.

Two ways in, both driven by the classification (app.privacy.register), so a new table is
searched as soon as it is classified:
1. The person's own rows: residents (`person`) and panel members (`panel_member`) whose email,
   phone or name is the query, and the feedback or case with that reference; then every row of
   a table that points at one of those rows, and at those, and so on (feedback → its case →
   the case's letters and events, predictions, survey answers ...). Tables of counts, models
   and council settings are not followed.
2. Every personal text column of every table that holds the query's text (an email address in
   an audit summary, a phone number in a case note, a raw email).
"""
import re
from dataclasses import dataclass, field

import peewee

from app.privacy.register import models, tags

MIN_QUERY = 3
MAX_QUERY = 254
NOT_FOLLOWED = ("council", "aggregate", "model")
MAX_ROUNDS = 6


class QueryError(ValueError):
    """The query cannot identify anyone (empty, too short or too long, or control characters)."""


@dataclass
class Search:
    query: str
    kind: str  # email, phone, reference or name
    terms: tuple
    records: dict = field(default_factory=dict)  # table -> {id: set of how it was found}

    def add(self, table, row_id, how):
        self.records.setdefault(table, {}).setdefault(row_id, set()).add(how)

    def ids(self, table):
        return sorted(self.records.get(table, {}))

    @property
    def total(self):
        return sum(len(rows) for rows in self.records.values())

    def as_dict(self):
        return {"query_kind": self.kind, "total": self.total,
                "records": {table: [{"id": row_id, "found_by": sorted(how)}
                                    for row_id, how in sorted(rows.items())]
                            for table, rows in sorted(self.records.items())}}


def parse(query):
    """(kind, search terms) for a query, or QueryError with a sentence to show."""
    from app.feedback.tracking import normalise_reference
    from app.people.services import normalise_phone

    text = " ".join(str(query or "").split())
    if re.search(r"[\x00-\x1f\x7f]", str(query or "")):
        raise QueryError("The search must not contain control characters")
    if len(text) < MIN_QUERY:
        raise QueryError(f"Enter an email address, phone number, name or reference of at least {MIN_QUERY} characters")
    if len(text) > MAX_QUERY:
        raise QueryError(f"The search must be {MAX_QUERY} characters or fewer")
    reference = normalise_reference(text)
    if reference:
        return "reference", (reference,)
    if "@" in text:
        return "email", (text.lower(),)
    if re.fullmatch(r"[+\d][\d\s().-]{5,}", text) and len(re.sub(r"\D", "", text)) >= 7:
        stored = normalise_phone(text)
        digits = re.sub(r"\D", "", stored)
        national = "0" + digits[2:] if stored.startswith("+44") else digits
        spaced = f"{national[:5]} {national[5:]}" if len(national) == 11 else national
        return "phone", tuple(dict.fromkeys((stored, national, spaced, text)))
    return "name", (text,)


def find(query):
    """Search for one person's records; see the module docstring."""
    kind, terms = parse(query)
    search = Search(query=query, kind=kind, terms=terms)
    everything, classified = models(), tags()
    _roots(search, kind, terms)
    _follow(search, everything, classified)
    _text(search, everything, classified)
    return search


def _roots(search, kind, terms):
    from app.cases.models import Case
    from app.feedback.models import FeedbackItem
    from app.people.models import Person
    from panels.models import Member

    if kind == "reference":
        for model in (FeedbackItem, Case):
            for row in model.select(model.id).where(model.reference == terms[0]):
                search.add(model._meta.table_name, row.id, "reference")
        return
    if kind == "email":
        people = Person.select(Person.id).where(peewee.fn.LOWER(Person.email) == terms[0])
        members = Member.select(Member.id).where(peewee.fn.LOWER(Member.email) == terms[0])
    elif kind == "phone":
        people = Person.select(Person.id).where(Person.phone == terms[0])
        members = Member.select(Member.id).where(peewee.SQL("1 = 0"))
    else:
        people = Person.select(Person.id).where(peewee.fn.LOWER(Person.name) == terms[0].lower())
        members = Member.select(Member.id).where(peewee.fn.LOWER(Member.name) == terms[0].lower())
    for row in people:
        search.add("person", row.id, kind)
    for row in members:
        search.add("panel_member", row.id, kind)


def _follow(search, everything, classified):
    """Add every row that points at a row already found, round after round."""
    for _ in range(MAX_ROUNDS):
        before = search.total
        for table, model in everything.items():
            if classified[table].retention in NOT_FOLLOWED:
                continue
            for column in model._meta.sorted_fields:
                if not isinstance(column, peewee.ForeignKeyField):
                    continue
                target = column.rel_model._meta.table_name
                ids = search.ids(target)
                if not ids or target == table:
                    continue
                for start in range(0, len(ids), 500):
                    chunk = ids[start:start + 500]
                    for row in model.select(model._meta.primary_key).where(column.in_(chunk)):
                        search.add(table, row.get_id(), f"{column.name} → {target}")
        if search.total == before:
            return


def _text(search, everything, classified):
    """Add every row whose personal text columns hold one of the search terms."""
    for table, model in everything.items():
        entry = classified[table]
        texts = [model._meta.fields[name] for name in entry.personal_fields
                 if isinstance(model._meta.fields[name], (peewee.CharField, peewee.TextField))]
        blobs = [model._meta.fields[name] for name in entry.personal_fields
                 if isinstance(model._meta.fields[name], peewee.BlobField)]
        if texts:
            condition = None
            for column in texts:
                for term in search.terms:
                    clause = column ** f"%{_loose(term)}%"
                    condition = clause if condition is None else condition | clause
            for row in model.select(model._meta.primary_key, *texts).where(condition):
                for column in texts:
                    value = (getattr(row, column.name) or "").lower()
                    if any(term.lower() in value for term in search.terms):
                        search.add(table, row.get_id(), f"{column.name} holds it")
        for column in blobs:
            _blob_hits(search, model, table, column)


def _blob_hits(search, model, table, column):
    wanted = [term.lower().encode("utf-8") for term in search.terms]
    query = model.select(model._meta.primary_key, column).order_by(model._meta.primary_key)
    for row in query.iterator():
        value = bytes(getattr(row, column.name) or b"").lower()
        if any(term in value for term in wanted):
            search.add(table, row.get_id(), f"{column.name} holds it")


def _loose(term):
    """The term as a LIKE pattern that matches at least what it should: wildcard and escape
    characters become single-character wildcards (each engine escapes differently), and the
    rows found are then checked for the exact text."""
    return re.sub(r"[%_\\]", "_", term)
