"""Member data follows the retention rules (panels.retention): sign-in links and sessions go
after 30 days, declined applicants' details after 6 months, and members who left every panel
are anonymised once the retention schedule's "panel" period (2 years unless an administrator
sets another) has passed, by the privacy retention run; each run is audited with counts only."""
import datetime
import json

from app.audit.models import AuditEvent
from app.db import utcnow
from app.privacy import retention as schedule_run
from app.privacy import schedule
from panels import retention
from panels.models import Application, Demographics, Member, MemberSession, Membership, SignInLink
from panels.proposals.models import Comment
from tests.factories import create_member, create_panel, create_proposal, create_user

DAY = datetime.timedelta(days=1)


def test_sign_in_links_and_sessions_are_deleted_after_30_days(app):
    member = create_member()
    now = utcnow()
    old = SignInLink.create(member=member, token_hash="a" * 64, created_at=now - 31 * DAY, expires_at=now - 31 * DAY)
    recent = SignInLink.create(member=member, token_hash="b" * 64, created_at=now - 29 * DAY, expires_at=now - 29 * DAY)
    MemberSession.create(member=member, token_hash="c" * 64, created_at=now - 31 * DAY, last_seen_at=now - 31 * DAY)
    kept_session = MemberSession.create(member=member, token_hash="d" * 64)
    counts = retention.apply(now)
    assert counts["sign_in_links_deleted"] == 1 and counts["member_sessions_deleted"] == 1
    assert [link.id for link in SignInLink.select()] == [recent.id]
    assert [s.id for s in MemberSession.select()] == [kept_session.id]
    assert old.id not in [link.id for link in SignInLink.select()]


def test_sign_in_throttle_counts_go_after_a_day(app):
    from app.publicforms import RateLimitHit

    now = utcnow()
    RateLimitHit.create(bucket="panel-sign-in-email:abc", at=now - 2 * DAY)
    recent = RateLimitHit.create(bucket="panel-sign-in-email:abc", at=now)
    feedback = RateLimitHit.create(bucket="feedback:abc", at=now - 2 * DAY)  # not ours to prune
    assert retention.apply(now)["sign_in_throttle_counts_deleted"] == 1
    assert {hit.id for hit in RateLimitHit.select()} == {recent.id, feedback.id}


def application(panel, status, decided_days_ago, **fields):
    return Application.create(panel=panel, name="Dee Clined", email="dee@resident.invalid", reason="I use the buses",
                              support_needs="A hearing loop", age_band="25-34", area="Oakhurst", status=status,
                              decision_reason="The panel is full for now", decided_at=utcnow() - decided_days_ago * DAY,
                              **fields)


def test_declined_applicants_details_are_removed_after_6_months(app):
    panel = create_panel()
    old = application(panel, "declined", 190)
    recent = application(panel, "declined", 100)
    approved = application(panel, "approved", 400)
    assert retention.apply()["declined_applications_cleared"] == 1
    cleared = Application.get_by_id(old.id)
    assert (cleared.name, cleared.email, cleared.reason, cleared.support_needs, cleared.age_band, cleared.area,
            cleared.decision_reason) == ("Details removed", "", "", "", "", "", "")
    assert cleared.status == "declined" and cleared.panel_id == panel.id  # the counts stay right
    assert Application.get_by_id(recent.id).email == "dee@resident.invalid"
    assert Application.get_by_id(approved.id).email == "dee@resident.invalid"
    assert retention.apply()["declined_applications_cleared"] == 0  # once


def _three_members():
    panel, other = create_panel(), create_panel("Accessibility Panel")
    long_gone = create_member(panel, name="Lon Gone", email="long@resident.invalid", demographics={"sex": "female"})
    Membership.update(left_at=utcnow() - 800 * DAY).where(Membership.member == long_gone).execute()
    comment = Comment.create(proposal=create_proposal(panel), member=long_gone, body="Please keep the Tuesday bus.")
    recently_gone = create_member(panel, name="Rae Cent")
    Membership.update(left_at=utcnow() - 300 * DAY).where(Membership.member == recently_gone).execute()
    still_on_one = create_member(panel, name="Stay Put")
    Membership.update(left_at=utcnow() - 900 * DAY).where(Membership.member == still_on_one).execute()
    Membership.create(panel=other, member=still_on_one)
    return long_gone, comment, recently_gone, still_on_one


def _names():
    return {member.id: member.name for member in Member.select()}


def test_members_who_left_every_panel_are_anonymised_after_2_years(app):
    long_gone, comment, recently_gone, still_on_one = _three_members()
    assert retention.apply()["sign_in_links_deleted"] == 0  # the panel's own nightly rules leave them
    assert Member.get_by_id(long_gone.id).name == "Lon Gone"
    assert schedule_run.run()["former_members_anonymised"] == 1
    gone = Member.get_by_id(long_gone.id)
    assert gone.anonymised_at is not None and gone.name == "A former member" and "long" not in gone.email
    assert not Demographics.select().where(Demographics.member == long_gone).exists()
    assert Comment.get_by_id(comment.id).body == "Please keep the Tuesday bus."
    assert Member.get_by_id(recently_gone.id).name == "Rae Cent"
    assert Member.get_by_id(still_on_one.id).name == "Stay Put"
    assert "former_members_anonymised" not in schedule_run.run()  # once


def test_the_period_an_administrator_sets_is_the_one_every_nightly_run_keeps_to(app):
    long_gone, _, recently_gone, _ = _three_members()
    admin = create_user(role="administrator")
    schedule.set_days("panel", 1095, admin)  # 3 years: the member who left 800 days ago stays
    retention.apply()
    schedule_run.run()
    assert _names()[long_gone.id] == "Lon Gone"
    schedule.set_days("panel", 200, admin)  # shorter: both who left go
    schedule_run.run()
    assert _names()[long_gone.id] == _names()[recently_gone.id] == "A former member"
    [event] = AuditEvent.select().where((AuditEvent.action == "panels.member_anonymised")
                                        & (AuditEvent.object_id == str(recently_gone.id)))
    assert "200 days after leaving every panel" in event.summary


def test_each_run_is_audited_with_counts_never_details(app):
    member = create_member(name="Rosa Park", email="rosa@resident.invalid")
    Membership.update(left_at=utcnow() - 800 * DAY).where(Membership.member == member).execute()
    Application.create(panel=create_panel("Housing Panel"), name="Noor Taken", email="noor@resident.invalid", reason="To help",
                       status="declined", decided_at=utcnow() - 200 * DAY)
    retention.apply()
    schedule_run.run()
    [run] = AuditEvent.select().where(AuditEvent.action == "panels.retention")
    assert json.loads(run.details)["declined_applications_cleared"] == 1
    [privacy_run] = AuditEvent.select().where(AuditEvent.action == "privacy.retention")
    assert json.loads(privacy_run.details)["counts"]["former_members_anonymised"] == 1
    everything = " ".join(f"{e.summary} {e.details}" for e in AuditEvent.select())
    assert "Rosa" not in everything and "rosa@" not in everything and "Noor" not in everything


def test_the_defaults_are_documented():
    doc = retention.__doc__
    assert "30 days" in doc and "6 months" in doc and "2 years by default" in doc
    assert retention.SIGN_IN_DATA == 30 * DAY and schedule.days_for("panel") == 730
