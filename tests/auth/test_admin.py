import re

import pytest

from app.audit.models import AuditEvent
from app.auth import services
from app.auth.models import StaffSession, User
from tests.factories import create_user, service
from tests.web import h1_count, sign_in, submit, title_starts_with_h1

PASSWORD = "correct horse battery staple"
NEW = "/staff/admin/users/new"
ONE_TIME = re.compile(r'<strong id="one-time-password">([^<]+)</strong>')


@pytest.fixture
def admin(client):
    user = create_user(role="administrator", password=PASSWORD, name="Ada Admin")
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    return user


def signed_in_client(app, user, password=PASSWORD):
    other = app.test_client()
    assert sign_in(other, user.email, password).status_code == 302
    assert other.get("/staff/").status_code == 200
    return other


def new_staff(client, **fields):
    data = {"name": "Sam Jones", "email": "sam.jones@test.invalid", "role": "complaints_officer"}
    data.update(fields)
    return submit(client, NEW, data)


def assert_page_shape(html, error=False):
    assert h1_count(html) == 1
    ok, title, h1 = title_starts_with_h1(html)
    assert ok, (title, h1)
    assert title.startswith("Error: ") == error


def test_administrator_lists_staff(client, admin):
    create_user(role="service_lead", name="Lee Lead", services=["highways", "parking"])
    gone = create_user(name="Gail Gone")
    services.deactivate(gone, actor=admin)
    create_user(name="Nina New", must_change_password=True)
    response = client.get("/staff/admin/users")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert_page_shape(html)
    for text in ("Ada Admin", admin.email, "Lee Lead", "Service lead", "Highways, Parking",
                 "Gail Gone", "Deactivated", "Nina New", "Must change password", "Never signed in",
                 'href="/staff/admin/users/new"', "Add a member of staff"):
        assert text in html
    # The administrator's own sign-in time, in London time.
    from app.timefmt import london
    assert london(User.get_by_id(admin.id).last_login_at) in html


def test_create_shows_a_one_time_password_once_and_it_must_be_changed(app, client, admin):
    highways = service("highways")
    response = new_staff(client, role="service_lead", services=[highways.id])
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert_page_shape(html)
    assert "Account created" in html and "must change it" in html
    password = ONE_TIME.search(html).group(1)
    user = User.get(User.email == "sam.jones@test.invalid")
    assert user.role == "service_lead" and user.service_ids() == {highways.id}
    assert user.must_change_password and password not in user.password_hash
    # Shown once: nowhere else, and never in the audit log.
    for url in ("/staff/admin/users", f"/staff/admin/users/{user.id}", "/staff/admin/audit"):
        assert password not in client.get(url).get_data(as_text=True)
    event = AuditEvent.get(AuditEvent.action == "staff.created", AuditEvent.object_id == str(user.id))
    assert event.actor_id == admin.id
    assert not AuditEvent.select().where(AuditEvent.summary.contains(password)
                                         | AuditEvent.details.contains(password)).exists()
    # The new member of staff signs in with it and must change it first.
    theirs = app.test_client()
    assert sign_in(theirs, "sam.jones@test.invalid", password).status_code == 302
    response = theirs.get("/staff/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/password")


def test_duplicate_email_is_a_field_error_and_keeps_what_was_typed(client, admin):
    create_user(email="taken@test.invalid")
    parking = service("parking")
    response = new_staff(client, email="Taken@test.invalid", name="Sam Jones", role="analyst",
                         services=[parking.id])
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert_page_shape(html, error=True)
    assert '<a href="#email">There is already an account with this email address</a>' in html
    assert 'id="email-error"' in html
    assert 'value="Sam Jones"' in html and 'value="Taken@test.invalid"' in html
    assert re.search(r'value="analyst"\s*checked', html)
    assert re.search(rf'value="{parking.id}"\s*checked', html)
    assert User.select().where(User.email == "taken@test.invalid").count() == 1


def test_a_service_lead_needs_services(client, admin):
    response = new_staff(client, role="service_lead")
    html = response.get_data(as_text=True)
    assert_page_shape(html, error=True)
    assert '<a href="#services">Select the services this service lead is responsible for</a>' in html
    assert re.search(r'value="service_lead"\s*checked', html)
    assert not User.select().where(User.email == "sam.jones@test.invalid").exists()


def test_empty_form_explains_every_problem(client, admin):
    html = submit(client, NEW, {}).get_data(as_text=True)
    for message in ("Enter their full name", "Enter their email address", "Select a role"):
        assert message in html


def test_edit_role_and_services(client, admin):
    user = create_user(name="Olly Officer")
    url = f"/staff/admin/users/{user.id}"
    html = client.get(url).get_data(as_text=True)
    assert_page_shape(html)
    assert "Olly Officer" in html and re.search(r'value="complaints_officer"\s*checked', html)
    refused = submit(client, url, {"role": "service_lead"}).get_data(as_text=True)
    assert "Select the services this service lead is responsible for" in refused
    assert User.get_by_id(user.id).role == "complaints_officer"
    ids = [service("highways").id, service("parking").id]
    response = submit(client, url, {"role": "service_lead", "services": ids})
    assert response.status_code == 302 and response.headers["Location"].endswith(url)
    user = User.get_by_id(user.id)
    assert user.role == "service_lead" and user.service_ids() == set(ids)
    event = AuditEvent.get(AuditEvent.action == "staff.access_changed")
    assert event.actor_id == admin.id and event.object_id == str(user.id)
    assert "Service lead" in event.summary and "Highways" in event.summary
    html = client.get(url).get_data(as_text=True)
    assert "role and services have been updated" in html and "Highways, Parking" in html


def test_deactivation_ends_their_sessions(app, client, admin):
    victim = create_user(password=PASSWORD)
    theirs = signed_in_client(app, victim)
    url = f"/staff/admin/users/{victim.id}/deactivate"
    html = client.get(url).get_data(as_text=True)
    assert_page_shape(html)
    response = submit(client, url, {})
    assert response.status_code == 302
    assert not User.get_by_id(victim.id).active
    assert not StaffSession.select().where(StaffSession.user == victim).exists()
    response = theirs.get("/staff/")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    assert sign_in(app.test_client(), victim.email, PASSWORD).status_code == 200  # refused
    assert AuditEvent.get(AuditEvent.action == "staff.deactivated").actor_id == admin.id
    assert "Deactivated" in client.get(f"/staff/admin/users/{victim.id}").get_data(as_text=True)
    # Reactivation lets them back in.
    assert submit(client, f"/staff/admin/users/{victim.id}/reactivate", {}).status_code == 302
    assert User.get_by_id(victim.id).active
    signed_in_client(app, victim)


def test_an_administrator_cannot_deactivate_or_demote_themselves(client, admin):
    response = submit(client, f"/staff/admin/users/{admin.id}/deactivate", {})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert_page_shape(html, error=True)
    assert "You cannot deactivate your own account" in html
    html = submit(client, f"/staff/admin/users/{admin.id}", {"role": "analyst"}).get_data(as_text=True)
    assert '<a href="#role">You cannot remove your own administrator role</a>' in html
    admin = User.get_by_id(admin.id)
    assert admin.active and admin.role == "administrator"
    assert client.get("/staff/admin/users").status_code == 200


def test_the_last_active_administrator_can_never_be_deactivated_or_demoted(client, admin):
    other = create_user(role="administrator")
    assert submit(client, f"/staff/admin/users/{other.id}/deactivate", {}).status_code == 302
    # Now `admin` is the only active administrator, whoever asks.
    with pytest.raises(services.AccountError, match="at least one active administrator"):
        services.deactivate(admin, actor=None)
    with pytest.raises(services.AccountError, match="at least one active administrator"):
        services.update_access(admin, "analyst", [], actor=other)
    admin = User.get_by_id(admin.id)
    assert admin.active and admin.role == "administrator"
    # A deactivated administrator may be demoted; other staff are unaffected.
    assert services.update_access(other, "analyst", [], actor=admin)
    assert services.deactivate(create_user(), actor=None)


def test_reset_password(app, client, admin):
    victim = create_user(password=PASSWORD)
    theirs = signed_in_client(app, victim)
    url = f"/staff/admin/users/{victim.id}/reset-password"
    assert_page_shape(client.get(url).get_data(as_text=True))
    response = submit(client, url, {})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Password reset" in html
    assert response.headers["Cache-Control"] == "no-store"
    password = ONE_TIME.search(html).group(1)
    assert theirs.get("/staff/").status_code == 302
    assert sign_in(app.test_client(), victim.email, PASSWORD).status_code == 200  # old one refused
    fresh = app.test_client()
    assert sign_in(fresh, victim.email, password).status_code == 302
    assert fresh.get("/staff/").headers["Location"].endswith("/staff/password")
    event = AuditEvent.get(AuditEvent.action == "staff.password_reset")
    assert event.actor_id == admin.id and password not in event.summary + event.details
    # Not for your own account: that is "Change your password".
    own = submit(client, f"/staff/admin/users/{admin.id}/reset-password", {}).get_data(as_text=True)
    assert "You cannot reset your own password here" in own


def test_audit_page_shows_and_filters_events(client, admin):
    create_user(name="Audited Person")
    html = client.get("/staff/admin/audit").get_data(as_text=True)
    assert_page_shape(html)
    cells = re.findall(r'<td class="govuk-table__cell[^"]*">([^<]*)</td>', html)
    assert "staff.created" in cells and "staff.signed_in" in cells
    assert admin.email in cells
    html = client.get("/staff/admin/audit?action=staff.created").get_data(as_text=True)
    cells = re.findall(r'<td class="govuk-table__cell[^"]*">([^<]*)</td>', html)
    assert "staff.created" in cells and "staff.signed_in" not in cells
    assert re.search(r'value="staff.created" selected', html)
    # An unknown action is ignored, not an error.
    response = client.get("/staff/admin/audit?action=%3Cscript%3E")
    assert response.status_code == 200 and "<script>" not in response.get_data(as_text=True)


def test_audit_page_holds_at_most_200_events(client, admin):
    from app.audit.services import record

    for n in range(210):
        record("test.noise", summary=f"noise {n}")
    html = client.get("/staff/admin/audit").get_data(as_text=True)
    assert html.count('<tr class="govuk-table__row">') == 201  # the header row and 200 events


def test_hostile_input(client, admin):
    long = new_staff(client, name="x" * 10_000).get_data(as_text=True)
    assert "Full name must be 200 characters or fewer" in long
    assert not User.select().where(User.email == "sam.jones@test.invalid").exists()
    tampered = new_staff(client, role="superuser", services=["abc"]).get_data(as_text=True)
    assert "Select a role" in tampered and "Select services from the list" in tampered
    assert "Select services from the list" in new_staff(client, services=["99999"]).get_data(as_text=True)

    created = new_staff(client, name="<script>alert(1)</script>").get_data(as_text=True)
    assert "Account created" in created
    for html in (created, client.get("/staff/admin/users").get_data(as_text=True)):
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    for path in ("/staff/admin/users/99999", "/staff/admin/users/99999/deactivate",
                 "/staff/admin/users/99999/reset-password", "/staff/admin/users/abc",
                 "/staff/admin/users/1.5", "/staff/admin/users/-1"):
        assert client.get(path).status_code == 404, path
    # Without the CSRF token nothing changes.
    victim = create_user()
    assert client.post(f"/staff/admin/users/{victim.id}/deactivate").status_code == 400
    assert User.get_by_id(victim.id).active
