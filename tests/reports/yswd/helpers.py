"""A small period of classified feedback, and driving the "You said, we did" pages."""
import datetime
import re
import subprocess

from app.timefmt import to_london
from app.db import utcnow
from tests.cases.pages import signed_in  # noqa: F401  (tests sign in the way case tests do)
from tests.factories import classify, create_feedback
from tests.web import csrf_token

BASE = "/staff/you-said-we-did"


def this_month():
    """(value for the draft form, first day, last day) of the current London month."""
    today = to_london(utcnow()).date()
    start = today.replace(day=1)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return f"{start:%Y-%m}", start, following - datetime.timedelta(days=1)


def said(text, *, themes=("delay",), sentiment="negative", quote=True, vector=None, **kwargs):
    """A resident's comment this month, classified, who said yes (or no) to being quoted."""
    item = create_feedback(kind=kwargs.pop("kind", "comment"), text=text, quote_consent=quote, **kwargs)
    return classify(item, themes=themes, sentiment=sentiment, vector=vector)


def post(client, url, data=None, page=None):
    """Post a form of the page `page` (default: `url`'s own page) with its CSRF token."""
    token = csrf_token(client, page or url)
    return client.post(url, data=dict(data or {}, csrf_token=token))


def draft(client, service="highways", period=None):
    """Draft through the form, once the worker's summaries are up to date (reports.queries.refresh,
    as the worker does every minute); returns the new publication's id."""
    from reports import queries

    queries.refresh()
    response = post(client, f"{BASE}/new", {"service": service, "period": period or this_month()[0]})
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    return int(re.search(r"/(\d+)$", response.headers["Location"]).group(1))


def decide(client, publication_id, quote_id, decision):
    page = f"{BASE}/{publication_id}"
    return post(client, f"{page}/quotes/{quote_id}", {"decision": decision}, page=page)


def press(client, publication_id, action):
    page = f"{BASE}/{publication_id}"
    return post(client, f"{page}/{action}", page=page)


def publish(client, publication_id):
    assert press(client, publication_id, "review").status_code == 302
    assert press(client, publication_id, "publish").status_code == 302


def pdf_text(content, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
