"""Driving the 3Cs journey with the Flask test client."""
import re

from tests.web import submit

REFERENCE = re.compile(r"HRD-\d{4}-\d{6}")

COMPLAINT = {
    "kind": {"kind": "complaint"},
    "service": {"service": "highways"},
    "what-happened": {"text": "The pothole on Mill Lane is still there.\r\n\r\nMy tyre burst."},
    "put-right": {"put_right": "Fix the road and pay for my tyre."},
    "when": {"day": "3", "month": "2", "year": "2026"},
    "files": {"action": "continue"},
    "contact": {"name": "Ann Example", "email": "Ann@Example.com", "phone": "07700 900982",
                "preferred_contact": "email"},
    "support": {},
    "privacy": {},
}
COMPLIMENT = {
    "kind": {"kind": "compliment"},
    "service": {"service": "not-sure"},
    "what-happened": {"text": "The library staff were lovely."},
    "when": {},
    "files": {"action": "continue"},
    "contact": {},
    "support": {},
    "privacy": {},
}


def url(slug):
    return "/feedback" if slug == "kind" else f"/feedback/{slug}"


def answer(client, slug, data):
    return submit(client, url(slug), data)


def fill(client, pages, **changes):
    """Answer every page (with `changes` replacing whole pages); returns the last response."""
    response = None
    for slug, data in dict(pages, **changes).items():
        response = answer(client, slug, data)
        assert response.status_code == 302, (slug, response.get_data(as_text=True)[-2000:])
    assert response.headers["Location"].endswith("/feedback/check")
    return response


def send(client, pages=COMPLAINT, **changes):
    """The whole journey; returns the confirmation page's HTML."""
    fill(client, pages, **changes)
    response = submit(client, "/feedback/check", {})
    assert response.status_code == 302 and response.headers["Location"].endswith("/feedback/sent")
    return client.get("/feedback/sent").get_data(as_text=True)


def reference_in(html):
    match = REFERENCE.search(html)
    return match.group(0) if match else None
