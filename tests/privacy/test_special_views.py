"""Every look at a special-category case's words is audited with who, when and why: its page,
and its feedback on the item page."""
import json

import pytest

from app.audit.models import AuditEvent
from app.cases import services as cases
from app.cases.models import Case
from tests.factories import create_feedback, create_person, create_user
from tests.web import sign_in

PASSWORD = "a long test password"


@pytest.fixture
def special_case(app):
    item = create_feedback(person=create_person(), text="My carer was not told about my dementia.")
    case = cases.open_case(item)
    Case.update(special_category=True).where(Case.id == case.id).execute()
    return case, item


def test_views_of_a_special_category_case_record_who_when_and_why(app, client, special_case):
    case, item = special_case
    officer = create_user("complaints_officer", password=PASSWORD)
    sign_in(client, officer.email, PASSWORD)
    assert client.get(f"/staff/cases/{case.id}").status_code == 200
    assert client.get(f"/staff/feedback/{item.id}").status_code == 200
    views = list(AuditEvent.select().where(AuditEvent.action == "case.viewed", AuditEvent.object_id == str(case.id))
                 .order_by(AuditEvent.id))
    assert len(views) == 2
    for event in views:
        details = json.loads(event.details)
        assert event.actor_id == officer.id and event.at is not None
        assert details["special_category"] is True and details["purpose"] == "handling the complaint"
        assert "dementia" not in event.summary + event.details
    assert json.loads(views[1].details)["page"].startswith(f"feedback {item.reference}")
