"""The officer's review before a subject access export goes to the resident.

Heard lists what needs a person's eye (`to_check`): records found only because their text
mentions the resident, records whose words name someone else Heard knows (another resident or a
panel member), and files (photos and documents cannot be read here: open each one). It suggests
the other people's names as words to redact. The officer confirms the words and ticks the records
to withhold; the export then shows "[redacted]" for every redacted word, leaves out withheld
records and their files, and tells the resident that information about others was removed.
"""
import json
from dataclasses import dataclass, field

import peewee

from app.phrases import any_of
from app.privacy.audit_lines import known_names, names_in
from app.privacy.register import models, tags

REDACTED = "[redacted]"
EXCERPT = 300
MAX_WORDS = 200


@dataclass
class ToCheck:
    key: str  # "table:id", as the withheld list stores it
    table: str
    row_id: int
    what: str
    reasons: list = field(default_factory=list)
    excerpt: str = ""


def _texts(row, entry):
    return [getattr(row, name) or "" for name in entry.personal_fields
            if isinstance(row._meta.fields[name], (peewee.CharField, peewee.TextField))
            and isinstance(getattr(row, name), str)]


def _subject_names(search):
    from app.people.models import Person
    from panels.models import Member

    own = set()
    for model, table in ((Person, "person"), (Member, "panel_member")):
        for row in model.select(model.name).where(model.id.in_(search.ids(table) or [0])):
            if row.name:
                own.add(" ".join(row.name.split()).lower())
    return own


def to_check(search):
    """(records to check before release, other people's names to suggest for redaction)."""
    everything, classified = models(), tags()
    names = known_names() - _subject_names(search)
    found, others = [], set()
    for table in sorted(search.records):
        model, entry = everything[table], classified[table]
        rows = model.select().where(model._meta.primary_key.in_(list(search.records[table])))
        for row in rows:
            how = search.records[table][row.get_id()]
            texts = _texts(row, entry)
            named = set().union(*(names_in(text, names) for text in texts)) if texts else set()
            reasons = []
            if all(h.endswith("holds it") for h in how):
                reasons.append("Found only because its text mentions them: it may be about someone else")
            if named:
                reasons.append("Names someone else: " + ", ".join(sorted(named)))
            if table == "attachment" and row.storage_name:
                reasons.append("A file they sent: open it and check what it shows before release")
            if reasons:
                others |= named
                excerpt = next((t for t in texts if t.strip()), "")
                found.append(ToCheck(f"{table}:{row.get_id()}", table, row.get_id(), entry.purpose, reasons,
                                     excerpt[:EXCERPT] + ("…" if len(excerpt) > EXCERPT else "")))
    found.sort(key=lambda c: (c.table, c.row_id))
    return found, sorted(others)


def words(text):
    """The officer's words to redact: one per line, blank lines and duplicates dropped."""
    seen = []
    for line in str(text or "").splitlines():
        line = " ".join(line.split())
        if len(line) >= 2 and line.lower() not in (w.lower() for w in seen):
            seen.append(line)
    return seen[:MAX_WORDS]


def withheld(request):
    try:
        keys = json.loads(request.withheld or "[]")
    except ValueError:
        return set()
    return {k for k in keys if isinstance(k, str)}


class Redactor:
    """Replaces each word (any case) with [redacted], in text and in bytes."""

    def __init__(self, phrases):
        self.text, self.raw = any_of(phrases), any_of(phrases, encode=True)

    def __bool__(self):
        return self.text is not None

    def __call__(self, value):
        if self.text is None:
            return value
        if isinstance(value, str):
            return self.text.sub(REDACTED, value)
        if isinstance(value, (bytes, bytearray, memoryview)):
            return self.raw.sub(REDACTED.encode(), bytes(value))
        return value
