"""How long panel members' data is kept.

`apply()` (every night as `panels.retention`, panels.tasks) applies the panel's own rules:

- **Sign-in links and member sessions: 30 days.** A link works for 15 minutes and a session
  for at most 12 hours; the rows are kept 30 days after they were created (to answer "was this
  link used?") and then deleted.
- **Declined applications: 6 months (183 days) after the decision.** The applicant's name,
  email, reason, support needs, demographics and the decision's reason are removed; the row
  stays (status and dates only) so the panel's application counts are still right.
- **Sign-in throttling counts: 1 day.** The counts that limit sign-in requests (kept under keyed
  hashes of the email and client addresses, never the addresses) are deleted after a day.

**Members who have left every panel** are anonymised once the retention schedule's "panel"
period (2 years by default, set by administrators) has passed since they left their last one
(`anonymise_former_members`, called with that period by the privacy retention run,
app.privacy.retention; one period, one place to set it). Anonymising follows
panels.leaving.anonymise_member: their name becomes "A former member", their email, support
needs and demographics are removed; the words they contributed stay, without their name.
Members who asked for it when leaving were anonymised at once.

Every run writes one audit entry with the counts (never anybody's details).
"""
import datetime

from peewee import fn

from app.audit import services as audit
from app.db import utcnow
from app.publicforms import RateLimitHit
from panels.leaving import anonymise_member
from panels.models import DEMOGRAPHIC_FIELDS, Application, Member, MemberSession, Membership, SignInLink

SIGN_IN_DATA = datetime.timedelta(days=30)
DECLINED_APPLICATIONS = datetime.timedelta(days=183)
THROTTLE_COUNTS = datetime.timedelta(days=1)
REMOVED = "Details removed"  # a declined applicant's name, once the rest has gone


def remove_sign_in_data(now):
    cutoff = now - SIGN_IN_DATA
    hits = (RateLimitHit.delete().where(RateLimitHit.bucket.startswith("panel-sign-in")
                                        & (RateLimitHit.at < now - THROTTLE_COUNTS)).execute())
    return {"sign_in_links_deleted": SignInLink.delete().where(SignInLink.created_at < cutoff).execute(),
            "member_sessions_deleted": MemberSession.delete().where(MemberSession.created_at < cutoff).execute(),
            "sign_in_throttle_counts_deleted": hits}


def clear_declined_applications(now):
    cleared = dict({name: "" for name in DEMOGRAPHIC_FIELDS}, name=REMOVED, email="", reason="",
                   support_needs="", decision_reason="", demographics_consent=False)
    count = (Application.update(**cleared)
             .where((Application.status == "declined") & Application.decided_at.is_null(False)
                    & (Application.decided_at < now - DECLINED_APPLICATIONS) & (Application.email != ""))
             .execute())
    return {"declined_applications_cleared": count}


def long_gone_members(now, period):
    """Members not yet anonymised who are on no panel and left their last one over
    `period` (a timedelta: the retention schedule's "panel" period) ago."""
    current = Membership.select(Membership.member).where(Membership.left_at.is_null())
    left_long_ago = (Membership.select(Membership.member).group_by(Membership.member)
                     .having(fn.MAX(Membership.left_at) < now - period))
    return list(Member.select().where(Member.anonymised_at.is_null() & Member.id.not_in(current)
                                      & Member.id.in_(left_long_ago)).order_by(Member.id))


def anonymise_former_members(now, period):
    members = long_gone_members(now, period)
    for member in members:
        anonymise_member(member, reason=f"{period.days} days after leaving every panel")
    return {"former_members_anonymised": len(members)}


def apply(now=None):
    """Apply the panel's own rules; returns the counts (also written to the audit log)."""
    now = now or utcnow()
    counts = {}
    counts.update(remove_sign_in_data(now))
    counts.update(clear_declined_applications(now))
    audit.record("panels.retention", object_type="panel_member", object_id="",
                 summary="Panel retention rules applied: " + ", ".join(f"{k.replace('_', ' ')} {v}"
                                                                      for k, v in counts.items()),
                 details=counts)
    return counts
