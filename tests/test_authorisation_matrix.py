"""The one authorisation matrix (app/access_matrix.py), checked from the URL map.

Every route of the app is either a staff route in the matrix, a panel member's route or a
public page: a new route in none of them fails here. Each staff view's own `@roles_required`
names the matrix's roles. Then every staff route × method is requested as every kind of
visitor — anonymous, each staff role, a service lead of the case's service and of another, a
resident with a tracking session and a panel member — with the ids of an ordinary case and of a
special-category case: the status is the matrix's (sign in, 403, or the page), a case the
visitor may not see is a 404 wherever it is named, and its words never show where they must not.
"""
from urllib.parse import urlparse

import pytest

from app.access_matrix import MATRIX, OPEN
from app.auth.roles import (ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER, CONTACT_ADVISER, PANEL_FACILITATOR,
                            SERVICE_LEAD)
from app.cases import access
from tests.cases.test_access import csrf, fill, signed_in, staff_rules, world  # noqa: F401 (fixture)

MEMBER_PREFIX = "/panel/"
MEMBER_OPEN = ("panel_members.sign_in", "panel_members.follow_link", "panel_members.sign_in_sent",
               "panel_members.left")
PUBLIC_PREFIXES = ("/", "/accessibility", "/api/v1/", "/complaint/", "/complaints/", "/council.css", "/feedback", "/healthz",
                   "/panels", "/s/", "/static/", "/track", "/you-said-we-did/")
# Route arguments that name the case under test (or its feedback, updates, events, flag).
CASE_ARGUMENTS = ("case", "item", "update", "event", "flag")
LOOSE_WORDS = "Looseotterwhistle"  # a comment on no case, for the highways service
# Who may read a comment on no case: officers, analysts and the service's own lead.
LOOSE_READERS = {"administrator", "complaints officer", "service lead for the case's service", "analyst"}
VISITORS = [
    ("anonymous", None, ()),
    ("resident tracking their feedback", "resident", ()),
    ("panel member", "member", ()),
    ("administrator", ADMINISTRATOR, ()),
    ("complaints officer", COMPLAINTS_OFFICER, ()),
    ("service lead for the case's service", SERVICE_LEAD, ("highways",)),
    ("service lead for another service", SERVICE_LEAD, ("parking",)),
    ("analyst", ANALYST, ()),
    ("panel facilitator", PANEL_FACILITATOR, ()),
    ("contact centre adviser", CONTACT_ADVISER, ()),
]


def test_every_route_is_in_the_matrix_or_is_a_members_or_public_page(app):
    unknown = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/staff"):
            if rule.endpoint not in MATRIX and rule.endpoint not in OPEN:
                unknown.append(f"{rule.rule} ({rule.endpoint}): add it to app/access_matrix.py")
        elif not rule.rule.startswith(MEMBER_PREFIX) and not any(
                rule.rule == p or (p != "/" and rule.rule.startswith(p)) for p in PUBLIC_PREFIXES):
            unknown.append(f"{rule.rule} ({rule.endpoint}): neither staff, member nor a known public page")
    assert not unknown, "\n".join(unknown)
    stale = [endpoint for endpoint in MATRIX if endpoint not in app.view_functions]
    assert not stale, f"in the matrix but not a route: {stale}"


def test_each_staff_views_own_check_names_the_matrixs_roles(app):
    differ = []
    for endpoint, roles in MATRIX.items():
        own = getattr(app.view_functions[endpoint], "allowed_roles", None)
        if own is None or set(own) != set(roles):
            differ.append(f"{endpoint}: view {sorted(own or [])}, matrix {sorted(roles)}")
    assert not differ, "\n".join(differ)


def _visitor(app, kind, services, world):
    from tests.factories import create_member, create_panel
    from tests.panels.members import sign_in_member

    if kind is None:
        return app.test_client(), None
    if kind == "resident":
        import time

        from app.feedback import tracking

        client = app.test_client()
        with client.session_transaction() as session:  # as after /track found their feedback
            session[tracking.SESSION_KEY] = {"id": world.item.id, "at": int(time.time())}
        return client, None
    if kind == "member":
        client = app.test_client()
        sign_in_member(client, create_member(create_panel(name="Matrix panel")))
        return client, None
    client = signed_in(app, kind, services=list(services))
    return client, client.user


def _names_the_case(rule):
    return any(any(word in argument for word in CASE_ARGUMENTS) for argument in rule.arguments)


@pytest.mark.parametrize("label, kind, services", VISITORS, ids=[v[0] for v in VISITORS])
def test_every_staff_route_answers_as_the_matrix_says(app, world, label, kind, services):  # noqa: F811
    client, user = _visitor(app, kind, services, world)
    from tests.web import csrf_token

    token = csrf(client) if user is not None else csrf_token(client, "/staff/login")  # a valid token
    wrong = []
    for rule in staff_rules(app):
        roles = MATRIX.get(rule.endpoint, ())
        for special in (False, True):
            case = world.special if special or "flag" in rule.arguments else world.case
            path = fill(rule, world.ids(special))
            for method in ("GET", "POST"):
                if method not in rule.methods:
                    continue
                allowed = user is not None and user.role in roles
                if method == "POST" and allowed:
                    continue  # an allowed POST would act: the case pages' own tests cover those
                response = client.open(path, method=method, data={"csrf_token": token})
                status, html = response.status_code, response.get_data(as_text=True)
                where = f"{method} {path} ({rule.endpoint})"
                if status >= 500:
                    wrong.append(f"{where}: {status}")
                elif user is None:
                    location = urlparse(response.headers.get("Location", "")).path
                    if status != 302 or location != "/staff/login":
                        wrong.append(f"{where}: {status} {location}, not sent to sign in")
                elif not allowed:
                    if status != 403:
                        wrong.append(f"{where}: {status}, the matrix says 403")
                elif _names_the_case(rule) and not access.can_view(user, case) and status != 404:
                    wrong.append(f"{where}: {status}, a case they may not see must be 404")
                elif status == 403:
                    wrong.append(f"{where}: 403, but the matrix lets {label} in")
                if user is None or not access.can_view(user, case):
                    for name, marker in world.markers(case == world.special).items():
                        if marker in html:
                            wrong.append(f"{where} shows the case's {name}")
    assert not wrong, f"{label}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("label, kind, services", VISITORS, ids=[v[0] for v in VISITORS])
def test_a_comment_on_no_case_is_read_only_by_those_who_may(app, world, label, kind, services):  # noqa: F811
    from tests.factories import create_feedback, create_person, service

    loose = create_feedback(kind="comment", text=f"The park gate squeaks. {LOOSE_WORDS}",
                            person=create_person(name="Cyril Gatepost"))
    loose.service = service("highways")
    loose.save()
    client, user = _visitor(app, kind, services, world)
    ids = dict(world.ids(), item=loose.id)
    shown = []
    for rule in staff_rules(app):
        if "GET" in rule.methods:
            response = client.get(fill(rule, ids))
            if LOOSE_WORDS in response.get_data(as_text=True):
                shown.append(f"{rule.rule} ({rule.endpoint})")
    if label in LOOSE_READERS:
        assert shown, f"{label} should read it on the feedback page"
    else:
        assert not shown, f"{label} reads a comment they may not: {shown}"
