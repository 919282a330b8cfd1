"""A member leaves a panel, and a former member's name and email are removed ("anonymised").

Leaving a panel:
- the membership ends at once (`Membership.left_at`); the panel, its proposals and its
  documents are then a 404 for them, and its news no longer reaches their digest;
- what they already said (comments, answers, views) stays with the proposal, because the
  council may already have weighed it;
- leaving their last panel also ends every session they have and spends their unused sign-in
  links: there is no workspace left to sign in to.

Anonymising (offered when a member leaves their last panel, and done by the retention rules
two years after they left: panels.retention):
- their name becomes "A former member" and their email an address that reaches nobody, so every
  comment they wrote reads "A former member";
- their support needs, the demographics they shared and the personal details on their
  applications are removed; their pending digest items are dropped;
- the words of their comments, answers and views stay, without their name: where they wrote
  their own name or email address in them, it becomes "[name removed]".
"""

from dataclasses import dataclass

from app.audit import services as audit
from app.db import utcnow
from app.phrases import any_of
from app.queue import transaction
from panels import access, sessions
from panels.models import DEMOGRAPHIC_FIELDS, Application, Demographics, Member, Membership, SignInLink
from panels.proposals.models import Answer, Comment, Notification, View

FORMER_NAME = "A former member"


class CannotAnonymise(Exception):
    """Anonymising is for members leaving their last panel."""


@dataclass(frozen=True)
class Left:
    panel_name: str
    panels_left: int     # how many panels the member is still on
    anonymised: bool


def leave(member, panel, *, anonymise=False):
    """End `member`'s membership of `panel` (they must be on it); with `anonymise`, and only
    when it was their last panel, remove their name and email too. Returns Left."""
    with transaction():
        if not access.is_member(member, panel):
            raise LookupError("not a member of this panel")
        remaining = [p for p in access.member_panels(member) if p.id != panel.id]
        if anonymise and remaining:
            raise CannotAnonymise("still on another panel")
        (Membership.update(left_at=utcnow())
         .where((Membership.panel == panel) & (Membership.member == member)).execute())
        audit.record("panels.member_left", obj=member, object_type="panel_member",
                     summary=f"Panel member {member.id} left panel {panel.id}",
                     details={"panel": panel.id, "still_on": len(remaining)})
        if not remaining:
            _close_workspace(member)
        if anonymise:
            anonymise_member(member)
    return Left(panel.name, len(remaining), anonymise)


def _close_workspace(member):
    sessions.end_all(member)
    SignInLink.delete().where((SignInLink.member == member) & SignInLink.used_at.is_null()).execute()


def anonymise_member(member, *, reason="asked when leaving"):
    """Remove `member`'s personal data, keeping the words they contributed (see the module
    docstring). Returns the member. Idempotent: an anonymised member is left as they are."""
    if member.anonymised_at is not None:
        return member
    with transaction():
        old_email, old_name = member.email, member.name
        Member.update(
            anonymised_at=utcnow(), name=FORMER_NAME, email=f"former-member-{member.id}@anonymised.invalid",
            support_needs="", digest_enabled=False,
        ).where(Member.id == member.id).execute()
        Demographics.delete().where(Demographics.member == member).execute()
        _without_their_name(member, old_name, old_email)
        cleared = dict({name: "" for name in DEMOGRAPHIC_FIELDS}, name=FORMER_NAME, email="", reason="",
                       support_needs="", decision_reason="", demographics_consent=False)
        applications = (Application.update(**cleared)
                        .where((Application.member == member) | (Application.email == old_email)).execute())
        Notification.delete().where(Notification.member == member).execute()
        SignInLink.delete().where(SignInLink.member == member).execute()
        sessions.end_all(member)
        audit.record("panels.member_anonymised", obj=member, object_type="panel_member",
                     summary=f"Panel member {member.id} anonymised ({reason})",
                     details={"applications_cleared": applications})
    return Member.get_by_id(member.id)


def _without_their_name(member, name, email):
    """Their name (whole, and each part of four letters or more) and email out of their words."""
    pattern = any_of(w for w in [name, email, *(name or "").split()] if w and len(w) >= 4)
    if pattern is None:
        return
    for model, column in ((Comment, "body"), (Answer, "text"), (View, "reason")):
        for row in model.select(model.id, getattr(model, column)).where(model.member == member.id):
            value = getattr(row, column) or ""
            if pattern.search(value):
                model.update({column: pattern.sub("[name removed]", value)}).where(model.id == row.id).execute()
