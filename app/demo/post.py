"""Letters to post in the demo council. A council prints and posts its letters within a day
or so, so after the demo's casework only the last couple of days' letters still wait in
"Letters to print"; the older ones are marked as posted by the officer who had the case (or
the demo's first complaints officer), the morning after they were written.

    post_old_letters(today, users)
"""
import datetime

from app.auth.roles import COMPLAINTS_OFFICER
from app.cases.post import services as post
from app.cases.post.models import PostalLetter

STILL_WAITING_DAYS = 2  # letters written in the last two days are still to print


def post_old_letters(today, users):
    """Mark the demo's letters written before the last STILL_WAITING_DAYS as posted; returns
    how many were marked."""
    cutoff = datetime.datetime.combine(today - datetime.timedelta(days=STILL_WAITING_DAYS),
                                       datetime.time())
    officers = sorted((u for u in users.values() if u.role == COMPLAINTS_OFFICER), key=lambda u: u.id)
    waiting = (PostalLetter.select().where(PostalLetter.posted_at.is_null(),
                                           PostalLetter.created_at < cutoff)
               .order_by(PostalLetter.id))
    marked = 0
    for letter in waiting:
        officer = letter.case.assigned_to if letter.case.assigned_to_id else officers[0]
        posted_at = letter.created_at + datetime.timedelta(hours=18)
        marked += len(post.mark_posted([letter], actor=officer, at=min(posted_at, cutoff)))
    return marked
