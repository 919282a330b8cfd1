"""Every public form survives hostile input: huge, empty, binary, invalid UTF-8, injection
strings, duplicate keys, wrong choices, missing or bad CSRF tokens, a filled honeypot.

The forms are found, not listed: a resident's browser (mid-way through the 3Cs journey,
with an item tracked) starts at "/" and the SEEDS, follows same-site links outside /staff,
and collects every <form method="post"> with its fields. Survey pages (/s/<code>) join
when the surveys package is installed. Every answer must be below 500, and every HTML
page that is not a redirect must have exactly one <h1> and never echo markup unescaped.
"""
import html
import importlib.util
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest

from tests.feedback.journey import COMPLAINT, fill
from tests.web import h1_count, submit

SEEDS = ["/", "/feedback", "/track", "/track/status"] + [
    "/feedback" if slug == "kind" else f"/feedback/{slug}" for slug in COMPLAINT] + ["/feedback/check"]
SKIP = ("/staff", "/static", "/healthz", "/council.css")
MAX_PAGES = 80
TYPED = {"text", "textarea", "email", "tel", "search", "url", "number", "password"}  # where people type
MEGABYTE = "A" * (1024 * 1024)
SCRIPT = "<script>alert(1)</script>"
STRINGS = {
    "sql": "' OR '1'='1'; DROP TABLE feedback_item; --",
    "html": f'"><{SCRIPT[1:]}<img src=x onerror=alert(2)>{{{{7*7}}}}',
    "binary": "\x00\x01\x02\x1b[31m\x7f\ufffe\uffff",
    "unicode": "\u202e\u200b\U0001F600 Ünïcödé ✓ ﷽ 𝔘",
    "format": "%s%s%n%x {0} ${jndi:ldap://x} ../../etc/passwd",
}


@dataclass
class Field:
    name: str
    kind: str
    options: list = field(default_factory=list)


@dataclass
class Form:
    page: str
    action: str
    fields: dict = field(default_factory=dict)

    @property
    def signature(self):
        return urlparse(self.action).path, tuple(sorted(self.fields))


class PageParser(HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page, self.links, self.forms, self.form, self.select = page, [], [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(urljoin(self.page, attrs["href"]))
        elif tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self.form = Form(self.page, urljoin(self.page, attrs.get("action") or self.page))
            self.forms.append(self.form)
        elif self.form is not None and tag in ("input", "textarea", "select") and attrs.get("name"):
            self._field(tag, attrs)
        elif self.form is not None and tag == "option" and self.select is not None:
            self.select.options.append(attrs.get("value", ""))

    def _field(self, tag, attrs):
        kind = attrs.get("type", "text").lower() if tag == "input" else tag
        found = self.form.fields.setdefault(attrs["name"], Field(attrs["name"], kind))
        if kind in ("radio", "checkbox"):
            found.options.append(attrs.get("value", "on"))
        if tag == "select":
            self.select = found

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def local(url):
    parsed = urlparse(url)
    if parsed.scheme not in ("", "http") or parsed.netloc not in ("", "localhost"):
        return None
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    return None if not parsed.path.startswith("/") or parsed.path.startswith(SKIP) else path


def crawl(client, seeds):
    """Every public page reachable from the seeds, and the POST forms on them."""
    queue, seen, forms = list(seeds), set(), {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path, follow_redirects=True)
        assert response.status_code < 500, f"GET {path}: {response.status_code}"
        if response.mimetype != "text/html":
            continue
        parser = PageParser(f"http://localhost{response.request.path}")
        parser.feed(response.get_data(as_text=True))
        for form in parser.forms:
            forms.setdefault(form.signature, form)
        queue.extend(p for p in map(local, parser.links) if p and p not in seen)
    return list(forms.values())


def survey_pages():
    """/s/<code> for the surveys colleague's touchpoints, when that package exists."""
    if importlib.util.find_spec("surveys") is None or importlib.util.find_spec("surveys.models") is None:
        return []
    from surveys.models import Touchpoint

    try:
        from tests.surveys.helpers import create_touchpoint
    except ImportError:
        create_touchpoint = None
    if create_touchpoint is not None and not Touchpoint.select().exists():
        create_touchpoint()
    return [f"/s/{t.code}" for t in Touchpoint.select().where(Touchpoint.active == True)]  # noqa: E712


def prime(client, item):
    """A resident half-way through the journey (at check your answers) who tracked an item."""
    fill(client, COMPLAINT)
    submit(client, "/track", {"reference": item.reference, "contact": "hostile@example.com"})
    return client


# --- the payloads: each returns the keyword arguments for client.post --------------------

def token_of(client, form):
    """The form's CSRF token, or "" when its page no longer shows the form."""
    response = client.get(form.page)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    return match.group(1) if response.status_code == 200 and match else ""


def plausible(form):
    """A harmless value for every field (the first option for choices)."""
    values = {}
    for f in form.fields.values():
        if f.name in ("csrf_token", "website"):
            continue
        values[f.name] = f.options[0] if f.options else "ok"
    return values


def with_each(form, value, choices_too=True):
    data = plausible(form)
    for f in form.fields.values():
        if f.name not in ("csrf_token", "website") and (choices_too or not f.options):
            data[f.name] = value
    return data


def payloads(form):
    """(label, build) pairs; build(token) gives client.post's keyword arguments."""
    values = plausible(form)
    yield "empty", lambda token: {"data": {"csrf_token": token}}
    yield "blank strings", lambda token: {"data": dict(with_each(form, ""), csrf_token=token)}
    for label, value in STRINGS.items():
        yield label, lambda token, value=value: {"data": dict(with_each(form, value), csrf_token=token)}
    for name in values:
        typed = "text" if form.fields[name].kind in TYPED else "value"
        yield f"1 MB {typed} in {name}", lambda token, name=name: {
            "data": dict(values, **{name: MEGABYTE}, csrf_token=token)}
    if any(form.fields[name].kind in TYPED for name in values):
        yield "1 MB text in every field", lambda token: {
            "data": dict(with_each(form, MEGABYTE), csrf_token=token)}
    duplicate = {name: [value, STRINGS["html"], ""] for name, value in values.items()}
    yield "duplicate keys", lambda token: {"data": dict(duplicate, csrf_token=[token, "other"])}
    wrong = {f.name: ["not-a-choice", "0", "-1", "999999"] for f in form.fields.values() if f.options}
    yield "wrong choices", lambda token: {"data": dict(values, **wrong, csrf_token=token)}
    yield "missing csrf", lambda token: {"data": dict(values)}
    yield "bad csrf", lambda token: {"data": dict(values, csrf_token="x" * 5000)}
    yield "honeypot", lambda token: {"data": dict(values, website="http://spam.example", csrf_token=token)}
    raw = "&".join(f"{name}=%FF%FE%00" for name in values).encode() + b"&x=\xff\xfe\xc3\x28"
    yield "invalid UTF-8", lambda token: {"data": f"csrf_token={token}&".encode() + raw,
                                          "content_type": "application/x-www-form-urlencoded"}
    yield "invalid UTF-8 multipart", lambda token: {
        "data": multipart(values, token), "content_type": "multipart/form-data; boundary=hostile"}
    yield "files instead of fields", lambda token: {"data": dict(
        {name: (io.BytesIO(b"\x00\xff" * 100), "x.exe") for name in values}, csrf_token=token)}
    yield "JSON body", lambda token: {"data": json.dumps(dict(
        {name: {"nested": [1, None, {"x": 2}]} for name in values}, csrf_token=token)),
        "content_type": "application/json"}
    yield "broken JSON body", lambda token: {"data": b"\x00{" * 1000, "content_type": "application/json"}
    yield "JSON list body", lambda token: {"data": "[1, 2]", "content_type": "application/json"}


def multipart(values, token):
    parts = [("csrf_token", token.encode())] + [(name, b"\xff\xfe\x00 bad \xc3\x28") for name in values]
    body = b"".join(b'--hostile\r\nContent-Disposition: form-data; name="' + name.encode() + b'"\r\n\r\n'
                    + value + b"\r\n" for name, value in parts)
    return body + b"--hostile--\r\n"


def problems_with(response, where, label):
    found = []
    status, page = response.status_code, response.get_data(as_text=True)
    if status >= 500:
        found.append(f"{where}: {status}")
    if label.startswith("1 MB text") and status != 413 and "There is a problem" not in page:
        found.append(f"{where}: 1 MB of text accepted ({status}) without an error")
    if label.endswith("csrf") and 300 <= status < 400:
        found.append(f"{where}: accepted without a valid CSRF token")
    if status < 300 or status >= 400:
        if response.mimetype == "text/html":
            if h1_count(page) != 1:
                found.append(f"{where}: {h1_count(page)} <h1>s ({response.status_code})")
            if SCRIPT in page or "onerror=alert(2)>" in html.unescape(page) and "<img src=x" in page:
                found.append(f"{where}: markup echoed unescaped")
    return found


# --- the tests ------------------------------------------------------------------------------

@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, public_rate_limit=10 ** 6)


@pytest.fixture
def item(app):
    from tests.factories import create_feedback, create_person

    return create_feedback(person=create_person(email="hostile@example.com"))


@pytest.fixture
def public_forms(app, item):
    client = prime(app.test_client(), item)
    return crawl(client, SEEDS + survey_pages())


def test_the_crawler_finds_every_public_form(public_forms):
    actions = {urlparse(form.action).path for form in public_forms}
    expected = {"/feedback", "/feedback/service", "/feedback/what-happened", "/feedback/put-right",
                "/feedback/when", "/feedback/files", "/feedback/contact", "/feedback/support", "/feedback/privacy",
                "/feedback/check", "/track", "/track/status"}
    assert expected <= actions, expected - actions
    assert not any(a.startswith("/staff") for a in actions if a not in ("/staff/logout",))
    if importlib.util.find_spec("surveys") is not None:
        assert any(a.startswith("/s/") for a in actions), "no survey page was crawled"


def test_every_public_form_survives_hostile_input(app, item, public_forms):
    found = []
    for form in public_forms:
        path = local(form.action)
        client = prime(app.test_client(), item)
        token = token_of(client, form)
        for label, build in payloads(form):
            response = client.post(path, **build(token))
            found += problems_with(response, f"POST {path} [{label}]", label)
            if 300 <= response.status_code < 400 and not token_of(client, form):
                client = prime(app.test_client(), item)  # sent or discarded: start again
                token = token_of(client, form)
    assert not found, "\n".join(found)
