"""Residents' details out of audit lines that an older Heard wrote.

Heard no longer puts a resident's words, name, email address or phone number in an audit line,
but a database from before that may hold them (a probe found 111 audit lines with residents'
email addresses). Every night the retention run reads the audit lines written since it last
looked (all of them, the first time) and, through the one privileged path through the
append-only log (app.privacy.privileged), replaces in each line's summary and details:
- any email address that is not a member of staff's with "[email removed]";
- UK phone numbers with "[phone removed]" and postcodes with "[postcode removed]";
- the name of any resident or panel member Heard knows with "[name removed]".
Who did what, when, to which record, stays.
"""
import re

from app.db import db
from app.privacy.privileged import privileged

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\w)")
POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}\b")
CAPITALISED = re.compile(r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3}\b")
MARK = "privacy-audit-lines-checked"
BATCH = 2000


def known_names():
    """Lower-cased full names (two words or more) of residents and panel members."""
    from app.people.models import Person
    from panels.models import Member

    names = set()
    for model in (Person, Member):
        for row in model.select(model.name).where(model.name.contains(" ")).tuples().iterator():
            if row[0] and len(row[0].strip()) >= 5:
                names.add(" ".join(row[0].split()).lower())
    return names


def names_in(text, names):
    """Known names written in `text` (runs of capitalised words, looked up whole and in part)."""
    found = set()
    for match in CAPITALISED.finditer(text or ""):
        words = match.group(0).split()
        for size in range(len(words), 1, -1):
            for start in range(0, len(words) - size + 1):
                candidate = " ".join(words[start:start + size])
                if candidate.lower() in names:
                    found.add(candidate)
    return found


class Cleaner:
    def __init__(self):
        from app.auth.models import User

        self.staff = {(u.email or "").lower() for u in User.select(User.email)}
        self.names = known_names()

    def clean(self, text):
        text = EMAIL.sub(lambda m: m.group(0) if m.group(0).lower() in self.staff else "[email removed]", text or "")
        text = PHONE.sub("[phone removed]", text)
        text = POSTCODE.sub("[postcode removed]", text)
        for name in sorted(names_in(text, self.names), key=len, reverse=True):
            text = text.replace(name, "[name removed]")
        return text


def clean_audit_lines(limit=None):
    """Check the audit lines written since the last check; returns how many were changed."""
    from app.audit.models import AuditEvent
    from app.feedback.models import Counter

    Counter.insert(name=MARK, value=0).on_conflict_ignore().execute()
    last = Counter.get(Counter.name == MARK).value
    cleaner, changed, checked = Cleaner(), 0, 0
    while limit is None or checked < limit:
        rows = list(AuditEvent.select(AuditEvent.id, AuditEvent.summary, AuditEvent.details)
                    .where(AuditEvent.id > last).order_by(AuditEvent.id).limit(BATCH))
        if not rows:
            break
        updates = []
        for row in rows:
            summary, details = cleaner.clean(row.summary), cleaner.clean(row.details)
            if (summary, details) != (row.summary, row.details):
                updates.append((row.id, summary, details))
        with db.atomic():
            if updates:
                with privileged("retention: residents' details removed from older audit lines"):
                    for row_id, summary, details in updates:
                        AuditEvent.update(summary=summary, details=details).where(AuditEvent.id == row_id).execute()
            last = rows[-1].id
            Counter.update(value=last).where(Counter.name == MARK).execute()
        changed += len(updates)
        checked += len(rows)
    return changed
