"""The demo's complaint casework: every demo complaint is a case, worked through the real
services at past dates, so officers open the demo to full queues with consistent clocks,
timelines, letters and /track pages."""
import datetime
from collections import Counter

import pytest

from app.auth.models import User
from app.auth.passwords import verify_password
from app.cases import clocks, services, stages
from app.cases.models import Case, CaseEvent, CaseStage, ClockPause
from app.demo import casework
from app.demo.generate import generate
from app.demo.seed import seed_demo
from app.feedback.models import FeedbackItem, FeedbackStatusChange
from app.mail.models import OutboxMessage
from surveys.models import Invitation
from tests.factories import create_feedback

TODAY = datetime.date(2026, 3, 16)  # a Monday


@pytest.fixture
def casework_hook(app):
    """The casework intake listeners the running app has: a complaint opens its case after commit."""
    from app import wiring

    wiring.connect_intake(("cases",))


def open_complaints():
    return Case.select().where(Case.status == "open", Case.kind == "complaint")


# The plan (no database) -----------------------------------------------------------------

def test_the_plan_is_in_the_past_in_order_and_the_same_every_time():
    data = generate(TODAY)
    complaints = [item for item in data["items"] if item["kind"] == "complaint"]
    assert set(data["cases"]) == {item["key"] for item in complaints}
    assert generate(TODAY)["cases"] == data["cases"]
    for item in complaints:
        steps = data["cases"][item["key"]]
        times = [item["received_at"]] + [step["at"] for step in steps]
        assert times == sorted(times), item["key"]
        assert all(clocks.local_date(step["at"]) < TODAY for step in steps)
        assert item["status"] == casework.status_of(steps)
        for step in steps:
            if step["do"] == "stage2":
                assert step["by"] is None  # the resident asks
    kinds = Counter(step["do"] for steps in data["cases"].values() for step in steps)
    for needed in ("triage", "acknowledge", "note", "call", "pause", "resume", "extend",
                   "respond", "close", "stage2", "reviewer", "refer", "ombudsman_outcome",
                   "urgent", "convert"):
        assert kinds[needed], needed


def test_phone_only_residents_have_a_postal_address_for_letters():
    people = generate(TODAY)["people"]
    assert all(p.get("postal_address") for p in people if not p["email"])
    assert not [p for p in people if p["email"] and p.get("postal_address")]


# The seeded demo ------------------------------------------------------------------------

@pytest.mark.seeded
def test_officers_open_the_demo_to_full_queues(app, seeded):
    result = seeded
    complaints = FeedbackItem.select().where(FeedbackItem.kind == "complaint")
    assert result.case_count == Case.select().count() == complaints.count() + 1  # one converted
    assert all(case.is_demo for case in Case.select())
    open_cases = list(open_complaints())
    unacknowledged = [c for c in open_cases if c.stage == 1 and c.next_due_what == "acknowledge"]
    investigating = [c for c in open_cases if c.stage == 1 and c.next_due_what == "respond"
                     and not c.paused]
    assert len(unacknowledged) >= 4 and len(investigating) >= 5
    due = Counter(clocks.status(c.next_due_on, today=TODAY) for c in unacknowledged)
    assert due["overdue"] and due["due_soon"]
    assert [c for c in open_cases if c.paused]  # awaiting the resident
    assert ClockPause.select().where(ClockPause.ended_at.is_null(False)).exists()  # and resumed
    assert CaseStage.select().where(CaseStage.extension_days > 0).count() >= 2
    assert [c for c in open_cases if c.stage == 2]
    assert Case.select().where(Case.urgent == True).count() >= 4  # noqa: E712 the safeguarding stories
    assert Case.select().where(Case.kind == "service_request").count() == 1
    # Assigned to the officers in each service's team, round-robin.
    officers = {u.id for u in User.select().where(User.role == "complaints_officer")}
    assigned = Counter(c.assigned_to_id for c in Case.select() if c.assigned_to_id)
    assert set(assigned) <= officers and len(assigned) == 3
    assert sum(assigned.values()) >= result.case_count - 5
    # Only complaints from the last few days wait for triage.
    waiting = Case.select().where(Case.assigned_to.is_null())
    assert all(clocks.local_date(c.received_at) >= TODAY - datetime.timedelta(days=4) for c in waiting)


@pytest.mark.seeded
def test_closed_cases_have_outcomes_remedies_root_causes_and_lessons(app, seeded):
    closed = list(Case.select().where(Case.status == "closed", Case.kind == "complaint"))
    assert len(closed) >= 60
    assert set(Counter(c.outcome for c in closed)) == {"upheld", "partly_upheld", "not_upheld",
                                                        "withdrawn"}
    for case in closed:
        if case.outcome in ("upheld", "partly_upheld"):
            assert case.root_cause and case.lessons_learnt and case.remedy_apology, case.reference
    assert len({c.root_cause for c in closed if c.root_cause}) >= 5
    assert [c for c in closed if c.remedy_financial_pence]
    assert [c for c in closed if c.action_links.count()]
    at_stage2 = [c for c in closed if c.stage == 2]
    assert len(at_stage2) >= 2
    ombudsman = [c for c in Case.select() if c.ombudsman]
    assert len(ombudsman) == 1 and ombudsman[0].ombudsman_outcome and ombudsman[0].stage == 2
    reviewed = 0
    for case in Case.select().where(Case.stage == 2):  # the newest may still await a reviewer
        reviewer = CaseStage.get(CaseStage.case == case, CaseStage.number == 2).handler_id
        if reviewer is not None:
            assert reviewer not in stages.stage1_handlers(case), case.reference
            assert case.assigned_to_id == reviewer
            reviewed += 1
    assert reviewed >= len(at_stage2)
    kinds = Counter(e.kind for e in CaseEvent.select())
    assert kinds["note"] >= 20 and kinds["call"] >= 10 and kinds["email_out"] >= 100


@pytest.mark.seeded
def test_clocks_timelines_letters_and_track_agree(app, seeded):
    data = generate(TODAY)
    for case in Case.select():
        deadlines = clocks.deadlines(case)
        current = clocks.current(case)
        assert case.next_due_on == (datetime.datetime.combine(current.due_on, datetime.time())
                                    if current else None), case.reference
        assert case.next_due_what == (current.what if current else "")
        assert case.paused == bool(current and current.paused)
        assert all(d.met_on is None or d.met_on <= TODAY for d in deadlines)
        events = list(CaseEvent.select().where(CaseEvent.case == case).order_by(CaseEvent.id))
        assert [e.at for e in events] == sorted(e.at for e in events), case.reference
        assert events[0].kind == "received" and events[0].at == case.received_at
    # Every letter (and satisfaction survey invitation) is in the outbox, dated when the case
    # says it was written.
    invited = {i.id: int(i.related_id) for i in Invitation.select() if i.related_type == "case_record"}
    for event in CaseEvent.select().where(CaseEvent.outbox_id.is_null(False)):
        letter = OutboxMessage.get_by_id(event.outbox_id)
        if letter.related_type == "survey_invitation":
            assert invited[letter.related_id] == event.case_id
        else:
            assert (letter.related_type, letter.related_id) == ("case_record", event.case_id)
        assert letter.created_at == event.at
    # The resident's /track timeline ends where the case is.
    planned = {(item["received_at"], item["text"]): item["status"] for item in data["items"]}
    for item in FeedbackItem.select():
        assert item.status == planned[(item.received_at, item.text)]
        changes = list(FeedbackStatusChange.select().where(FeedbackStatusChange.item == item)
                       .order_by(FeedbackStatusChange.id))
        if services.case_of(item) is not None:
            assert changes[-1].status == item.status, item.reference
            assert [c.at for c in changes] == sorted(c.at for c in changes)
            assert (item.acknowledged_at is not None) == any(
                c.status == "acknowledged" for c in changes)


def test_seeding_again_replaces_the_casework_without_duplicates(app, casework_hook):
    first = seed_demo(today=TODAY)
    counts = (Case.select().count(), CaseEvent.select().count(), OutboxMessage.select().count())
    again = seed_demo(force=True, today=TODAY)
    assert again.cases == first.cases
    assert (Case.select().count(), CaseEvent.select().count(),
            OutboxMessage.select().count()) == counts
    cases = {c.id for c in Case.select()}
    assert not OutboxMessage.select().where(OutboxMessage.related_type == "case_record",
                                            OutboxMessage.related_id.not_in(cases)).exists()


@pytest.mark.seeded
def test_reseeding_keeps_a_demo_officer_who_worked_a_real_case(app, seeded):
    officer = User.get(User.email == "officer1@demo.heard.invalid")
    real = services.open_case(create_feedback(text="A real complaint about the real road."))
    stages.acknowledge(real, actor=officer, send_letter=False)

    seed_demo(force=True, today=TODAY)  # the timeline is append-only: nothing to set NULL

    kept = User.get_by_id(officer.id)
    assert kept.is_demo and kept.active and verify_password(kept.password_hash,
                                                            "heard-demo-complaints-officer")
    assert len(kept.service_ids()) == 6
    event = CaseEvent.get(CaseEvent.case == real, CaseEvent.kind == "acknowledged")
    assert event.actor_id == officer.id
    assert Case.get_by_id(real.id).is_demo is False
    assert User.select().where(User.email == officer.email).count() == 1
