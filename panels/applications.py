"""Applying to join a panel and deciding applications.

A resident applies (`submit`): the application is stored, acknowledged by email and audited
in one transaction. Demographics are kept only when they consented to being asked. A
facilitator decides (`decide`): approve, decline or put on the waiting list, always with a
reason that the applicant is emailed. Approving creates the Member (or reuses the one with that
email address), their Membership of the panel, and copies the consented demographics into
Demographics. A waitlisted application can be decided again; approved and declined are final.

Audit entries name the panel and the decision, never the applicant's words or address.
"""
from contextlib import contextmanager

from flask import current_app
from flask_babel import force_locale, gettext

from app.audit import services as audit
from app.db import utcnow
from app.languages import written_language
from app.mail.services import queue_email
from app.people.services import normalise_email
from app.queue import app_context, transaction
from panels.models import DEMOGRAPHIC_FIELDS, Application, Demographics, Member, Membership

DECISIONS = {"approved": "Approve", "declined": "Decline", "waitlisted": "Put on the waiting list"}
OPEN_STATUSES = ("pending", "waitlisted")


class ApplicationError(Exception):
    """A refusal the form shows: `field` names the field it belongs to (None for the top)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def sign_in_url():
    return f"{current_app.config['HEARD'].base_url.rstrip('/')}/panel/sign-in"


@contextmanager
def written_in_their_language(someone):
    """Emails rendered inside are in the language of `someone` (an Application or a Member: their
    `language`, if the council offers it, else English), in a request or in the worker."""
    with app_context() as app, force_locale(written_language(someone, app.config["HEARD"].languages)):
        yield


def submit(panel, answers):
    """Record an application from the public form's `answers` and acknowledge it by email, in
    `answers["language"]` (the page's language; English when not given).

    Sending the same application twice (a pending one to the same panel from the same
    address) returns the first one and sends nothing new, whatever else was typed."""
    if not panel.accepting_applications:
        raise ApplicationError(gettext("The %(panel)s is not taking applications at the moment", panel=panel.name))
    email = normalise_email(answers["email"])
    with transaction():
        existing = (Application.select()
                    .where(Application.panel == panel, Application.email == email,
                           Application.status == "pending").first())
        if existing is not None:
            return existing
        consented = bool(answers.get("demographics_consent"))
        application = Application.create(
            panel=panel, name=answers["name"], email=email, reason=answers["reason"],
            support_needs=answers.get("support_needs", ""), demographics_consent=consented,
            language=answers.get("language") or "en",
            **{name: (answers.get(name) or "") if consented else "" for name in DEMOGRAPHIC_FIELDS})
        with written_in_their_language(application):
            queue_email(to=email, template="panel_application_received",
                        context={"name": application.name, "panel_name": panel.name},
                        idempotency_key=f"panel-application:{application.id}:received",
                        purpose="panel_application", related=application)
        audit.record("panel.application_received", obj=application,
                     summary=f"Application to join {panel.name} received")
    return application


def decide(application, decision, reason, *, actor, ip=""):
    """Approve, decline or waitlist `application` with `reason`, and email the applicant."""
    reason = (reason or "").strip()
    if decision not in DECISIONS:
        raise ApplicationError("Select approve, decline or put on the waiting list", field="decision")
    if not reason:
        raise ApplicationError("Enter the reason for your decision", field="reason")
    with transaction():
        changed = (Application.update(status=decision, decision_reason=reason, decided_by=actor,
                                      decided_at=utcnow())
                   .where(Application.id == application.id, Application.status.in_(OPEN_STATUSES))
                   .execute())
        if not changed:
            raise ApplicationError("This application has already been decided")
        application = Application.get_by_id(application.id)
        if decision == "approved":
            _admit(application)
        _email_decision(application)
        audit.record("panel.application_decided", actor=actor, obj=application, ip=ip,
                     summary=f"Application to join {application.panel.name}: {DECISIONS[decision].lower()}",
                     details={"decision": decision, "panel": application.panel_id})
    return application


def _admit(application):
    """The Member (new, or the one with this address), their Membership, their Demographics."""
    member = Member.get_or_none(Member.email == application.email)
    if member is None:
        member = Member.create(email=application.email, name=application.name,
                               support_needs=application.support_needs, language=application.language)
    else:  # their latest application says which language they read now
        member.language = application.language
        if application.support_needs:
            member.support_needs = application.support_needs
        member.save()
    membership = Membership.get_or_none(Membership.panel == application.panel, Membership.member == member)
    if membership is None:
        Membership.create(panel=application.panel, member=member, application=application)
    elif membership.left_at is not None:  # rejoining after leaving
        membership.left_at, membership.joined_at, membership.application = None, utcnow(), application
        membership.save()
    if application.demographics_consent:
        values = {name: getattr(application, name) for name in DEMOGRAPHIC_FIELDS}
        updated = (Demographics.update(consented_at=utcnow(), **values)
                   .where(Demographics.member == member).execute())
        if not updated:
            Demographics.create(member=member, **values)
    application.member = member
    application.save()


def _email_decision(application):
    """In the language they applied in (staff pages are English: force it)."""
    with written_in_their_language(application):
        queue_email(to=application.email, template="panel_application_decision",
                    context={"name": application.name, "panel_name": application.panel.name,
                             "decision": application.status, "reason": application.decision_reason,
                             "sign_in_url": sign_in_url()},
                    idempotency_key=f"panel-application:{application.id}:decision:{application.status}",
                    purpose="panel_application", related=application)
