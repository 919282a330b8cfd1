"""The journey's answers between pages: a row per draft, found by a token in the session.

The session is made permanent (PERMANENT_SESSION_LIFETIME, 31 days by default) so a
resident who closes the browser and comes back the next day still has their answers;
the draft itself is kept for KEEP_FOR after its last change.
"""
import datetime
import hashlib
import json
import secrets

from flask import session

from app.db import utcnow
from app.feedback.journey.models import FeedbackDraft

SESSION_KEY = "feedback_draft"
KEEP_FOR = datetime.timedelta(days=3)


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _row():
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        return None
    return FeedbackDraft.get_or_none(FeedbackDraft.token_hash == _hash(token),
                                     FeedbackDraft.updated_at > utcnow() - KEEP_FOR)


def load():
    """This browser's answers so far ({} when there are none)."""
    row = _row()
    if row is None:
        return {}
    try:
        answers = json.loads(row.answers)
    except ValueError:
        return {}
    return answers if isinstance(answers, dict) else {}


def save(answers):
    session.permanent = True
    row = _row()
    data = json.dumps(answers, sort_keys=True)
    if row is not None:
        FeedbackDraft.update(answers=data, updated_at=utcnow()).where(
            FeedbackDraft.id == row.id).execute()
        return
    prune()
    token = secrets.token_urlsafe(32)
    FeedbackDraft.create(token_hash=_hash(token), answers=data)
    session[SESSION_KEY] = token


def key(answers=None):
    """This browser's draft key (the stored hash of its token), starting a draft with
    `answers` when there is none yet: files added on the journey are kept under it."""
    row = _row()
    if row is None:
        save(answers or {})
        row = _row()
    return row.token_hash


def discard():
    token = session.pop(SESSION_KEY, None)
    if isinstance(token, str) and token:
        FeedbackDraft.delete().where(FeedbackDraft.token_hash == _hash(token)).execute()


def prune():
    """Forget drafts nobody has touched for KEEP_FOR, and the files added to drafts that are gone."""
    from app.attachments.services import discard_unsent

    cutoff = utcnow() - KEEP_FOR
    pruned = FeedbackDraft.delete().where(FeedbackDraft.updated_at < cutoff).execute()
    discard_unsent(FeedbackDraft.select(FeedbackDraft.token_hash), cutoff)
    return pruned
