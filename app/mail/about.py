"""What an outbox email is about, in words with a link: "About complaint HRD-2026-000124".

An outbox row records what it is about only as `related_type` (the table of the object
queue_email was given) and `related_id`. The package that owns that table says how to
describe its rows: `register(app, table, describe)`, called by the shell at start-up
(app.wiring), and the Outbox pages call `describe(rows, user)`. `describe` takes all the ids
of one table at once (a page of the Outbox is one query per table) and returns {id: About};
an About with `via` ("case_record", 12) is shown as that object instead, keeping its own
words as the detail (a survey invitation sent when a complaint closed is about the complaint).
"""
from dataclasses import dataclass

from flask import current_app

from app.auth.models import User

EXTENSION = "heard_outbox_about"


@dataclass(frozen=True)
class About:
    text: str  # "About complaint HRD-2026-000124"
    url: str = ""  # the staff page for it, when the user may open one
    detail: str = ""  # secondary words ("Survey ‘How did we do?’")
    via: tuple = ()  # (related_type, related_id) to show instead


def register(app, related_type, describe):
    """`describe(ids, user)` -> {id: About} for outbox rows about `related_type` rows."""
    app.extensions.setdefault(EXTENSION, {})[related_type] = describe


def _staff(ids, user):
    return {u.id: About(f"For {u.name}") for u in User.select(User.id, User.name).where(User.id.in_(ids))}


def _describers():
    """Staff accounts (the daily digest's) are core, like the outbox; the rest registered."""
    return {User._meta.table_name: _staff, **current_app.extensions.get(EXTENSION, {})}


def _lookup(pairs, user):
    """{(related_type, id): About} for (related_type, id) pairs, one call per type."""
    wanted, describers = {}, _describers()
    for kind, ident in pairs:
        if kind in describers and ident is not None:
            wanted.setdefault(kind, set()).add(ident)
    found = {}
    for kind, ids in wanted.items():
        for ident, about in describers[kind](sorted(ids), user).items():
            found[(kind, ident)] = about
    return found


def describe(rows, user):
    """{outbox row id: About} for the rows whose object can be described."""
    found = _lookup({(row.related_type, row.related_id) for row in rows}, user)
    onward = _lookup({about.via for about in found.values() if about.via}, user)
    for key, about in found.items():
        if about.via:
            target = onward.get(about.via)
            found[key] = (About(target.text, target.url, about.detail or about.text) if target is not None
                          else About(about.text, about.url))
    return {row.id: found[(row.related_type, row.related_id)] for row in rows
            if (row.related_type, row.related_id) in found}


def unknown(row):
    """Words for a row nothing describes (or whose object is gone)."""
    return About("Not about a particular record" if not row.related_type
                 else "What it was about no longer exists")
