"""The contact centre adviser: this form and the single view in it, their account, and no case
pages, feedback pages or reports (the matrix refuses them everything else)."""
from app.access_matrix import MATRIX
from app.auth.roles import CONTACT_ADVISER, ROLES
from app.cases.services import case_of
from tests.contacts.helpers import signed_in
from tests.factories import create_feedback


def test_the_role_has_a_label_and_only_all_staff_pages():
    assert ROLES[CONTACT_ADVISER] == "Contact centre adviser"
    allowed = sorted(e for e, roles in MATRIX.items() if CONTACT_ADVISER in roles)
    assert "contacts.new" in allowed and "contacts.lookup" in allowed
    assert not [e for e in allowed if e.split(".")[0] in ("cases", "case_actions", "people", "feedback_staff",
                                                         "dashboard", "admin", "mail", "inbox")]


def test_an_adviser_is_refused_case_feedback_and_report_pages(app):
    item = create_feedback()
    case = case_of(item)
    client = signed_in(app)
    for path in (f"/staff/cases/{case.id}", "/staff/cases", f"/staff/people/{item.person_id}",
                 f"/staff/feedback/{item.id}", "/staff/dashboard", "/staff/admin/users"):
        assert client.get(path).status_code == 403, path
    assert client.get("/staff/").status_code == 200
    assert client.get("/staff/contacts/new").status_code == 200
