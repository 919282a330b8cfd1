"""Keys and scopes (401, 403, revoked, 429), the audit line of every call, and the read
endpoints (status as /track shows it; classified feedback as analysts see it)."""
import pytest

from app.api import keys
from app.api.models import ApiKey
from app.audit.models import AuditEvent
from tests.api.conftest import COMPLAINT, bearer
from tests.factories import classify, create_feedback, create_user

ENDPOINTS = [  # (method, path, scope)
    ("post", "/api/v1/feedback", "submit"),
    ("get", "/api/v1/feedback/{ref}/status", "read-status"),
    ("get", "/api/v1/feedback", "read-feedback"),
    ("get", "/api/v1/feedback/{ref}", "read-feedback"),
]


def call(client, method, path, key=None, ref="HRD-2026-000001"):
    headers = bearer(key) if key else {}
    kwargs = {"json": dict(COMPLAINT)} if method == "post" else {}
    return getattr(client, method)(path.format(ref=ref), headers=headers, **kwargs)


@pytest.mark.parametrize("method,path,scope", ENDPOINTS)
def test_each_endpoint_needs_its_scope(client, make_key, method, path, scope):
    ref = create_feedback().reference
    assert call(client, method, path, ref=ref).status_code == 401
    assert call(client, method, path, "hrd_000000000000_" + "x" * 43, ref=ref).status_code == 401
    others = [s for s in ("submit", "read-status", "read-feedback") if s != scope]
    refused = call(client, method, path, make_key(*others)[1], ref=ref)
    assert refused.status_code == 403 and scope in refused.get_json()["message"]
    allowed = call(client, method, path, make_key(scope)[1], ref=ref)
    assert allowed.status_code in (200, 201), allowed.get_json()


def test_a_revoked_key_stops_working_at_once(client, make_key):
    row, key = make_key()
    assert call(client, "get", "/api/v1/feedback", key).status_code == 200
    keys.revoke(row, actor=create_user(role="administrator"))
    response = call(client, "get", "/api/v1/feedback", key)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.is_json and response.get_json()["code"] == 401


def test_a_key_is_stored_only_as_its_hash(make_key):
    row, key = make_key()
    stored = ApiKey.get_by_id(row.id)
    assert key.startswith(f"hrd_{stored.public_id}_") and key not in str(stored.__data__.values())
    assert stored.token_hash == keys.digest(key)
    assert keys.find(f"Bearer {key[:-1]}x")[0] is None and keys.find(f"Bearer {key}")[0].id == row.id


def test_the_rate_limit_answers_429_with_retry_after(client, make_key):
    _, key = make_key(rate_limit=2)
    assert [call(client, "get", "/api/v1/feedback", key).status_code for _ in range(2)] == [200, 200]
    response = call(client, "get", "/api/v1/feedback", key)
    assert response.status_code == 429 and 1 <= int(response.headers["Retry-After"]) <= 61
    assert response.is_json


def test_every_call_is_audited_without_the_body(client, make_key):
    row, key = make_key()
    call(client, "post", "/api/v1/feedback", key)
    call(client, "get", "/api/v1/feedback", "hrd_000000000000_" + "y" * 43)
    lines = list(AuditEvent.select().where(AuditEvent.action == "api.call").order_by(AuditEvent.id))
    assert [line.object_id for line in lines] == [row.public_id, "000000000000"]
    assert "answered 201" in lines[0].summary and "answered 401" in lines[1].summary
    for line in lines:
        assert "ada" not in (line.summary + line.details).lower()
        assert "pothole" not in (line.summary + line.details).lower()
    assert ApiKey.get_by_id(row.id).last_used_at is not None


def test_status_is_what_track_shows(client, key):
    ref = client.post("/api/v1/feedback", json=COMPLAINT, headers=bearer(key)).get_json()["reference"]
    body = client.get(f"/api/v1/feedback/{ref.lower()}/status", headers=bearer(key)).get_json()
    assert body["reference"] == ref and body["status"] == "received" and body["decision"] is None
    assert [entry["status"] for entry in body["timeline"]] == ["Received"]
    assert "Ada" not in str(body) and "pothole" not in str(body)
    missing = client.get("/api/v1/feedback/HRD-2020-999999/status", headers=bearer(key))
    assert missing.status_code == 404 and missing.is_json
    assert client.get("/api/v1/feedback/nonsense%27--/status", headers=bearer(key)).status_code == 404


def test_classified_feedback_never_shows_a_residents_details(client, key):
    from app.people.services import find_or_create

    person = find_or_create(name="Grace Hopper", email="grace@example.org", phone="07700 900123")
    loose = create_feedback(kind="comment", text="The library opening hours are too short", person=person,
                            service_slug="libraries")
    classify(loose, themes=("communication",), sentiment="negative")
    in_case = client.post("/api/v1/feedback", json=COMPLAINT, headers=bearer(key)).get_json()["reference"]
    response = client.get("/api/v1/feedback", headers=bearer(key))
    body, text = response.get_json(), response.get_data(as_text=True)
    assert response.status_code == 200 and len(body) == 2
    for words in ("Grace", "grace@example.org", "07700", "Ada", "ada@example.org", "960123", "Pay for the wheel"):
        assert words not in text
    by_ref = {row["reference"]: row for row in body}
    assert by_ref[loose.reference]["text"] == "The library opening hours are too short"
    assert by_ref[loose.reference]["sentiment"] == "negative"
    assert [t["key"] for t in by_ref[loose.reference]["themes"]] == ["communication"]
    assert by_ref[in_case]["text"] is None and "in a case" in by_ref[in_case]["text_withheld"]
    one = client.get(f"/api/v1/feedback/{loose.reference}", headers=bearer(key)).get_json()
    assert one == by_ref[loose.reference]


def test_filters_and_pagination(client, key):
    a = create_feedback(kind="comment", text="Bins missed again", service_slug="waste-recycling")
    b = create_feedback(kind="compliment", text="Great gritting", service_slug="highways")
    classify(a, themes=("delay",), sentiment="negative")
    classify(b, sentiment="positive")

    def refs(query):
        response = client.get(f"/api/v1/feedback?{query}", headers=bearer(key))
        assert response.status_code == 200, response.get_json()
        return {row["reference"] for row in response.get_json()}

    assert refs("service=highways") == {b.reference}
    assert refs("kind=comment") == {a.reference}
    assert refs("sentiment=positive") == {b.reference}
    assert refs("topic=delay") == {a.reference}
    assert refs("since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z") == {a.reference, b.reference}
    assert refs("until=2001-01-01T00:00:00") == set()
    page = client.get("/api/v1/feedback?page=2&page_size=1", headers=bearer(key))
    assert len(page.get_json()) == 1 and '"total": 2' in page.headers["X-Pagination"]
    for bad in ("sentiment=furious", "since=yesterday", "page_size=100000", "page=-1",
                "since=2026-02-01T00:00:00&until=2026-01-01T00:00:00"):
        response = client.get(f"/api/v1/feedback?{bad}", headers=bearer(key))
        assert response.status_code == 422 and response.is_json, bad
    assert client.get("/api/v1/feedback?page=99999999999999999999", headers=bearer(key)).status_code == 200
