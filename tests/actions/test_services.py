"""The rules of an action's life: what it needs, its statuses, and the audit entry of every change."""
import datetime
import json

import pytest

from app.actions import services
from app.actions.models import Action
from app.actions.services import ActionError
from app.audit.models import AuditEvent
from tests.factories import create_action, create_user, service


def audit_of(action):
    return list(AuditEvent.select().where((AuditEvent.object_type == "action")
                                          & (AuditEvent.object_id == str(action.id))).order_by(AuditEvent.id))


def test_dropping_needs_a_reason(app):
    action = create_action(status="agreed")
    with pytest.raises(ActionError, match="Enter why the action was dropped") as refused:
        services.change_status(action, "dropped", reason="  ", actor=create_user())
    assert refused.value.field == "dropped_reason"
    assert Action.get_by_id(action.id).status == "agreed"
    services.change_status(action, "dropped", reason="The route is being redesigned", actor=create_user())
    stored = Action.get_by_id(action.id)
    assert (stored.status, stored.dropped_reason) == ("dropped", "The route is being redesigned")


def test_done_records_when_and_reopening_clears_it(app):
    action = create_action(status="in_progress")
    at = datetime.datetime(2026, 3, 12, 15, 0)
    services.change_status(action, "done", actor=create_user(), at=at)
    assert Action.get_by_id(action.id).done_at == at
    services.change_status(action, "in_progress", actor=create_user())
    stored = Action.get_by_id(action.id)
    assert stored.status == "in_progress" and stored.done_at is None


def test_an_action_needs_a_title_a_service_and_an_owner_who_works_on_it(app):
    officer = create_user()
    with pytest.raises(ActionError, match="Enter a title"):
        services.create(actor=officer, title=" ", service=service("highways").id)
    with pytest.raises(ActionError, match="Choose the service"):
        services.create(actor=officer, title="Fix it", service=None)
    parking_lead = create_user("service_lead", services=["parking"])
    with pytest.raises(ActionError, match="Choose an owner who works on this service") as refused:
        services.create(actor=officer, title="Fix it", service=service("highways").id, owner=parking_lead.id)
    assert refused.value.field == "owner"
    retired = create_user()
    retired.active = False
    retired.save()
    with pytest.raises(ActionError, match="Choose an owner"):
        services.create(actor=officer, title="Fix it", service=service("highways").id, owner=retired.id)
    with pytest.raises(ActionError, match="real date"):
        services.create(actor=officer, title="Fix it", service=service("highways").id, due_on="31/02/2026")
    assert Action.select().count() == 0


def test_a_service_lead_works_only_in_their_own_services(app):
    lead = create_user("service_lead", services=["highways"])
    with pytest.raises(ActionError, match="Choose one of your services"):
        services.create(actor=lead, title="Fix it", service=service("parking").id)
    action = services.create(actor=lead, title="Fix it", service=service("highways").id, owner=lead.id)
    assert action.owner_id == lead.id
    with pytest.raises(ActionError, match="Choose one of your services"):
        services.edit(action, actor=lead, service=service("parking").id)


def test_every_change_is_audited_naming_what_changed_but_no_words(app):
    officer = create_user()
    action = create_action(actor=officer, description="Residents said the crew skips Mill Lane")
    changed = services.edit(action, actor=officer, title="New crew route", due_on=datetime.date(2026, 6, 30),
                            description="Residents said the crew skips Mill Lane")
    assert changed == ["title", "due_on"]
    services.change_status(action, "agreed", actor=officer)
    events = audit_of(action)
    assert [e.action for e in events] == ["action.created", "action.edited", "action.status_changed"]
    assert events[1].summary == f"Action {action.id}: changed the title and due date"
    assert json.loads(events[1].details)["changed"] == ["title", "due_on"]
    assert events[2].summary == f"Action {action.id}: Proposed to Agreed"
    assert all(e.actor_id == officer.id for e in events)
    for event in events:
        assert "Mill Lane" not in event.summary + event.details and "crew route" not in event.summary + event.details
    assert services.edit(action, actor=officer, title="New crew route") == []  # nothing changed, nothing audited
    assert len(audit_of(action)) == 3


def test_cases_and_themes_link_and_unlink_with_audit(app):
    from app.cases.models import CaseActionLink
    from app.learning.models import Topic
    from tests.cases.pages import new_case

    officer = create_user()
    case, _ = new_case(service_slug="waste-recycling")
    action = create_action(actor=officer)
    services.link_case(action, case.reference.lower(), actor=officer)
    with pytest.raises(ActionError, match="already linked"):
        services.link_case(action, case.reference, actor=officer)
    with pytest.raises(ActionError, match="reference of a case you can see"):
        services.link_case(action, "HRD-2026-999999", actor=officer)
    delay = Topic.get(Topic.key == "delay")
    with pytest.raises(ActionError, match="on or after"):
        services.add_theme(action, delay.id, datetime.date(2026, 2, 1), datetime.date(2026, 1, 1), actor=officer)
    theme = services.add_theme(action, delay.id, datetime.date(2026, 1, 1), datetime.date(2026, 1, 31), actor=officer)
    services.unlink_case(action, case.id, actor=officer)
    services.remove_theme(action, theme.id, actor=officer)
    assert not CaseActionLink.select().where(CaseActionLink.action == action).exists()
    assert [e.summary for e in audit_of(action)][1:] == [
        f"Action {action.id}: case {case.reference} linked",
        f"Action {action.id}: theme Delay (2026-01-01 to 2026-01-31) added",
        f"Action {action.id}: case {case.reference} unlinked",
        f"Action {action.id}: theme Delay removed"]
