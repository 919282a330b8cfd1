"""Letters to the resident about their complaint, from the templates in
app/mail/templates/mail/case_*.{txt,html}, sent through the outbox.

Each letter has an idempotency key, so sending it twice mails once, and an "email_out"
event on the case timeline (with the outbox id). A resident without a usable email
address, or who asked for post, gets a letter to post instead (app.cases.post: recorded once
per key, waiting to be printed) and a "Letter to post" event holding its text. A resident
who asked us not to contact them gets neither.
The stage 1 response carries a signed link (`escalation_token`) with
which the resident asks for stage 2 at /complaint/escalate/<token>.

Every letter is written in the resident's language (Person.language, when the council offers
it; else English), here and in the worker: the templates' fixed words and the labels in
RESIDENT_LABELS (outcomes, exclusions, the Ombudsmen) are translated, what the officer wrote
stays as written.
"""
import hashlib

from flask_babel import force_locale, gettext, lazy_gettext
from itsdangerous import BadSignature, URLSafeSerializer

from app.cases import clocks, timeline
from app.cases.models import OMBUDSMEN, OUTCOMES, Case, CaseEvent
from app.cases.post import services as post
from app.languages import N_, written_language
from app.mail.headers import InvalidAddress
from app.mail.rendering import render
from app.mail.services import queue_email
from app.queue import app_context

NAMES = {
    "case_acknowledgement": "Acknowledgement",
    "case_holding": "Holding letter",
    "case_extension": "Extension letter",
    "case_stage2_extension": "Stage 2 extension letter",
    "case_stage1_response": "Stage 1 response",
    "case_stage2_acknowledgement": "Stage 2 acknowledgement",
    "case_stage2_response": "Stage 2 response",
    "case_closing": "Closing letter",
    "case_refusal": "Letter declining the complaint",
}


# Labels from app.cases.models that residents read, in the catalogue; each is translated where
# the resident sees it (the letters here, and /track). tests/i18n checks they match the models.
RESIDENT_LABELS = (
    N_("Upheld"), N_("Partly upheld"), N_("Not upheld"), N_("Withdrawn"), N_("Not accepted as a complaint"),
    N_("Local Government and Social Care Ombudsman"), N_("Housing Ombudsman"),
    N_("The matter happened more than 12 months ago"), N_("It is, or was, the subject of legal proceedings"),
    N_("There is a statutory appeal or tribunal route"),
    N_("It was already considered under this complaints procedure"),
    N_("It is about a policy decision made by councillors, not how it was applied"),
    N_("It is not about a council service"), N_("Another reason"), N_("Ombudsman"),
)
LABEL_KEYS = ("decision_label", "outcome_label", "exclusion", "ombudsman_decided")
OMBUDSMAN_CONTACTS = {  # names in the reader's language (lazy): letters and /track
    "lgsco": {"name": lazy_gettext(OMBUDSMEN["lgsco"]), "url": "https://www.lgo.org.uk/make-a-complaint",
              "phone": "0300 061 0614"},
    "housing": {"name": lazy_gettext(OMBUDSMEN["housing"]),
                "url": "https://www.housing-ombudsman.org.uk/residents/make-a-complaint/",
                "phone": "0300 111 3000"},
}
DEFAULT_OMBUDSMAN = "lgsco"
TOKEN_SALT = "heard-case-escalation"


_app = app_context  # services also run in the worker and in tests without a request


# The stage 2 link ---------------------------------------------------------------------------

def _serializer(app):
    return URLSafeSerializer(app.config["SECRET_KEY"], salt=TOKEN_SALT)


def escalation_token(case):
    """A signed token naming the case, for the resident's stage 2 link."""
    with _app() as app:
        return _serializer(app).dumps({"case": case.id, "ref": case.reference})


def case_for_token(token):
    """The case a token from `escalation_token` names, or None (bad or forged token,
    or a case that no longer exists)."""
    if not token or len(token) > 300:
        return None
    with _app() as app:
        try:
            data = _serializer(app).loads(token)
        except BadSignature:
            return None
    if not isinstance(data, dict) or not isinstance(data.get("case"), int):
        return None
    case = Case.get_or_none(Case.id == data["case"])
    return case if case is not None and case.reference == data.get("ref") else None


def escalation_url(case):
    with _app() as app:
        base = app.config["HEARD"].base_url.rstrip("/")
    return f"{base}/complaint/escalate/{escalation_token(case)}"


# Who the letter goes to -------------------------------------------------------------------

def recipient(case):
    """("email", address), ("post", address) or (None, "") when we cannot write to them."""
    person = case.person if case.person_id else None
    if person is None or person.anonymised_at is not None or person.preferred_contact == "none":
        return None, ""
    if person.email and person.preferred_contact != "post":
        return "email", person.email
    if (person.postal_address or "").strip():
        return "post", person.postal_address.strip()
    if person.email:
        return "email", person.email
    return None, ""


def base_context(case, stage=None):
    from app.feedback.services import track_url

    person = case.person if case.person_id else None
    with _app():
        link = track_url(case.reference)
    return {"reference": case.reference, "name": person.name if person else "",
            "service_name": case.service.name if case.service_id else "",
            "stage": stage or case.stage, "track_url": link, "kind": "complaint", "by_post": False,
            "can_track": bool(person and (person.email or person.phone))}


def due_date(case, stage, what="respond"):
    """The due date of a stage's deadline (None if it is not running)."""
    for deadline in clocks.deadlines(case):
        if deadline.stage == stage and deadline.what == what:
            return deadline.due_on
    return None


def money(pence):
    if pence is None:
        return ""
    return f"£{pence // 100:,}" + (f".{pence % 100:02d}" if pence % 100 else "")


# The resident's language ------------------------------------------------------------------

def language_of(person):
    """The language to write to `person` in: theirs when the council offers it, else English."""
    with _app() as app:
        return written_language(person, app.config["HEARD"].languages)


def _label(text):
    return gettext(str(text)) if text else text


def translated(context):
    """The context with its fixed labels in the current language (call inside force_locale);
    what the officer wrote is left as written."""
    found = dict(context)
    for key in LABEL_KEYS:
        if isinstance(found.get(key), str):
            found[key] = _label(found[key])
    if isinstance(found.get("points"), list):
        found["points"] = [dict(point, decision_label=_label(point.get("decision_label")))
                           for point in found["points"]]
    if isinstance(found.get("ombudsman"), dict):
        found["ombudsman"] = dict(found["ombudsman"], name=_label(found["ombudsman"].get("name")))
    if isinstance(found.get("done"), list):  # the closing letter's sentences (some lazy)
        found["done"] = [str(said) for said in found["done"]]
    return found


# Sending ----------------------------------------------------------------------------------

def send(case, template, context, *, key, actor=None, at=None, stage=None):
    """Email the letter to the resident (or record it to post). Returns its CaseEvent, or
    the earlier one when this key was already sent; None when we cannot contact them."""
    name = NAMES[template]
    stage = stage or case.stage
    context = {**base_context(case, stage), **context}
    how, address = recipient(case)
    if how == "email":
        event = _email(case, template, context, key, address, actor=actor, at=at, stage=stage)
        if event is not None:
            return event
        how, address = ("post", case.person.postal_address.strip()) \
            if (case.person.postal_address or "").strip() else (None, "")
    if how == "post":
        return _post(case, template, context, name, key, actor=actor, at=at, stage=stage)
    why = "the resident asked us not to contact them" if case.person_id and \
        case.person.preferred_contact == "none" else "we have no email or postal address for the resident"
    return timeline.add(case, "note", f"{name} not sent: {why}", actor=actor, at=at, stage=stage)


def _email(case, template, context, key, address, *, actor, at, stage):
    try:
        with _app(), force_locale(language_of(case.person)):
            row = queue_email(to=address, template=template, context=translated(context),
                              idempotency_key=f"case:{case.id}:{key}", purpose=template,
                              related=case, auto_submitted="no")
    except InvalidAddress:
        return None
    earlier = CaseEvent.get_or_none(CaseEvent.case == case, CaseEvent.outbox_id == row.id)
    if earlier is not None:
        return earlier
    return timeline.add(case, "email_out", f"{NAMES[template]} emailed: {row.subject}",
                        body=row.text_body, actor=actor, at=at, outbox_id=row.id, stage=stage)


def _post(case, template, context, name, key, *, actor, at, stage):
    language = language_of(case.person)
    with _app(), force_locale(language):
        subject, text, _ = render(template, translated({**context, "by_post": True}))
    letter = post.record(case, template=template, name=name, key=f"case:{case.id}:{key}",
                         subject=subject, text=text, language=language, actor=actor, at=at, stage=stage)
    return CaseEvent.get_by_id(letter.event_id)


# The letters ------------------------------------------------------------------------------

def acknowledgement(case, understanding="", *, actor=None, at=None):
    stage = case.stage
    template = "case_acknowledgement" if stage == 1 else "case_stage2_acknowledgement"
    context = {"understanding": understanding, "respond_by": due_date(case, stage),
               "received_at": case.received_at, "respond_days": clocks.RESPOND_DAYS[stage]}
    return send(case, template, context, key=f"stage{stage}:acknowledgement", actor=actor, at=at)


def extension(case, stage_row, *, ombudsman="", actor=None, at=None):
    """The new date and the reason; at stage 2 its own letter, which also names who is
    reviewing the complaint and how to reach the Ombudsman about the delay."""
    context = {"days": stage_row.extension_days, "reason": stage_row.extension_reason,
               "respond_by": due_date(case, stage_row.number)}
    template = "case_extension"
    if stage_row.number == 2:
        template = "case_stage2_extension"
        reviewer = stage_row.handler if stage_row.handler_id else actor
        context.update(reviewer=getattr(reviewer, "name", ""),
                       ombudsman=OMBUDSMAN_CONTACTS[ombudsman or DEFAULT_OMBUDSMAN])
    return send(case, template, context, key=f"stage{stage_row.number}:extension", actor=actor, at=at)


def holding(case, message, *, key=None, actor=None, at=None):
    key = key or "holding:" + hashlib.sha256(f"{case.stage}:{message}".encode()).hexdigest()[:20]
    running = clocks.current(case)
    context = {"message": message, "respond_by": due_date(case, case.stage),
               "paused": running is not None and running.paused}
    return send(case, "case_holding", context, key=key, actor=actor, at=at)


def response(case, points, *, decision, remedy, outstanding_actions="", ombudsman="",
             actor=None, at=None):
    """The stage response: the stage, each point's decision and reasons, the remedy,
    outstanding actions, how to escalate (stage 1) or go to the Ombudsman (stage 2)."""
    stage = case.stage
    context = {
        "points": [{"point": p.point, "decision": p.decision, "reasons": p.reasons,
                    "decision_label": OUTCOMES.get(p.decision, p.decision)} for p in points],
        "decision": decision, "decision_label": OUTCOMES.get(decision, decision),
        "apology": remedy["apology"], "remedy_action": remedy["action"],
        "financial": money(remedy["financial_pence"]),
        "outstanding_actions": outstanding_actions,
    }
    if stage == 1:
        template, context["escalation_url"] = "case_stage1_response", escalation_url(case)
    else:
        template = "case_stage2_response"
        context["ombudsman"] = OMBUDSMAN_CONTACTS[ombudsman or DEFAULT_OMBUDSMAN]
    return send(case, template, context, key=f"stage{stage}:response", actor=actor, at=at)
