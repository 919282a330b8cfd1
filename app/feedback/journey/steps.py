"""The journey's pages in order, which apply to which kind of feedback, when the journey
is complete, and what the check-your-answers page shows."""
import datetime
from dataclasses import dataclass, field

from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l

from app.db import utcnow
from app.feedback import forms
from app.feedback.models import KINDS, SUPPORT_NEEDS
from app.org.models import ServiceArea


def _always(answers):
    return True


def _complaint(answers):
    return answers.get("kind") == "complaint"


def ways_given(answers):
    """The ways to reply the resident gave: "email", "phone", "post" (a whole address)."""
    given = [way for way in ("email", "phone") if str(answers.get(way) or "").strip()]
    return given + (["post"] if str(answers.get("postal_address") or "").strip() else [])


def _asked_for_no_reply(answers):
    """A complaint that gave a way to reply but chose "Do not contact me": ask if they are sure."""
    return _complaint(answers) and answers.get("preferred_contact") == "none" and bool(ways_given(answers))


@dataclass(frozen=True)
class Step:
    slug: str
    form: type
    template: str
    applies: object = field(default=_always)


STEPS = (
    Step("kind", forms.KindForm, "feedback/kind.html"),
    Step("service", forms.ServiceForm, "feedback/service.html"),
    Step("what-happened", forms.WhatHappenedForm, "feedback/what_happened.html"),
    Step("put-right", forms.PutRightForm, "feedback/put_right.html", _complaint),
    Step("when", forms.WhenForm, "feedback/when.html"),
    Step("files", forms.FilesForm, "feedback/files.html"),
    Step("contact", forms.ContactForm, "feedback/contact.html"),
    Step("no-contact", forms.NoContactForm, "feedback/no_contact.html", _asked_for_no_reply),
    Step("support", forms.SupportForm, "feedback/support.html"),
    Step("privacy", forms.ConsentForm, "feedback/privacy.html"),
)
BY_SLUG = {step.slug: step for step in STEPS}
CONTACT_LABELS = dict(forms.CONTACT_CHOICES)
QUOTE_ANSWERS = {"yes": _l("Yes, you may quote my words without my name"),
                 "no": _l("No, do not quote my words")}


def applicable(answers):
    return [step for step in STEPS if step.applies(answers)]


def previous(slug, answers):
    """The page before `slug` (None on the first page)."""
    before = None
    for step in applicable(answers):
        if step.slug == slug:
            return before
        before = step
    return before


def following(slug, answers):
    """The page after `slug` (None after the last page: check your answers)."""
    steps = applicable(answers)
    slugs = [step.slug for step in steps]
    if slug not in slugs:
        return first_incomplete(answers)
    later = steps[slugs.index(slug) + 1:]
    return later[0] if later else None


def needs_consent(answers):
    """Details of support needs may be health data (special category): ask explicitly."""
    return bool(str(answers.get("support_details") or "").strip()) or \
        "accessibility" in (answers.get("support_needs") or [])


def has_reply_route(answers):
    return bool(ways_given(answers))


def reply_by(answers):
    """How we will reply, as the resident would put it: "email", "phone", "post", "none"
    (they asked us not to) or "" (they gave no way to reply)."""
    given, wanted = ways_given(answers), answers.get("preferred_contact") or ""
    if not given:
        return ""
    if wanted == "none" or wanted in given:
        return wanted
    return next(way for way in ("email", "post", "phone") if way in given)


def is_complete(step, answers):
    if step.slug not in (answers.get("done") or []):
        return False
    if step.slug == "kind":
        return answers.get("kind") in dict(forms.KIND_CHOICES)
    if step.slug == "what-happened":
        return bool(str(answers.get("text") or "").strip())
    if step.slug == "contact" and _complaint(answers):
        return has_reply_route(answers)
    if step.slug == "no-contact":
        return bool(answers.get("no_contact_confirmed"))
    if step.slug == "privacy" and needs_consent(answers):
        return bool(answers.get("consent"))
    return True


def first_incomplete(answers):
    for step in applicable(answers):
        if not is_complete(step, answers):
            return step
    return None


def build_form(step, answers, submitted):
    """The step's form: what was sent when `submitted`, else pre-filled from the draft."""
    form = step.form() if submitted else step.form(data=step.form.initial(answers))
    if isinstance(form, forms.ServiceForm):
        form.set_services(ServiceArea.ordered())
    elif isinstance(form, forms.WhatHappenedForm):
        form.set_kind(answers.get("kind"))
    elif isinstance(form, forms.ContactForm):
        form.kind = answers.get("kind") or ""
    elif isinstance(form, forms.NoContactForm):
        form.set_given(ways_given(answers))
    elif isinstance(form, forms.ConsentForm):
        form.needs_consent = needs_consent(answers)
    return form


def record(step, form, answers):
    """The draft with this page's answers in it."""
    answers = dict(answers, **form.answers())
    answers["done"] = sorted(set(answers.get("done") or []) | {step.slug})
    if step.slug == "contact":
        answers["no_contact_confirmed"] = False  # new details: ask again if they want no reply
    if step.slug == "privacy":
        answers["consented_at"] = utcnow().isoformat() if answers["consent"] else ""
    return answers


def _service_name(answers):
    slug = answers.get("service")
    if slug == forms.NOT_SURE:
        return gettext("I'm not sure")
    service = ServiceArea.get_or_none(ServiceArea.slug == str(slug or ""))
    return service.name if service else ""


def _date_text(answers):
    try:
        when = datetime.date.fromisoformat(answers.get("happened_on") or "")
    except ValueError:
        return gettext("Not given")
    return format_date(when, "d MMMM y")  # "27 March 2026", in the page's language


def _contact_lines(answers):
    lines = [str(answers.get(name) or "") for name in ("name", "email", "phone", "postal_address")]
    lines = [line for line in lines if line.strip()]
    return lines or [gettext("None given: we will not be able to reply")]


def _support_lines(answers):
    lines = [gettext(SUPPORT_NEEDS[key]) for key in answers.get("support_needs") or []
             if key in SUPPORT_NEEDS]
    if str(answers.get("acting_for") or "").strip():
        lines.append(gettext("Acting on your behalf: %(name)s", name=answers["acting_for"]))
    if str(answers.get("support_details") or "").strip():
        lines.append(answers["support_details"])
    return lines or [gettext("None")]


def summary(answers):
    """Check-your-answers rows: (key, [lines], step slug), in the page's language."""
    kind = answers.get("kind")
    question = forms.WHAT_HAPPENED.get(kind, forms.WHAT_HAPPENED["complaint"])[0]
    rows = [
        (gettext("Type of feedback"), [gettext(KINDS[kind]) if kind in KINDS else ""], "kind"),
        (gettext("Service"), [_service_name(answers)], "service"),
        (str(question), [str(answers.get("text") or "")], "what-happened"),
    ]
    if _complaint(answers):
        rows.append((gettext("What would put it right"), [str(answers.get("put_right") or "").strip()
                                                          and answers["put_right"] or gettext("Not given")],
                     "put-right"))
    rows += [
        (gettext("When it happened"), [_date_text(answers)], "when"),
        (gettext("Photos and documents"),
         [str(name) for name in answers.get("files") or []] or [gettext("None added")], "files"),
        (gettext("Contact details"), _contact_lines(answers), "contact"),
        (gettext("How to contact you"),
         [str(CONTACT_LABELS.get(answers.get("preferred_contact"), _l("No preference")))], "contact"),
        (gettext("Support needs"), _support_lines(answers), "support"),
    ]
    if needs_consent(answers):
        rows.append((gettext("Consent"),
                     [gettext("You agreed to us using the details of your support needs")], "privacy"))
    rows.append((gettext("Quoting your words"),
                 [str(QUOTE_ANSWERS.get(answers.get("quote") or "", _l("Not answered")))], "privacy"))
    return rows


def _date(value):
    try:
        return datetime.date.fromisoformat(value or "")
    except (TypeError, ValueError):
        return None


def submission(answers):
    """The draft as keyword arguments for services.submit_web_feedback."""
    slug = str(answers.get("service") or "")
    consent = needs_consent(answers) and bool(answers.get("consent"))
    consented_at = None
    if consent:
        try:
            consented_at = datetime.datetime.fromisoformat(answers.get("consented_at") or "")
        except ValueError:
            consented_at = utcnow()
    return {
        "kind": answers["kind"],
        "text": answers["text"],
        "service": ServiceArea.get_or_none(ServiceArea.slug == slug) if slug != forms.NOT_SURE else None,
        "contact": {name: str(answers.get(name) or "") for name in
                    ("name", "email", "phone", "postal_address", "preferred_contact")},
        "answers": {
            "service_unsure": slug == forms.NOT_SURE,
            "put_right": str(answers.get("put_right") or "") if _complaint(answers) else "",
            "happened_on": _date(answers.get("happened_on")),
            "preferred_contact": str(answers.get("preferred_contact") or ""),
            "support_needs": ",".join(key for key in answers.get("support_needs") or []
                                      if key in SUPPORT_NEEDS),
            "support_details": str(answers.get("support_details") or ""),
            "acting_for": str(answers.get("acting_for") or ""),
            "consent_basis": "public_task+explicit_consent" if consent else "public_task",
            "consented_at": consented_at,
            "quote_consent": answers.get("quote") == "yes",  # not answered counts as no
        },
    }
