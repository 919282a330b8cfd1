"""Recording letters to post, reading what is waiting to be printed, and marking letters as
posted. Every letter a case sends by post comes through `record` (from app.cases.letters),
once per key: sending the same letter again returns the row already recorded."""
from flask_babel import force_locale, format_date
from peewee import IntegrityError

from app.audit import services as audit
from app.cases import access, timeline
from app.cases.models import Case
from app.cases.post.models import PostalLetter
from app.cases.rules import now
from app.db import db
from app.oneline import one_line, one_line_each
from app.queue import transaction
from app.timefmt import to_london

PAGE_SIZE = 50
BATCH_LIMIT = 200  # letters in one "print all" PDF (about 2 seconds to draw)
LINE_LIMIT = 200  # the recipient's name, and each line of their address


def address_of(person):
    """(name, address block) for a letter to `person`: the address as they gave it, one line
    per line, without blank lines; the name and each line one clean line (app.oneline: no
    control characters, bidi overrides or zero-width characters in the envelope's window)."""
    lines = one_line_each(person.postal_address, LINE_LIMIT)
    return one_line(person.name, LINE_LIMIT), "\n".join(lines)


def record(case, *, template, name, key, subject, text, language="en", actor=None, at=None, stage=None):
    """The letter to post for `key`, written in `language`, recorded with its "Letter to post"
    timeline entry; the one already recorded when this key was sent before."""
    at = now(at)
    with transaction():
        earlier = PostalLetter.get_or_none(PostalLetter.key == key)
        if earlier is not None:
            return earlier
        recipient_name, address = address_of(case.person)
        try:
            with db.atomic():  # a savepoint: a concurrent sender may have recorded it first
                letter = PostalLetter.create(
                    case=case, key=key, template=template, name=name, subject=subject, text=text,
                    recipient_name=recipient_name, address=address, stage=stage or case.stage,
                    language=language or "en", created_at=at)
        except IntegrityError:
            return PostalLetter.get(PostalLetter.key == key)
        event = timeline.add(case, "email_out", f"Letter to post: {name} ({subject})", body=text,
                             actor=actor, at=at, stage=stage)
        letter.event_id = event.id
        letter.save(only=[PostalLetter.event_id])
    return letter


def mark_posted(letters, *, actor, at=None):
    """Mark letters as posted (who and when), each with a timeline entry and an audit entry.
    Letters already posted are left as they were. Returns the letters marked now."""
    at = now(at)
    marked = []
    with transaction():
        for letter in letters:
            changed = (PostalLetter.update(posted_at=at, posted_by=actor)
                       .where(PostalLetter.id == letter.id, PostalLetter.posted_at.is_null())
                       .execute())
            if not changed:
                continue
            letter = PostalLetter.get_by_id(letter.id)
            case = letter.case
            timeline.add(case, "letter_posted", f"Letter posted: {letter.name}", actor=actor, at=at,
                         stage=letter.stage)
            audit.record("case.letter_posted", actor=actor, obj=case,
                         summary=f"Case {case.reference}: {letter.name.lower()} marked as posted",
                         details={"letter_id": letter.id, "template": letter.template})
            marked.append(letter)
    return marked


# Reads ------------------------------------------------------------------------------------

def _waiting(user):
    visible = access.visible_cases(user, Case.select(Case.id))
    return (PostalLetter.select(PostalLetter, Case).join(Case)
            .where(PostalLetter.posted_at.is_null(), PostalLetter.case.in_(visible)))


def waiting_count(user):
    return _waiting(user).count()


def waiting_page(user, number=1, size=PAGE_SIZE):
    """(letters, total, page number, pages): letters waiting to be printed, oldest first."""
    query = _waiting(user).order_by(PostalLetter.created_at, PostalLetter.id)
    total = query.count()
    pages = max(1, -(-total // size))
    number = min(max(1, number), pages)
    letters = list(query.paginate(number, size)) if total else []
    return letters, total, number, pages


def waiting_batch(user, limit=BATCH_LIMIT):
    """The oldest `limit` letters waiting to be printed (for one PDF), and how many wait."""
    query = _waiting(user).order_by(PostalLetter.created_at, PostalLetter.id)
    return list(query.limit(limit)), query.count()


def for_case(case):
    """The case's letters to post, newest first."""
    return list(PostalLetter.select().where(PostalLetter.case == case)
                .order_by(PostalLetter.created_at.desc(), PostalLetter.id.desc()))


def changeable(user, ids):
    """The letters with these ids on cases `user` may change."""
    ids = [i for i in ids if isinstance(i, int) and 0 < i < 2 ** 31]
    if not ids:
        return []
    found = PostalLetter.select().where(PostalLetter.id.in_(ids)).order_by(PostalLetter.id)
    return [letter for letter in found if access.can_change(user, letter.case)]


def printable(letter):
    """The letter as app.cases.post.pdf prints it: dated the day it was written (London), its
    own words in the language its text was written in."""
    from app.cases.post.pdf import PrintedLetter

    written = to_london(letter.created_at).date()
    language = letter.language or "en"
    date = f"{written.day} {written:%B %Y}"
    if language != "en":
        with force_locale(language):
            date = format_date(written, "d MMMM y")
    return PrintedLetter(reference=letter.case.reference, date=date,
                         recipient_name=one_line(letter.recipient_name, LINE_LIMIT),
                         address_lines=tuple(one_line_each(letter.address, LINE_LIMIT)),
                         subject=one_line(letter.subject, 300), text=letter.text, language=language)
