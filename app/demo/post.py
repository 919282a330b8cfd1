"""Letters to post in the demo council. A council prints and posts its letters the next
working morning, so after the demo's casework only the last couple of days' letters still
wait in "Letters to print"; the older ones are marked as posted by the officer who had the
case (or the demo's first complaints officer).

The demo plays each case's steps in order of time, so letters are posted as the steps are
played: before a step, every letter of the case whose posting morning has come is marked
posted (`post_due`), and the timeline stays in the order things happened.

    post_due(case, until, fallback)      # before each demo step
    post_old_letters(today, users)       # after all casework
"""
import datetime

from app.auth.roles import COMPLAINTS_OFFICER
from app.cases.post import services as post
from app.cases.post.models import PostalLetter

STILL_WAITING_DAYS = 2  # letters written in the last two days are still to print
POSTED_AT = datetime.time(9, 30)


def posting_time(written):
    """The next working morning after a letter was written (Monday to Friday)."""
    day = written.date() + datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, POSTED_AT)


def _mark(letters, until, fallback):
    marked = 0
    for letter in letters:
        at = posting_time(letter.created_at)
        if at > until:
            continue
        officer = letter.case.assigned_to if letter.case.assigned_to_id else fallback
        marked += len(post.mark_posted([letter], actor=officer, at=at))
    return marked


def post_due(case, until, fallback):
    """Mark the case's waiting letters whose posting morning is no later than `until`."""
    waiting = (PostalLetter.select().where(PostalLetter.case == case, PostalLetter.posted_at.is_null())
               .order_by(PostalLetter.id))
    return _mark(waiting, until, fallback)


def post_old_letters(today, users):
    """Mark the demo's letters still waiting whose posting morning came before the last
    STILL_WAITING_DAYS as posted; returns how many were marked."""
    cutoff = datetime.datetime.combine(today - datetime.timedelta(days=STILL_WAITING_DAYS),
                                       datetime.time())
    officers = sorted((u for u in users.values() if u.role == COMPLAINTS_OFFICER), key=lambda u: u.id)
    waiting = (PostalLetter.select().where(PostalLetter.posted_at.is_null(),
                                           PostalLetter.created_at < cutoff)
               .order_by(PostalLetter.id))
    return _mark(waiting, cutoff, officers[0])
