"""Assignment by hand and round-robin within a service team, and the triage services."""
import datetime

import pytest

from app.audit.models import AuditEvent
from app.cases import assignment
from app.cases.assignment import AssignmentError
from app.cases.models import AssignmentCursor, Case, CaseEvent
from tests.cases.queue_helpers import make_case
from tests.factories import create_user, service

AT = datetime.datetime(2026, 3, 11, 10, 0)


@pytest.fixture
def team(app):
    """Three highways officers (by id), and staff who are not in the round."""
    members = [create_user("complaints_officer", services=["highways"]) for _ in range(3)]
    create_user("complaints_officer", services=["parking"])
    create_user("service_lead", services=["highways"])
    create_user("administrator", services=["highways"])
    gone = create_user("complaints_officer", services=["highways"])
    gone.active = False
    gone.save()
    return members


def events(case, kind):
    return list(CaseEvent.select().where(CaseEvent.case == case.id, CaseEvent.kind == kind)
                .order_by(CaseEvent.id))


def test_the_team_is_the_services_active_complaints_officers(team):
    assert [u.id for u in assignment.team(service("highways").id)] == [u.id for u in team]


def test_assign_by_hand_records_the_timeline_and_the_audit(app):
    officer, boss = create_user(), create_user("administrator")
    case = make_case()
    assert assignment.assign(case, officer, actor=boss, at=AT) is True
    assert Case.get_by_id(case.id).assigned_to_id == officer.id
    [event] = events(case, "assigned")
    assert event.summary == f"Assigned to {officer.name}" and event.actor_id == boss.id and event.at == AT
    audit = AuditEvent.get(AuditEvent.action == "case.assigned")
    assert audit.object_id == str(case.id) and audit.actor_id == boss.id
    assert assignment.assign(case, officer, actor=boss) is False  # no change, no new event
    assert len(events(case, "assigned")) == 1
    assignment.assign(case, None, actor=boss)
    assert Case.get_by_id(case.id).assigned_to_id is None
    assert events(case, "assigned")[-1].summary == "Unassigned"


@pytest.mark.parametrize("role", ["analyst", "service_lead", "panel_facilitator"])
def test_only_officers_and_administrators_take_cases(app, role):
    with pytest.raises(AssignmentError):
        assignment.assign(make_case(), create_user(role))


def test_inactive_staff_take_no_cases(app):
    officer = create_user()
    officer.active = False
    officer.save()
    with pytest.raises(AssignmentError):
        assignment.assign(make_case(), officer)


def test_closed_cases_are_not_reassigned(app):
    with pytest.raises(AssignmentError, match="closed"):
        assignment.assign(make_case(status="closed"), create_user())


def test_round_robin_takes_turns_in_id_order_and_wraps(team):
    cases = [make_case() for _ in range(5)]
    given = [assignment.round_robin(case, at=AT).id for case in cases]
    ids = [u.id for u in team]
    assert given == ids + ids[:2]
    assert [Case.get_by_id(c.id).assigned_to_id for c in cases] == given
    assert events(cases[0], "assigned")[0].summary.endswith("(round-robin)")
    assert AssignmentCursor.get(AssignmentCursor.service == service("highways").id).last_user_id == ids[1]


def test_each_service_keeps_its_own_turn(team):
    create_user("complaints_officer", services=["parking"])
    parking_team = [u.id for u in assignment.team(service("parking").id)]
    assert len(parking_team) == 2
    assert assignment.round_robin(make_case()).id == team[0].id
    assert assignment.round_robin(make_case(service_slug="parking")).id == parking_team[0]
    assert assignment.round_robin(make_case()).id == team[1].id
    assert assignment.round_robin(make_case(service_slug="parking")).id == parking_team[1]


def test_a_newcomer_joins_the_round_and_a_leaver_leaves_it(team):
    assignment.round_robin(make_case())  # team[0]
    team[1].active = False
    team[1].save()
    assert assignment.round_robin(make_case()).id == team[2].id
    newcomer = create_user("complaints_officer", services=["highways"])
    assert assignment.round_robin(make_case()).id == newcomer.id
    assert assignment.round_robin(make_case()).id == team[0].id


def test_round_robin_needs_a_service_with_a_team(app):
    with pytest.raises(AssignmentError, match="no service"):
        assignment.round_robin(make_case(service_slug=None))
    with pytest.raises(AssignmentError, match="No active complaints officers"):
        assignment.round_robin(make_case(service_slug="libraries"))


def test_a_moved_cursor_is_not_given_out_twice(team):
    """Compare-and-set: the turn goes to whoever the cursor says, even if it moved meanwhile."""
    service_id = service("highways").id
    assert assignment.next_in_team(service_id).id == team[0].id
    AssignmentCursor.update(last_user_id=team[1].id).execute()  # another officer took a turn
    assert assignment.next_in_team(service_id).id == team[2].id


def test_set_service_and_urgency(app):
    officer, case = create_user(), make_case()
    libraries = service("libraries")
    assert assignment.set_service(case, libraries, actor=officer, at=AT) is True
    assert assignment.set_service(case, libraries, actor=officer) is False
    assert Case.get_by_id(case.id).service_id == libraries.id
    assert events(case, "service_changed")[0].summary == "Moved to Libraries"
    assert assignment.set_urgent(case, True, actor=officer) is True
    assert assignment.set_urgent(case, True, actor=officer) is False
    assert Case.get_by_id(case.id).urgent
    assignment.set_urgent(case, False, actor=officer)
    assert [e.summary for e in events(case, "urgency")] == ["Marked as urgent", "Marked as not urgent"]
    assert {a.action for a in AuditEvent.select()} >= {"case.service_changed", "case.urgency_changed"}


def test_bulk_changes_what_it_can_and_says_what_it_skipped(team):
    open_one, closed, elsewhere = make_case(), make_case(status="closed"), make_case(service_slug="libraries")
    result = assignment.bulk([open_one, closed, elsewhere], "round_robin", actor=team[0], at=AT)
    assert result.changed == [open_one.reference]
    assert [reference for reference, _ in result.skipped] == [closed.reference, elsewhere.reference]
    result = assignment.bulk([open_one, elsewhere], "assign", user=team[2], actor=team[0])
    assert result.changed == [open_one.reference, elsewhere.reference] and not result.skipped
    with pytest.raises(ValueError):
        assignment.bulk([open_one], "delete")
