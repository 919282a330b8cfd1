"""The retention schedule applied: what has outlived its period is deleted or anonymised, and
what was done is recorded as counts (never content).

Run every night by the `privacy.retention` task and on demand by `flask privacy retention`.
Safe to run twice: a second run finds nothing more to do. A legal hold (app.privacy.models)
on a person, or on a case, keeps everything about them.

Covered so far (issue 14 continues): sign-in and rate-limit records (security), raw and
quarantined email (raw_email: the message is kept as a row, emptied of the email and its
sender), unsent drafts, complaint cases closed before the period with everything on them
(complaint), compliments, comments and requests with no case (feedback, with everything
derived from them), survey responses and invitations (survey), emails sent (correspondence;
those about a record still kept go with it), and residents who then have no record left
(person), and audit events past the audit log's period (through app.privacy.privileged, the
one way through its append-only rule), and stored report files built before their period.
Attachments go with the feedback or email they came with, or with the unsent draft; their
files are deleted once the run has committed, and any file left with no row is swept up.
"""
import datetime

from app.attachments import services as attachments
from app.attachments.store import Discarding, discard_paths_later
from app.audit.services import record
from app.db import db, utcnow
from app.privacy.audit_lines import clean_audit_lines
from app.privacy.schedule import days_for


def run(now=None, actor=None):
    """Apply the schedule at `now`; returns {what: count} (zeros left out) and audits it."""
    now = now or utcnow()
    held = _held()
    done = {}
    with Discarding(), db.atomic():
        for category, step in STEPS:
            days = days_for(category)
            if days is None:
                continue
            for what, count in step(now - datetime.timedelta(days=days), held).items():
                if count:
                    done[what] = done.get(what, 0) + count
        done.update({k: v for k, v in _people_left_with_nothing(now).items() if v})
        cleaned = clean_audit_lines()
        if cleaned:
            done["older_audit_lines_cleaned"] = cleaned
        record("privacy.retention", actor=actor, object_type="retention", summary=(
            "Retention schedule applied: " + (", ".join(f"{k.replace('_', ' ')} {v}" for k, v in
                                                       sorted(done.items())) or "nothing had expired")),
            details={"counts": done, "at": now.isoformat(timespec="seconds")})
    swept = attachments.sweep()
    if swept:
        done["attachment_files_left_behind"] = swept
    reclaim_space()
    return done


# What an emptied raw email keeps: its row, hash, dates and outcome; not the message or its sender.
EMAIL_EMPTIED = dict(raw=b"", size=0, message_id="", from_address="", from_name="", subject="",
                     parse_error="", attachments="[]", reason="")
CHUNK = 500


class Held:
    """Who and what the standing legal holds keep."""

    def __init__(self, people, cases, emails):
        self.people, self.cases, self.emails = people, cases, emails

    def free(self, person_column):
        """A condition: the row's person (if any) is under no hold."""
        return person_column.is_null() | person_column.not_in(list(self.people) or [0])


def _held():
    from app.cases.models import Case
    from app.people.models import Person
    from app.privacy.holds import standing

    held_cases, held_people = standing()
    cases, people = set(held_cases), set(held_people)
    people |= {c.person_id for c in Case.select(Case.person).where(Case.id.in_(cases or [0])) if c.person_id}
    emails = {p.email.lower() for p in Person.select(Person.email).where(Person.id.in_(people or [0])) if p.email}
    return Held(people, cases, emails)


def in_chunks(ids, action):
    """Sum of `action(chunk)` over `ids` in slices of CHUNK (bounded IN lists)."""
    return sum(action(ids[start:start + CHUNK]) for start in range(0, len(ids), CHUNK))


def _security(cutoff, held):
    from app.auth.models import KeptForm, LoginAttempt, StaffSession
    from app.publicforms import RateLimitHit
    from panels.models import MemberSession, SignInLink

    return {
        "sign_in_attempts": LoginAttempt.delete().where(LoginAttempt.at < cutoff).execute(),
        "rate_limit_records": RateLimitHit.delete().where(RateLimitHit.at < cutoff).execute(),
        "staff_sessions": StaffSession.delete().where(StaffSession.last_seen_at < cutoff).execute(),
        "kept_staff_forms": KeptForm.delete().where(KeptForm.created_at < cutoff).execute(),
        "panel_sign_in_links": SignInLink.delete().where(SignInLink.created_at < cutoff).execute(),
        "panel_sessions": MemberSession.delete().where(MemberSession.last_seen_at < cutoff).execute(),
    }


def _raw_email(cutoff, held):
    from app.feedback.models import FeedbackItem
    from app.inbox.models import InboundMessage

    expired = (InboundMessage.select(InboundMessage.id, InboundMessage.from_address,
                                     InboundMessage.feedback_item)
               .where(InboundMessage.received_at < cutoff, InboundMessage.size > 0))
    held_items = {i.id for i in FeedbackItem.select(FeedbackItem.id).where(
        FeedbackItem.person.in_(held.people or [0]))}
    ids = [m.id for m in expired if (m.from_address or "").lower() not in held.emails
           and m.feedback_item_id not in held_items]
    return {"raw_emails_emptied": in_chunks(ids, lambda chunk: InboundMessage.update(**EMAIL_EMPTIED).where(
        InboundMessage.id.in_(chunk)).execute()),
        "attachments_of_emails_that_became_nothing": attachments.discard_for_inbound(ids)}


def _drafts(cutoff, held):
    from app.feedback.journey.models import FeedbackDraft

    drafts = FeedbackDraft.delete().where(FeedbackDraft.updated_at < cutoff).execute()
    return {"unsent_drafts": drafts,
            "files_of_unsent_drafts": attachments.discard_unsent(FeedbackDraft.select(FeedbackDraft.token_hash), cutoff)}


def _feedback(cutoff, held):
    """Feedback that is not a complaint and is on no case, with everything derived from it
    (its database links cascade: predictions, topics, embeddings, flags, labels, updates)."""
    from app.cases.models import CaseItem
    from app.feedback.models import FeedbackItem

    on_cases = CaseItem.select(CaseItem.item)
    expired = (FeedbackItem.select(FeedbackItem.id)
               .where(FeedbackItem.received_at < cutoff, FeedbackItem.kind != "complaint",
                      FeedbackItem.id.not_in(on_cases), held.free(FeedbackItem.person)))
    ids = [row.id for row in expired]
    emails = _emails_about("feedback_item", ids)
    return {"feedback": _delete_items(ids), "emails_about_them": emails}


def _complaints(cutoff, held):
    """Complaint cases closed before the cutoff, with everything on them (stages, events,
    letters, decisions cascade), their feedback, and the emails about either; and any
    complaint that never became a case. A case's events are append-only, but go with it."""
    from app.cases.models import Case, CaseItem
    from app.feedback.models import FeedbackItem

    cases = [c.id for c in Case.select(Case.id).where(
        Case.closed_at.is_null(False), Case.closed_at < cutoff, Case.id.not_in(list(held.cases) or [0]),
        held.free(Case.person))]
    items = [ci.item_id for ci in CaseItem.select(CaseItem.item).where(CaseItem.case.in_(cases or [0]))]
    emails = _emails_about("case_record", cases)
    deleted = in_chunks(cases, lambda chunk: Case.delete().where(Case.id.in_(chunk)).execute())
    still_on_a_case = CaseItem.select(CaseItem.item)
    loose = [i.id for i in FeedbackItem.select(FeedbackItem.id).where(
        (FeedbackItem.id.in_(items or [0]) & FeedbackItem.id.not_in(still_on_a_case))
        | ((FeedbackItem.kind == "complaint") & (FeedbackItem.received_at < cutoff)
           & FeedbackItem.id.not_in(still_on_a_case)
           & held.free(FeedbackItem.person)))]
    emails += _emails_about("feedback_item", loose)
    return {"complaint_cases": deleted, "complaint_feedback": _delete_items(loose), "emails_about_them": emails}


def _correspondence(cutoff, held):
    """Emails sent before the cutoff, except those about a case or feedback still kept (they
    go with it) or to a person under a legal hold."""
    from app.cases.models import Case
    from app.feedback.models import FeedbackItem
    from app.mail.models import OutboxMessage

    kept_cases = Case.select(Case.id)
    kept_items = FeedbackItem.select(FeedbackItem.id)
    where = ((OutboxMessage.created_at < cutoff)
             & ~((OutboxMessage.related_type == "case_record") & OutboxMessage.related_id.in_(kept_cases))
             & ~((OutboxMessage.related_type == "feedback_item") & OutboxMessage.related_id.in_(kept_items))
             & (OutboxMessage.status != "pending"))
    if held.emails:
        where &= OutboxMessage.to_address.not_in(list(held.emails))
    return {"emails_sent": delete_emails_sent(where)}


def _audit(cutoff, held):
    """Audit events past their period, through the one privileged path (the log is otherwise
    append-only); those about a case under a legal hold stay."""
    from app.audit.models import AuditEvent
    from app.privacy.privileged import privileged

    expired = AuditEvent.select(AuditEvent.id).where(
        AuditEvent.at < cutoff,
        ~((AuditEvent.object_type == "case_record") & AuditEvent.object_id.in_([str(c) for c in held.cases] or ["-"])))
    ids = [row.id for row in expired]
    if not ids:
        return {}
    with privileged("retention: audit events past the audit log's period"):
        deleted = in_chunks(ids, lambda chunk: AuditEvent.delete().where(AuditEvent.id.in_(chunk)).execute())
    return {"audit_events": deleted}


def _panel(cutoff, held):
    """Panel members who left their last panel before the cutoff are anonymised (their words
    stay without their name: panels.leaving); the panel's own rules for sign-in data and
    declined applications run too (panels.retention), so this command applies them all."""
    from panels import retention as panel_rules

    period = datetime.timedelta(days=days_for("panel"))
    now = cutoff + period
    done = panel_rules.remove_sign_in_data(now)
    done.update(panel_rules.clear_declined_applications(now))
    done.update(panel_rules.anonymise_former_members(now, period=period))
    return done


def _reports(cutoff, held):
    """Stored report files (lessons-learnt PDFs and the like, which may quote residents)
    built before the cutoff; a report still wanted can be built again from what remains."""
    from reports.archive.models import StoredReport

    return {"stored_reports": StoredReport.delete().where(StoredReport.built_at < cutoff).execute()}


def _emails_about(table, ids):
    from app.mail.models import OutboxMessage

    return in_chunks(ids, lambda chunk: delete_emails_sent(
        (OutboxMessage.related_type == table) & OutboxMessage.related_id.in_(chunk)))


def delete_emails_sent(where):
    """Emails sent (outbox rows) matching `where`, with their attachments (cascade) and, for the
    folder backend, their .eml files once committed; returns how many."""
    from app.mail.backends import eml_name, outbox_folder
    from app.mail.models import OutboxMessage
    from app.queue import settings

    rows = list(OutboxMessage.select(OutboxMessage.id, OutboxMessage.idempotency_key).where(where))
    folder = outbox_folder(settings())
    discard_paths_later([folder / eml_name(row) for row in rows])
    return in_chunks([row.id for row in rows], lambda chunk: OutboxMessage.delete().where(
        OutboxMessage.id.in_(chunk)).execute())


def _delete_items(ids):
    """Feedback items, their files (rows now, files once committed), and what cascades."""
    from app.feedback.models import FeedbackItem

    attachments.discard_for_items(ids)
    return in_chunks(ids, lambda chunk: FeedbackItem.delete().where(FeedbackItem.id.in_(chunk)).execute())


def _survey(cutoff, held):
    from surveys.models import Invitation, Response

    responses = (Response.delete().where(
        Response.submitted_at < cutoff, held.free(Response.person)).execute())
    invitations = Invitation.delete().where(Invitation.created_at < cutoff).execute()
    return {"survey_responses": responses, "survey_invitations": invitations}


def _people_left_with_nothing(now):
    """Residents no record refers to any more (their contact details served only those);
    not anyone added in the last day, whose feedback may be on its way in."""
    from app.cases.models import Case
    from app.feedback.models import FeedbackItem
    from app.people.models import Person
    from app.privacy.models import LegalHold
    from surveys.models import Response

    referred = (FeedbackItem.select(FeedbackItem.person).where(FeedbackItem.person.is_null(False))
                | Case.select(Case.person).where(Case.person.is_null(False))
                | Response.select(Response.person).where(Response.person.is_null(False))
                | LegalHold.select(LegalHold.person).where(LegalHold.person.is_null(False)))
    recent = now - datetime.timedelta(days=1)
    return {"residents": Person.delete().where(Person.id.not_in(referred), Person.created_at < recent).execute()}


def reclaim_space():
    """Deleted rows are overwritten (SQLite's secure_delete pragma), the full-text index is
    rebuilt from what remains (FTS5 otherwise keeps a deleted row's words in its segments),
    and the write-ahead log is emptied, so no expired words stay in the database file or
    beside it. (PostgreSQL's search indexes are on the tables themselves.)"""
    if type(db.obj).__name__.lower().startswith(("postgres", "psycopg")):
        return
    db.execute_sql("INSERT INTO case_search(case_search) VALUES('optimize')")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


STEPS = (("security", _security), ("raw_email", _raw_email), ("drafts", _drafts),
         ("complaint", _complaints), ("feedback", _feedback), ("survey", _survey),
         ("correspondence", _correspondence), ("panel", _panel), ("reports", _reports), ("audit", _audit))
