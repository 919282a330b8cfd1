"""Hostile bodies always get a 4xx JSON answer; the served OpenAPI description validates and
names exactly the app's /api/v1 routes; the admin pages make, show once and revoke keys."""
import json
import re

import pytest
from openapi_spec_validator import validate

from app.api.models import ApiKey
from app.feedback.models import FeedbackItem
from tests.api.conftest import COMPLAINT, bearer
from tests.factories import create_user
from tests.web import get_page, sign_in, submit

HOSTILE = [  # (content type, raw body)
    ("application/json", b"{not json"),
    ("application/json", b""),
    ("application/json", b"[1, 2, 3]"),
    ("application/json", b"null"),
    ("application/json", b"\xff\xfe\x00binary\x00"),
    ("application/json", b'{"kind": "complaint", "channel": "web", "text": "\\u0000"}'),
    ("application/json", b'{"kind": "complaint", "channel": "web", "text": "\\ud800 lone"}'),
    ("application/json", json.dumps(dict(COMPLAINT, text=12345)).encode()),
    ("application/json", json.dumps(dict(COMPLAINT, kind=["complaint"])).encode()),
    ("application/json", json.dumps(dict(COMPLAINT, admin=True)).encode()),
    ("application/json", json.dumps(dict(COMPLAINT, resident={"email": "not an email"})).encode()),
    ("application/json", json.dumps(dict(COMPLAINT, resident="Ada")).encode()),
    ("application/json", json.dumps(dict(COMPLAINT, text="x" * 10_001)).encode()),
    ("application/json", json.dumps(dict(COMPLAINT, occurred_on="2999-01-01")).encode()),
    ("application/json", json.dumps(dict(COMPLAINT, service="'; DROP TABLE feedback_item; --")).encode()),
    ("application/json", b'{"a":' * 5000 + b"1" + b"}" * 5000),
    ("application/json", b'{"text": "' + b"x" * 400_000 + b'"}'),
    ("text/plain", json.dumps(COMPLAINT).encode()),
    ("application/x-www-form-urlencoded", b"kind=complaint&channel=web&text=hi"),
    ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nhi\r\n--x--"),
    (None, json.dumps(COMPLAINT).encode()),
]


@pytest.mark.parametrize("content_type,body", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_bodies_get_a_4xx_json_answer(client, key, content_type, body):
    headers = dict(bearer(key), **({"Content-Type": content_type} if content_type else {}))
    response = client.post("/api/v1/feedback", data=body, headers=headers)
    assert 400 <= response.status_code < 500, (response.status_code, response.get_data()[:200])
    assert response.is_json and response.get_json()["message"]
    assert FeedbackItem.select().count() == 0


def test_injection_strings_are_kept_as_text(client, key):
    words = "Robert'); DROP TABLE feedback_item;-- <script>alert(1)</script> {{7*7}} ${jndi:ldap://x}"
    response = client.post("/api/v1/feedback", json=dict(COMPLAINT, text=words), headers=bearer(key))
    assert response.status_code == 201
    assert FeedbackItem.get(FeedbackItem.reference == response.get_json()["reference"]).text == words


def test_unknown_paths_and_methods_under_the_api_are_json(client, key):
    assert client.get("/api/v1/nothing", headers=bearer(key)).get_json()["code"] == 404
    response = client.delete("/api/v1/feedback", headers=bearer(key))
    assert response.status_code == 405 and response.is_json
    assert client.get("/no-such-page").mimetype == "text/html"  # the app's own pages keep theirs


def test_the_api_needs_no_csrf_token_but_the_staff_pages_still_do(client, key):
    assert client.post("/api/v1/feedback", json=COMPLAINT, headers=bearer(key)).status_code == 201
    assert client.post("/staff/admin/api-keys/new", data={"name": "x", "scopes": "submit"}).status_code in (302, 400)


def test_the_served_description_validates_and_matches_the_routes(app, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.is_json
    spec = response.get_json()
    validate(spec)
    assert spec["components"]["securitySchemes"]["apiKey"]["scheme"] == "bearer"
    described = {(path, method.upper()) for path, ops in spec["paths"].items() for method in ops
                 if method in ("get", "post", "put", "patch", "delete")}
    routed = {(re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule), method)
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert described == routed
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method in ("get", "post") and path != "/api/v1/openapi.json":
                assert op["security"] == [{"apiKey": []}], (path, method)


def test_administrators_make_see_once_and_revoke_keys(app, client):
    admin = create_user(role="administrator", password="correct horse battery staple")
    assert sign_in(client, admin.email, "correct horse battery staple").status_code == 302
    get_page(client, "/staff/admin/api-keys")
    refused = submit(client, "/staff/admin/api-keys/new", {"name": "", "rate_limit": "lots"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "There is a problem" in html and "Enter a name for the key" in html
    assert 'href="#scopes' in html and 'value="lots"' in html
    made = submit(client, "/staff/admin/api-keys/new", {"name": "Telephony", "scopes": ["submit", "read-status"]})
    key = re.search(r'id="api-key">([^<]+)<', made.get_data(as_text=True)).group(1)
    row = ApiKey.get(ApiKey.name == "Telephony")
    assert row.scope_list == ["submit", "read-status"] and key not in get_page(client, "/staff/admin/api-keys")
    assert client.post("/api/v1/feedback", json=COMPLAINT, headers=bearer(key)).status_code == 201
    assert "Never" not in get_page(client, "/staff/admin/api-keys")  # last used is shown
    get_page(client, f"/staff/admin/api-keys/{row.id}/revoke")
    assert submit(client, f"/staff/admin/api-keys/{row.id}/revoke", {}).status_code == 302
    assert client.post("/api/v1/feedback", json=COMPLAINT, headers=bearer(key)).status_code == 401
    assert "Revoked" in get_page(client, "/staff/admin/api-keys")


@pytest.mark.parametrize("role", ["complaints_officer", "analyst", "service_lead"])
def test_only_administrators_open_the_key_pages(app, client, role):
    user = create_user(role=role, password="correct horse battery staple",
                       services=["highways"] if role == "service_lead" else ())
    assert sign_in(client, user.email, "correct horse battery staple").status_code == 302
    assert client.get("/staff/admin/api-keys").status_code == 403
    assert client.get("/staff/admin/api-keys/new").status_code == 403
