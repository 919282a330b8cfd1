"""The route inventory: every staff page is guarded on the server, and names its roles."""
import re
from urllib.parse import urlparse

import pytest

from app.auth.roles import ADMINISTRATOR, ALL_ROLES
from tests.factories import create_user
from tests.web import csrf_token, h1_count, sign_in, title_starts_with_h1

PASSWORD = "correct horse battery staple"
OPEN = {"/staff/login", "/staff/logout"}
NON_ADMIN_ROLES = [role for role in ALL_ROLES if role != ADMINISTRATOR]


def staff_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if (rule.rule == "/staff" or rule.rule.startswith("/staff/")) and rule.rule not in OPEN]


def admin_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith("admin.") and "GET" in rule.methods]


def path_for(rule, value=1):
    """The rule's path with every argument filled in (a user id, for the admin pages)."""
    return re.sub(r"<[^>]+>", str(value), rule.rule)


def signed_in(app, role):
    user = create_user(role=role, password=PASSWORD,
                       services=["highways"] if role == "service_lead" else ())
    client = app.test_client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    return client


def test_the_inventory_sees_the_admin_pages(app):
    endpoints = {rule.endpoint for rule in admin_rules(app)}
    assert {"admin.users", "admin.new_user", "admin.edit_user", "admin.deactivate_user",
            "admin.reactivate_user", "admin.reset_password", "admin.audit_log"} <= endpoints


def test_every_staff_view_names_the_roles_it_allows(app):
    missing = sorted(rule.endpoint for rule in staff_rules(app)
                     if not getattr(app.view_functions[rule.endpoint], "allowed_roles", None))
    assert not missing, f"views without @roles_required: {missing}"


def test_anonymous_visitors_are_sent_to_sign_in(app, client):
    wrong = []
    for rule in staff_rules(app):
        path = path_for(rule)
        if "GET" in rule.methods:
            response = client.get(path)
        else:  # a POST-only action: with a valid CSRF token, so the role check is what answers
            response = client.post(path, data={"csrf_token": csrf_token(client, "/staff/login")})
        location = urlparse(response.headers.get("Location", "")).path
        if response.status_code != 302 or location != "/staff/login":
            wrong.append(f"{rule.rule}: {response.status_code} {location}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_admin_pages_are_forbidden_to_other_roles(app, role):
    target = create_user()
    client = signed_in(app, role)
    for rule in admin_rules(app):
        assert client.get(path_for(rule, target.id)).status_code == 403, (role, rule.rule)


def test_admin_pages_open_for_administrators(app):
    target = create_user()
    client = signed_in(app, ADMINISTRATOR)
    for rule in admin_rules(app):
        assert client.get(path_for(rule, target.id)).status_code == 200, rule.rule


def test_every_page_has_one_h1_and_a_title_that_starts_with_it(app):
    client = signed_in(app, ADMINISTRATOR)
    checked, wrong = [], []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.arguments:
            continue
        response = client.get(rule.rule)
        if response.status_code >= 500:
            wrong.append(f"{rule.rule}: {response.status_code}")
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        checked.append(rule.rule)
        if h1_count(html) != 1:
            wrong.append(f"{rule.rule}: {h1_count(html)} <h1>s")
            continue
        ok, title, h1 = title_starts_with_h1(html)
        if not ok:
            wrong.append(f"{rule.rule}: title {title!r} does not start with {h1!r}")
    assert not wrong, "\n".join(wrong)
    assert {"/staff/admin/users", "/staff/admin/users/new", "/staff/admin/audit"} <= set(checked)
