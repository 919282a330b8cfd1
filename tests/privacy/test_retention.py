"""The retention schedule applied: expired records are deleted or emptied, counted in the
audit log (never their words), a legal hold keeps a person's records, and a second run finds
nothing more to do."""
import datetime
import json
from pathlib import Path

import pytest

from app.db import db, utcnow
from app.privacy import retention, schedule
from tests.factories import classify, create_feedback, create_person, create_user

OLD = utcnow() - datetime.timedelta(days=3 * 365)
CANARY = "Quentina Marchbanks-Voss"


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, intake_listeners=("cases",))


def aged(model, row_id, **fields):
    model.update(**{name: OLD for name in fields}).where(model._meta.primary_key == row_id).execute()


def old_compliment(person, text):
    from app.feedback.models import FeedbackItem

    item = create_feedback(kind="compliment", person=person, text=text)
    aged(FeedbackItem, item.id, received_at=True)
    return item


@pytest.fixture
def world(app):
    from app.auth.models import LoginAttempt
    from app.cases.models import Case
    from app.feedback.models import FeedbackItem
    from app.inbox.models import InboundMessage
    from app.inbox.services import store
    from app.learning.models import Prediction
    from app.people.models import Person
    from app.publicforms import RateLimitHit
    from tests.surveys.helpers import create_survey
    from surveys.models import Question, SurveyVersion
    from surveys.responses import record_response

    canary = create_person(name=CANARY, email="qmv.canary@example.org")
    Person.update(created_at=OLD).where(Person.id == canary.id).execute()
    kept = create_person(name="Held Person", email="held@example.org")
    Person.update(created_at=OLD).where(Person.id == kept.id).execute()
    gone = old_compliment(canary, f"{CANARY} says the library staff were lovely.")
    classify(gone, sentiment="positive", vector=[0.1, 0.2])
    Prediction.update(sentences=json.dumps([{"text": CANARY}])).where(Prediction.item == gone.id).execute()
    held_item = old_compliment(kept, "Held Person's compliment.")
    recent = create_feedback(kind="comment", person=create_person(), text="A recent comment.")
    complaint = create_feedback(kind="complaint", person=canary,
                                text=f"An old complaint with a case, from {CANARY} (Quentina).")
    aged(FeedbackItem, complaint.id, received_at=True)
    raw, _ = store(f"From: {CANARY} <qmv.canary@example.org>\r\nSubject: bins\r\n\r\n{CANARY} again.\r\n"
                   .encode(), "test:old.eml")
    aged(InboundMessage, raw.id, received_at=True)
    fresh, _ = store(b"From: someone@example.org\r\nSubject: new\r\n\r\nNew.\r\n", "test:new.eml")
    attempt = LoginAttempt.create(email="qmv.canary@example.org", ip="192.0.2.1", succeeded=False)
    aged(LoginAttempt, attempt.id, at=True)
    RateLimitHit.create(bucket="feedback:192.0.2.1")
    survey = create_survey(anonymous=False, questions=[{"kind": "long_text", "text": "Anything else?"}])
    version = SurveyVersion.get(SurveyVersion.survey == survey)
    questions = list(Question.select().where(Question.version == version))
    record_response(version, questions, {questions[0].id: (None, f"{CANARY}: more books please")},
                    contact={"email": "qmv.canary@example.org"}, now=OLD)
    from app.privacy.models import LegalHold

    LegalHold.create(person=kept, reason="A claim in the county court", created_at=utcnow())
    return {"canary": canary, "gone": gone, "held_item": held_item, "recent": recent, "raw": raw,
            "fresh": fresh, "complaint": complaint, "case": Case.get_or_none()}


def test_expired_records_go_and_the_rest_stay(world):
    from app.audit.models import AuditEvent
    from app.auth.models import LoginAttempt
    from app.feedback.models import FeedbackItem
    from app.inbox.models import InboundMessage
    from app.learning.models import Prediction
    from app.people.models import Person
    from app.publicforms import RateLimitHit
    from surveys.models import Response

    done = retention.run()
    assert done["feedback"] == 2 and done["survey_responses"] == 1 and done["raw_emails_emptied"] == 1
    assert done["sign_in_attempts"] == 1
    assert FeedbackItem.get_or_none(id=world["gone"].id) is None
    assert not Prediction.select().where(Prediction.item == world["gone"].id).exists()
    assert FeedbackItem.get_or_none(id=world["held_item"].id) is not None  # legal hold
    assert FeedbackItem.get_or_none(id=world["recent"].id) is not None
    assert FeedbackItem.get_or_none(id=world["complaint"].id) is not None  # kept with its case
    assert Person.get_or_none(id=world["canary"].id) is not None  # still has the complaint
    raw = InboundMessage.get_by_id(world["raw"].id)
    assert bytes(raw.raw) == b"" and raw.from_address == "" and raw.subject == ""
    assert bytes(InboundMessage.get_by_id(world["fresh"].id).raw) != b""
    assert not LoginAttempt.select().exists() and RateLimitHit.select().count() == 1
    assert not Response.select().exists()
    event = AuditEvent.select().where(AuditEvent.action == "privacy.retention").get()
    assert json.loads(event.details)["counts"] == done
    assert CANARY not in event.summary + event.details and "canary" not in event.summary + event.details
    assert retention.run() == {}  # nothing more


def test_a_resident_with_nothing_left_goes_too(world):
    from app.cases.models import Case, CaseItem
    from app.people.models import Person

    Case.update(person=None).execute()  # as if their complaint were anonymised
    CaseItem.delete().execute()
    from app.feedback.models import FeedbackItem

    FeedbackItem.update(person=None).where(FeedbackItem.id == world["complaint"].id).execute()
    done = retention.run()
    assert done["residents"] >= 1 and Person.get_or_none(id=world["canary"].id) is None
    assert Person.get_or_none(email="held@example.org") is not None


def test_what_expired_leaves_no_trace_in_the_database_file(world, app):
    if db.obj.__class__.__name__.lower().startswith(("postgres", "psycopg")):
        pytest.skip("SQLite's file is what is checked here")
    from app.cases.models import Case, CaseItem
    from app.feedback.models import FeedbackItem

    Case.update(closed_at=utcnow() - datetime.timedelta(days=7 * 365), status="closed").execute()
    done = retention.run()
    assert done["complaint_cases"] == 1 and done["residents"] == 1
    path = Path(db.obj.database)
    for name in (path, Path(f"{path}-wal")):
        if name.exists():
            content = name.read_bytes().lower()
            for word in (CANARY.lower(), "quentina", "marchbanks", "qmv.canary"):
                at = content.find(word.encode())
                assert at < 0, (name, word, bytes(b for b in content[max(0, at - 400):at + 200] if b >= 32))


def test_administrators_set_periods_and_bad_values_are_refused(app):
    admin = create_user(role="administrator")
    assert schedule.days_for("feedback") == 730
    schedule.set_days("feedback", 400, admin)
    assert schedule.days_for("feedback") == 400
    assert ("feedback", 400, False) in [(c.key, d, default) for c, d, default in schedule.schedule()]
    for bad in (0, -1, 10 ** 6, "12", 2.5, True):
        with pytest.raises(schedule.ScheduleError):
            schedule.set_days("feedback", bad, admin)
    with pytest.raises(schedule.ScheduleError):
        schedule.set_days("council", 10, admin)


def test_the_command_runs_the_schedule(app, world):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["privacy", "retention", "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output.strip().splitlines()[-1])
    assert counts["counts"]["feedback"] == 2 and counts["total"] >= 5
    again = runner.invoke(args=["privacy", "retention"])
    assert again.exit_code == 0 and "Nothing had expired" in again.output


def test_administrators_change_a_period_on_its_page_and_typing_survives_errors(app):
    from app.audit.models import AuditEvent
    from tests.web import get_page, sign_in, submit

    admin = create_user(role="administrator", password="correct horse battery staple")
    client = app.test_client()
    sign_in(client, admin.email, "correct horse battery staple")
    html = get_page(client, "/staff/admin/privacy/retention")
    assert "2,190 days after the case closes (the default)" in html and "Raw and quarantined email" in html
    page = "/staff/admin/privacy/retention/feedback"
    assert 'value="730"' in get_page(client, page)
    for typed, message in (("", "Enter how many days"), ("two years", "whole number"), ("0", "between 1 and")):
        response = submit(client, page, {"days": typed})
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and message in html and "govuk-error-summary" in html
        assert f'value="{typed}"' in html and "<title>Error: " in html
    response = submit(client, page, {"days": "1,095"})
    assert response.status_code == 302 and schedule.days_for("feedback") == 1095
    assert "1,095 days after it was received" in get_page(client, "/staff/admin/privacy/retention")
    assert AuditEvent.select().where(AuditEvent.action == "privacy.retention_period").count() == 1
    assert client.get("/staff/admin/privacy/retention/council").status_code == 404
    assert client.get("/staff/admin/privacy/retention/nonsense").status_code == 404


def test_complaint_cases_go_six_years_after_closing_with_everything_on_them(world):
    from app.cases.models import Case, CaseEvent, CaseItem, CaseStage
    from app.feedback.models import FeedbackItem
    from app.mail.models import OutboxMessage
    from app.privacy.models import LegalHold

    closed_long_ago = utcnow() - datetime.timedelta(days=7 * 365)
    case = world["case"]
    assert case is not None and CaseEvent.select().where(CaseEvent.case == case).exists()
    OutboxMessage.create(idempotency_key="letter-1", message_id="<letter-1@heard.example>",
                         to_address="qmv.canary@example.org",
                         subject="Our response to your complaint", text_body=f"Dear {CANARY}",
                         html_body="", template="case_decision", purpose="case", status="sent",
                         related_type="case_record", related_id=case.id)
    Case.update(closed_at=closed_long_ago, status="closed").where(Case.id == case.id).execute()
    held = create_feedback(kind="complaint", person=create_person(), text="A held complaint.")
    held_case = Case.select().join(CaseItem).where(CaseItem.item == held.id).get()
    Case.update(closed_at=closed_long_ago, status="closed").where(Case.id == held_case.id).execute()
    LegalHold.create(case=held_case, reason="The Ombudsman asked for the file", created_at=utcnow())

    done = retention.run()
    assert done["complaint_cases"] == 1 and done["complaint_feedback"] == 1
    assert Case.get_or_none(id=case.id) is None
    assert not CaseEvent.select().where(CaseEvent.case == case.id).exists()
    assert not CaseStage.select().where(CaseStage.case == case.id).exists()
    assert FeedbackItem.get_or_none(id=world["complaint"].id) is None
    assert not OutboxMessage.select().where(OutboxMessage.related_type == "case_record",
                                            OutboxMessage.related_id == case.id).exists()
    assert Case.get_or_none(id=held_case.id) is not None  # under a legal hold
    assert FeedbackItem.get_or_none(id=held.id) is not None
    assert retention.run().get("complaint_cases") is None


def test_a_case_still_open_or_closed_recently_stays(world):
    from app.cases.models import Case

    case = world["case"]
    Case.update(closed_at=utcnow() - datetime.timedelta(days=5 * 365), status="closed").where(
        Case.id == case.id).execute()
    assert "complaint_cases" not in retention.run()
    assert Case.get_or_none(id=case.id) is not None


def test_stored_reports_go_two_years_after_they_were_built(app):
    from reports.archive.models import StoredReport

    today = datetime.date.today()
    old = StoredReport.create(kind="lessons", scope="all", period_start=today, period_end=today, status="built",
                              pdf=b"%PDF quoting a resident", built_at=OLD)
    new = StoredReport.create(kind="lessons", scope="all", period_start=today.replace(day=1), period_end=today,
                              status="built", pdf=b"%PDF", built_at=utcnow())
    assert retention.run()["stored_reports"] == 1
    assert StoredReport.get_or_none(id=old.id) is None and StoredReport.get_or_none(id=new.id) is not None
