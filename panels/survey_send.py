"""Panel surveys: a facilitator sends a survey from the survey builder to every current member
of a panel they run.

Each member gets one invitation of their own (surveys.invitations: a single-use link, its email
through the outbox) recorded against their membership (`related=membership`). A member already
invited to that survey (by this panel or another panel they belong to) is never invited again,
so sending twice reaches only those who joined since. Each send is recorded (SurveySend) with
how many members it invited, and audited.
"""
from app.audit import services as audit
from app.queue import transaction
from panels.models import Member, Membership
from panels.proposals.models import SurveySend
from surveys import invitations
from surveys.models import Invitation, Survey
from surveys.services import availability

MEMBERSHIP = Membership._meta.table_name


class SendError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def sendable_surveys():
    """Surveys published and open now, by title."""
    return [survey for survey in Survey.select().order_by(Survey.title, Survey.id)
            if availability(survey) == "open"]


def current_memberships(panel):
    return list(Membership.select(Membership, Member).join(Member)
                .where(Membership.panel == panel, Membership.left_at.is_null(),
                       Member.anonymised_at.is_null())
                .order_by(Membership.id))


def invited_member_ids(survey):
    """Members already invited to `survey` through any of their panel memberships."""
    membership_ids = [int(row.related_id) for row in Invitation.select(Invitation.related_id)
                      .where(Invitation.survey == survey, Invitation.related_type == MEMBERSHIP)
                      if row.related_id.isdigit()]
    return {row.member_id for row in Membership.select(Membership.member)
            .where(Membership.id.in_(membership_ids or [0]))}


def send(panel, survey, *, actor):
    """Invite every current member of `panel` not yet invited to `survey`. Returns
    (SurveySend, how many were already invited). Raises SendError."""
    if survey is None or availability(survey) != "open":
        raise SendError("Choose a survey that is published and open", field="survey")
    with transaction():
        already = invited_member_ids(survey)
        invited = skipped = 0
        for membership in current_memberships(panel):
            if membership.member_id in already:
                skipped += 1
                continue
            try:
                invitations.invite(survey, membership.member.email, related=membership, actor=actor)
            except invitations.InvitationError:
                skipped += 1
                continue
            already.add(membership.member_id)
            invited += 1
        record = SurveySend.create(panel=panel, survey=survey, sent_by=actor, invited=invited)
        audit.record("panel.survey_sent", actor=actor, obj=record,
                     summary=f"Survey {survey.title} sent to {invited} members of {panel.name}",
                     details={"panel": panel.id, "survey": survey.id, "invited": invited, "skipped": skipped})
    return record, skipped


def sends(panel):
    """The panel's survey sends, newest first."""
    return list(SurveySend.select(SurveySend, Survey).join(Survey)
                .where(SurveySend.panel == panel).order_by(SurveySend.sent_at.desc(), SurveySend.id.desc()))
