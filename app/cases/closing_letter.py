"""The closing letter: when a complaint's case closes (at stage 1, at stage 2, or after the
Ombudsman) the resident is told the outcome, what we did (the remedy and the actions for the
root cause), and where they can go next: stage 2 through the signed link while stage 2 is
still possible, the Ombudsman after stage 2. By email, or as a letter to post
(app.cases.letters decides), whether or not a satisfaction survey is set.

Closing twice (reopened, then closed again) sends a new closing letter only when it would
tell the resident something different (another outcome, remedy, actions or stage): a
resident who has been told the outcome does not want the same letter twice, but does want to
hear a changed decision. The last closing letter's content is named in its idempotency key.
The letter is in the resident's language (app.cases.letters); the fixed sentences here are
translated where they are read (lazily), and the key is worked out from their English.
"""
import hashlib
import json

from flask_babel import force_locale, lazy_gettext

from app.cases import clocks, letters, timeline
from app.cases.models import OMBUDSMEN, CaseActionLink, CaseStage
from app.cases.post.models import PostalLetter
from app.cases.rules import stage_row
from app.mail.models import OutboxMessage

TEMPLATE = "case_closing"


def ombudsman_for(case):
    """The Ombudsman the resident can go to: the one the complaint went to, else the one the
    stage 2 response named, else the Local Government and Social Care Ombudsman."""
    if case.ombudsman in OMBUDSMEN:
        return case.ombudsman
    row = CaseStage.get_or_none(CaseStage.case == case, CaseStage.number == 2)
    if row is not None and row.ombudsman in OMBUDSMEN:
        return row.ombudsman
    return letters.DEFAULT_OMBUDSMAN


def stage2_possible(case):
    """The resident can still ask for stage 2: a complaint at stage 1 with its response sent."""
    if case.kind != "complaint" or case.stage != 1 or case.status == "merged":
        return False
    row = CaseStage.get_or_none(CaseStage.case == case, CaseStage.number == 1)
    return row is not None and row.responded_at is not None


def remedy_sentences(case):
    """What we did to put things right, a sentence (or the officer's paragraph) each: ours in
    the reader's language (lazy strings, translated when shown), the officer's as written."""
    said = []
    if case.remedy_apology:
        said.append(lazy_gettext("We apologised for what went wrong."))
    if (case.remedy_action or "").strip():
        said.append(case.remedy_action.strip())
    if case.remedy_financial_pence:
        said.append(lazy_gettext("We are paying you %(amount)s.",
                                 amount=letters.money(case.remedy_financial_pence)))
    return said


def context(case):
    """What the closing letter says, from the case as it is now closed."""
    responded = stage_row(case).responded_at
    found = {
        "stage": case.stage, "outcome": case.outcome, "outcome_label": case.outcome_label,
        "withdrawn": case.outcome == "withdrawn",
        "responded_on": clocks.local_date(responded) if responded else None,
        "done": remedy_sentences(case),
        "actions": [link.description.strip() for link in case.action_links.order_by(CaseActionLink.id)
                    if link.description.strip()],
        "escalation_url": "", "ombudsman": None, "ombudsman_decided": "",
    }
    if case.ombudsman_decided_at is not None:
        found["ombudsman_decided"] = OMBUDSMEN.get(case.ombudsman, "Ombudsman")
    elif stage2_possible(case):
        found["escalation_url"] = letters.escalation_url(case)
    elif case.stage == 2:
        found["ombudsman"] = letters.OMBUDSMAN_CONTACTS[ombudsman_for(case)]
    return found


def _fingerprint(values):
    """What the resident is told, in a few characters (the link is left out: it never changes)."""
    told = {key: value for key, value in values.items() if key not in ("escalation_url", "responded_on")}
    told["stage2_possible"] = bool(values["escalation_url"])
    with force_locale("en"):  # the same letter has the same key, whoever closes the case
        digest = hashlib.sha256(json.dumps(told, sort_keys=True, default=str).encode()).hexdigest()
    return digest[:16]


def _last_key(case):
    """The key of the last closing letter sent (by email or post), or ""."""
    prefix = f"case:{case.id}:closing:"
    emailed = (OutboxMessage.select(OutboxMessage.idempotency_key, OutboxMessage.created_at)
               .where(OutboxMessage.idempotency_key.startswith(prefix))
               .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()).first())
    posted = (PostalLetter.select(PostalLetter.key, PostalLetter.created_at)
              .where(PostalLetter.key.startswith(prefix))
              .order_by(PostalLetter.created_at.desc(), PostalLetter.id.desc()).first())
    found = [(row.created_at, key) for row, key in ((emailed, emailed and emailed.idempotency_key),
                                                     (posted, posted and posted.key)) if row is not None]
    return max(found)[1] if found else ""


def send(case, *, actor=None, at=None):
    """Send the closing letter for the case just closed (inside close()'s transaction).
    Returns its timeline entry, or None when none is sent (not a complaint, or the same
    letter was sent at the last closing)."""
    if case.kind != "complaint":
        return None
    values = context(case)
    fingerprint = _fingerprint(values)
    if _last_key(case).endswith(f":{fingerprint}"):
        timeline.add(case, "note", "Closing letter not sent again: it would say the same as the last one",
                     actor=actor, at=at)
        return None
    closings = len(timeline.events(case, ["closed"]))
    return letters.send(case, TEMPLATE, values, key=f"closing:{closings}:{fingerprint}", actor=actor, at=at)
