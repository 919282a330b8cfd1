"""No 500 from a URL: every route, as every role and as nobody, given ids that are huge,
negative, zero, not numbers or simply missing, and junk page numbers, answers 4xx (or a page),
never 5xx. Generated from the URL map, so a new route is covered the day it is added."""
import re

import pytest
from werkzeug.routing import IntegerConverter

from app.auth.roles import ALL_ROLES
from tests.factories import create_user
from tests.web import csrf_token, sign_in

PASSWORD = "correct horse battery staple"
BAD_IDS = ["99999999999999999999", "2147483648", "-1", "0", "abc", "1.5", "%00", "2147483647"]
BAD_QUERIES = ["page=99999999999999999999", "page=-5", "page=abc", "version=99999999999999999999",
               "q=%00%ff", "status=<script>"]
SKIP = {"/staff/logout", "/static/<path:filename>"}


def rules_with_args(app):
    return [rule for rule in app.url_map.iter_rules() if rule.arguments and rule.rule not in SKIP]


def paths(rule, bad):
    """The rule with one argument at a time given `bad` (the others a plausible 1 / word)."""
    names = sorted(rule.arguments)
    for target in names:
        path = rule.rule
        for name in names:
            value = bad if name == target else "1" if _is_id(rule, name) else "x"
            path = re.sub(rf"<(?:[^:>]+:)?{name}>", value, path)
        yield path


def _is_id(rule, name):
    return isinstance(rule._converters[name], IntegerConverter)


def clients(app):
    yield "anonymous", app.test_client()
    for role in ALL_ROLES:
        user = create_user(role=role, password=PASSWORD,
                           services=["highways"] if role == "service_lead" else ())
        client = app.test_client()
        assert sign_in(client, user.email, PASSWORD).status_code == 302
        yield role, client


def test_every_id_in_a_url_uses_the_id_converter(app):
    loose = [f"{rule.rule} ({name})" for rule in app.url_map.iter_rules()
             for name, converter in rule._converters.items()
             if name.endswith("_id") and type(converter).__name__ != "IdConverter"]
    assert not loose, "ids not using <id:...>: " + ", ".join(loose)


def test_no_route_answers_5xx_to_a_bad_id_as_anyone(app):
    failures = []
    for who, client in clients(app):
        token = csrf_token(client, "/staff/login" if who == "anonymous" else "/staff/password")
        for rule in rules_with_args(app):
            for bad in BAD_IDS:
                for path in paths(rule, bad):
                    if "GET" in rule.methods:
                        status = client.get(path).status_code
                        if status >= 500:
                            failures.append(f"{who} GET {path}: {status}")
                    if "POST" in rule.methods:
                        status = client.post(path, data={"csrf_token": token}).status_code
                        if status >= 500:
                            failures.append(f"{who} POST {path}: {status}")
    assert not failures, "\n".join(failures[:40])


@pytest.mark.parametrize("bad", ["99999999999999999999", "-1", "0", "2147483648"])
def test_a_huge_or_negative_id_is_not_found(app, bad):
    client = next(c for who, c in clients(app) if who == "administrator")
    for path in (f"/staff/feedback/{bad}", f"/staff/people/{bad}", f"/staff/outbox/{bad}",
                 f"/staff/inbox/{bad}", f"/staff/admin/users/{bad}", f"/staff/taxonomy/{bad}",
                 f"/staff/surveys/{bad}", f"/staff/surveys/touchpoints/{bad}/poster.pdf",
                 f"/s/thanks/{bad}", f"/staff/cases/{bad}"):
        assert client.get(path).status_code == 404, path


def test_junk_in_the_query_string_never_answers_5xx(app):
    failures = []
    for who, client in clients(app):
        for rule in app.url_map.iter_rules():
            if rule.arguments or "GET" not in rule.methods or rule.rule in SKIP:
                continue
            for query in BAD_QUERIES:
                status = client.get(f"{rule.rule}?{query}").status_code
                if status >= 500:
                    failures.append(f"{who} GET {rule.rule}?{query}: {status}")
    assert not failures, "\n".join(failures[:40])
