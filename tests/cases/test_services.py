"""Cases and their items: every complaint opens one (the intake hook, and the sweep behind it),
converting comments and service requests, linking, merging, splitting, notes and calls, what
arrives later (email replies, /track, safeguarding flags), and the append-only timeline."""
import datetime
import json

import peewee
import pytest

from app.audit.models import AuditEvent
from app.cases import intake, services, stages, tasks, timeline
from app.cases.models import Case, CaseEvent, CaseItem, CaseStage
from app.cases.rules import CaseError
from app.db import db
from app.feedback import hooks
from app.feedback.models import FeedbackItem
from app.queue import run_sweeps
from tests.factories import create_feedback, create_person, create_user

MONDAY = datetime.datetime(2026, 3, 2, 10, 0)  # Monday 2 March 2026, 10am UTC (GMT)


@pytest.fixture
def officer(app):
    return create_user("complaints_officer")


def _kinds(case):
    return [event.kind for event in timeline.events(case)]


def _audit(action):
    return list(AuditEvent.select().where(AuditEvent.action == action))


def test_a_complaint_opens_its_case_with_the_items_reference_and_the_clock_running(app):
    item = create_feedback(received_at=MONDAY)
    case = services.case_of(item)
    assert case is not None and case.reference == item.reference
    assert (case.kind, case.status, case.stage, case.person_id) == ("complaint", "open", 1, item.person_id)
    assert case.service_id == item.service_id and case.received_at == MONDAY
    assert CaseStage.get(CaseStage.case == case).started_at == MONDAY
    assert _kinds(case) == ["received"]
    assert (case.next_due_on, case.next_due_what) == (datetime.datetime(2026, 3, 9), "acknowledge")
    [opened] = _audit("case.opened")
    assert json.loads(opened.details) == {"item_id": item.id, "kind": "complaint", "urgent": False}


def test_opening_twice_gives_the_same_case(app):
    item = create_feedback()
    first = services.case_of(item)
    assert services.open_case(item).id == first.id
    assert intake.open_for_item(item.id).id == first.id
    assert Case.select().count() == 1 and CaseEvent.select().count() == 1


def test_compliments_and_comments_open_no_case_but_service_requests_are_logged(app):
    assert services.case_of(create_feedback(kind="compliment")) is None
    assert services.case_of(create_feedback(kind="comment")) is None
    request = create_feedback(kind="service_request")
    assert services.case_of(request) is None  # the hook opens complaints only
    case = services.open_case(request)
    assert case.kind == "service_request" and case.next_due_on is None
    with pytest.raises(CaseError, match="does not open a case"):
        services.open_case(create_feedback(kind="compliment"))


def test_the_sweep_opens_cases_for_complaints_that_missed_the_hook(app):
    hooks.feedback_recorded.disconnect(tasks.enqueue_open)
    items = [create_feedback() for _ in range(3)]
    create_feedback(kind="comment")
    assert intake.complaints_without_case() == [item.id for item in items]
    assert run_sweeps()["cases.open"] == 3
    assert all(services.case_of(item) is not None for item in items)
    assert run_sweeps()["cases.open"] == 0
    assert Case.select().count() == 3


def test_a_comment_becomes_a_complaint_counted_from_when_it_arrived(app, officer):
    item = create_feedback(kind="comment", received_at=MONDAY)
    case = services.make_complaint(item, actor=officer, at=MONDAY + datetime.timedelta(days=3))
    assert FeedbackItem.get_by_id(item.id).kind == "complaint"
    assert case.kind == "complaint" and case.received_at == MONDAY
    assert _kinds(case) == ["received", "converted"]
    assert timeline.latest(case, "converted").summary == "Changed from a comment to a complaint"
    assert Case.get_by_id(case.id).next_due_on == datetime.datetime(2026, 3, 9)
    with pytest.raises(CaseError, match="already part of the complaint"):
        services.make_complaint(item)


def test_a_complaint_logged_as_a_service_request_leaves_the_clocks_and_can_come_back(app, officer):
    item = create_feedback()
    case = services.case_of(item)
    with pytest.raises(CaseError, match="why this is a service request"):
        services.make_service_request(case, "  ")
    services.make_service_request(case, "They are asking for a bin, not complaining", actor=officer)
    case = Case.get_by_id(case.id)
    assert case.kind == "service_request" and case.next_due_on is None and case.next_due_what == ""
    assert FeedbackItem.get_by_id(item.id).kind == "service_request"
    with pytest.raises(CaseError, match="not on the complaint clocks"):
        stages.acknowledge(case, actor=officer)
    services.add_note(case, "Passed to the waste team", actor=officer)  # still logged
    back = services.make_complaint(item, actor=officer)
    assert back.id == case.id and Case.get_by_id(case.id).kind == "complaint"
    assert FeedbackItem.get_by_id(item.id).kind == "complaint"
    assert Case.get_by_id(case.id).next_due_what == "acknowledge"
    assert [e.summary for e in timeline.events(case, ["converted"])] == [
        "Changed from a complaint to a service request", "Changed from a service request to a complaint"]


def test_linking_an_item_from_the_same_resident(app, officer):
    person = create_person()
    case = services.case_of(create_feedback(person=person))
    comment = create_feedback(kind="comment", person=person, text="And the road is still flooded")
    services.link_item(case, comment, reason="Same flooding", actor=officer)
    assert sorted(timeline.item_ids(case)) == sorted([comment.id, timeline.item_ids(case)[0]])
    assert timeline.latest(case, "linked").item_id == comment.id
    with pytest.raises(CaseError, match="already part of this case"):
        services.link_item(case, comment)
    other = services.case_of(create_feedback(person=person, service_slug="parking"))
    with pytest.raises(CaseError, match=f"already part of case {other.reference}. Merge"):
        services.link_item(case, FeedbackItem.get_by_id(timeline.item_ids(other)[0]))


def test_merging_moves_the_items_and_keeps_both_histories(app, officer):
    person = create_person()
    target = services.case_of(create_feedback(person=person))
    source = services.case_of(create_feedback(person=person, support_needs="accessibility",
                                              service_slug="street-lighting"))
    assert source.special_category
    services.merge(source, target, "The same pothole, reported twice", actor=officer)
    source, target = Case.get_by_id(source.id), Case.get_by_id(target.id)
    assert (source.status, source.merged_into_id, source.next_due_on) == ("merged", target.id, None)
    assert len(timeline.item_ids(target)) == 2 and timeline.item_ids(source) == []
    assert target.special_category
    assert timeline.latest(source, "merged").summary == f"Merged into {target.reference}"
    assert timeline.latest(target, "merged").summary == f"{source.reference} merged into this case (1 item)"
    with pytest.raises(CaseError, match=f"merged into {target.reference}"):
        services.add_note(source, "too late")
    with pytest.raises(CaseError, match="different case"):
        services.merge(target, target, "no")


def test_a_second_complaint_from_the_same_resident_about_the_same_service_joins_the_open_case(app):
    person = create_person()
    case = services.case_of(create_feedback(person=person))
    again = create_feedback(person=person, text="Still nobody has fixed the pothole")
    assert services.case_of(again).id == case.id and Case.select().count() == 1
    assert timeline.latest(case, "linked").body == intake.JOINED_REASON
    # another service, another resident, or an anonymous complaint: cases of their own
    assert services.case_of(create_feedback(person=person, service_slug="parking")).id != case.id
    assert services.case_of(create_feedback()).id != case.id
    assert services.case_of(create_feedback(anonymous=True)).id != case.id
    # once the case is closed, the next complaint opens a new one
    Case.update(status="closed").where(Case.id == case.id).execute()
    assert services.case_of(create_feedback(person=person)).id != case.id


def test_splitting_off_an_item_makes_a_case_with_its_own_reference_and_clock(app, officer):
    person = create_person()
    first = create_feedback(person=person, received_at=MONDAY)
    case = services.case_of(first)
    later = create_feedback(kind="comment", person=person, text="Also my bin", received_at=MONDAY
                            + datetime.timedelta(days=2))
    services.link_item(case, later, actor=officer)
    with pytest.raises(CaseError, match="Leave at least one item"):
        services.split(case, [first.id, later.id], "no", actor=officer)
    with pytest.raises(CaseError, match="part of this case"):
        services.split(case, [999999], "no", actor=officer)
    new = services.split(case, [later.id], "A different problem", actor=officer)
    assert new.reference == later.reference and new.received_at == later.received_at
    assert timeline.item_ids(new) == [later.id] and timeline.item_ids(case) == [first.id]
    assert _kinds(new) == ["received", "split"]
    assert timeline.latest(case, "split").summary == f"1 item split off into {new.reference}"
    assert Case.get_by_id(new.id).next_due_on == datetime.datetime(2026, 3, 11)


def test_splitting_off_the_opening_item_gets_a_fresh_reference(app, officer):
    person = create_person()
    first = create_feedback(person=person)
    case = services.case_of(first)
    services.link_item(case, create_feedback(kind="comment", person=person), actor=officer)
    new = services.split(case, [first.id], "Split the other way", actor=officer)
    assert new.reference != case.reference and new.reference.startswith("HRD-")


def test_notes_and_calls_go_on_the_timeline_and_not_in_the_audit_log(app, officer):
    case = services.case_of(create_feedback())
    services.add_note(case, "Spoke to the highways team about Mrs Smith's drive", actor=officer)
    services.log_call(case, "She said the hole is 30cm deep", actor=officer)
    note, call = timeline.events(case, ["note", "call"])
    assert (note.body, note.actor_id, call.kind) == ("Spoke to the highways team about Mrs Smith's drive",
                                                     officer.id, "call")
    logged = AuditEvent.select().where(AuditEvent.action.in_(["case.note_added", "case.call_added"]))
    assert [(e.actor_id, "Smith" in e.summary + e.details, "30cm" in e.details) for e in logged] == [
        (officer.id, False, False)] * 2
    with pytest.raises(CaseError, match="Enter the note"):
        services.add_note(case, " ")


def test_an_email_reply_and_a_track_update_join_the_case_timeline_once(app):
    from app.feedback.tracking import add_more_information
    from app.inbox.services import receive

    person = create_person(email="resident@example.com")
    item = create_feedback(person=person)
    case = services.case_of(item)
    raw = (f"From: Resident <resident@example.com>\r\nTo: feedback@example.gov.uk\r\n"
           f"Subject: Re: {item.reference}\r\nMessage-ID: <reply-1@example.com>\r\n\r\n"
           f"Here are the photos you asked for.\r\n").encode()
    with app.app_context():
        result = receive(raw, "test")
        add_more_information(item, "The hole is bigger now")
    assert result.outcome == "appended"
    email, web = timeline.events(case, ["email_in"])
    assert (email.summary, email.inbound_id, email.item_id) == ("Email from the resident", result.inbound_id,
                                                                item.id)
    assert "photos you asked for" in email.body
    assert (web.summary, web.body) == ("The resident added information on the tracking page",
                                       "The hole is bigger now")
    from app.feedback.models import FeedbackUpdate

    for update in FeedbackUpdate.select():
        assert intake.record_update(update.id) is None  # already there
    assert len(timeline.events(case, ["email_in"])) == 2


def test_a_safeguarding_flag_marks_the_case_urgent_and_special_category(app):
    from app.learning import signals

    item = create_feedback(text="Nobody fixes anything and I want to end my life, I can't go on")
    case = services.case_of(item)
    assert not case.urgent
    flag = signals.assess_safeguarding(item)
    assert flag is not None
    case = Case.get_by_id(case.id)
    assert case.urgent and case.special_category
    assert timeline.latest(case, "urgency").summary == services.SAFEGUARDING_SUMMARY
    assert intake.mark_flagged(item.id) is None and intake.flagged_without_event() == []
    assert len(timeline.events(case, ["urgency"])) == 1


def test_a_flag_that_came_first_is_carried_when_the_case_opens(app):
    from app.learning import signals

    hooks.feedback_recorded.disconnect(tasks.enqueue_open)
    item = create_feedback(text="My child was left alone at the bus stop and the driver did nothing")
    assert signals.assess_safeguarding(item) is not None
    case = services.open_case(item)
    assert case.urgent and _kinds(case) == ["received", "urgency"]
    assert intake.flagged_without_event() == []


def test_support_needs_mark_a_case_special_category(app):
    case = services.case_of(create_feedback(support_needs="accessibility,interpreter"))
    assert case.special_category and not case.urgent
    assert not services.case_of(create_feedback(support_needs="interpreter")).special_category


def test_the_timeline_is_append_only_but_goes_with_its_whole_case(app):
    case = services.case_of(create_feedback())
    event = timeline.add(case, "note", body="first")
    with pytest.raises(peewee.DatabaseError), db.atomic():
        CaseEvent.update(body="rewritten").where(CaseEvent.id == event.id).execute()
    with pytest.raises(peewee.DatabaseError), db.atomic():
        CaseEvent.delete().where(CaseEvent.id == event.id).execute()
    assert CaseEvent.get_by_id(event.id).body == "first"
    CaseItem.delete().where(CaseItem.case == case).execute()
    Case.delete().where(Case.id == case.id).execute()
    assert CaseEvent.select().where(CaseEvent.case == case.id).count() == 0


def test_unknown_event_kinds_are_refused(app):
    case = services.case_of(create_feedback())
    with pytest.raises(ValueError):
        timeline.add(case, "gossip")
