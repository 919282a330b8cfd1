"""/staff/admin/webhooks: an administrator adds a webhook (a bad address is refused with a
GOV.UK error and nothing typed is lost), sees its secret and deliveries, sends a test event,
pauses, retries a failed delivery and deletes it."""
from html.parser import HTMLParser

from app.webhooks.models import WebhookDelivery, WebhookSubscription
from tests.factories import create_user
from tests.web import get_page, sign_in, submit
from tests.webhooks.receiver import signature_is_valid

INDEX = "/staff/admin/webhooks"


class Links(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.hrefs, self.inputs = [], {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.hrefs.append(attrs.get("href"))
        if tag == "input":
            self.inputs.setdefault(attrs.get("name"), []).append(attrs)


def signed_in_admin(client):
    admin = create_user("administrator")
    assert sign_in(client, admin.email, "a long test password").status_code == 302
    return admin


def test_a_bad_address_is_refused_and_what_was_typed_is_kept(app, client):
    signed_in_admin(client)
    for url, message in (("ftp://files.example.gov.uk/in", "starts with https:// or http://"),
                         ("", "Enter the web address"),
                         ("javascript:alert(1)", "starts with https:// or http://"),
                         ("http://exa mple.org/x", "")):
        response = submit(client, INDEX, {"url": url, "events": ["case.closed"]})
        html = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert "<title>Error: Webhooks" in html and "There is a problem" in html and 'href="#url"' in html
        assert message in html
        inputs = Links(html).inputs
        assert inputs["url"][0].get("value", "") == url
        assert any(box.get("value") == "case.closed" and "checked" in box for box in inputs["events"])
    response = submit(client, INDEX, {"url": "https://crm.example.gov.uk/heard"})
    assert "Select at least one event" in response.get_data(as_text=True)
    assert WebhookSubscription.select().count() == 0


def test_an_administrator_adds_tests_pauses_and_deletes_a_webhook(app, client, receiver):
    signed_in_admin(client)
    response = submit(client, INDEX, {"url": receiver.url, "events": ["feedback.received", "case.closed"]})
    assert response.status_code == 302
    subscription = WebhookSubscription.get()
    page = f"{INDEX}/{subscription.id}"
    assert response.headers["Location"].endswith(page)
    html = get_page(client, page)
    assert subscription.secret in html and receiver.url in html
    assert receiver.url in get_page(client, INDEX)
    assert INDEX in get_page(client, "/staff/")

    assert submit(client, f"{page}/test", {}, follow_redirects=False).status_code == 302
    [received] = receiver.received()
    assert received.event == "test" and signature_is_valid(subscription.secret, received)
    html = get_page(client, page)
    assert "Test event" in html and "Delivered" in html and "200" in html

    submit(client, f"{page}/pause", {})
    assert not WebhookSubscription.get_by_id(subscription.id).active
    assert "Paused" in get_page(client, INDEX)
    response = submit(client, f"{page}/test", {}, follow_redirects=True)
    assert "Resume the webhook before sending a test event" in response.get_data(as_text=True)
    submit(client, f"{page}/pause", {})
    assert WebhookSubscription.get_by_id(subscription.id).active

    get_page(client, f"{page}/delete")
    assert submit(client, f"{page}/delete", {}).status_code == 302
    assert WebhookSubscription.select().count() == 0 and WebhookDelivery.select().count() == 0
    get_page(client, page, status=404)


def test_a_failed_delivery_is_retried_from_the_page(app, client, receiver):
    signed_in_admin(client)
    submit(client, INDEX, {"url": receiver.url, "events": ["feedback.received"]})
    subscription = WebhookSubscription.get()
    page = f"{INDEX}/{subscription.id}"
    receiver.statuses = [500]
    submit(client, f"{page}/test", {})
    delivery = WebhookDelivery.get()
    WebhookDelivery.update(status="failed").where(WebhookDelivery.id == delivery.id).execute()
    html = get_page(client, page)
    assert "Failed" in html and "500" in html and "Retry" in html
    retry = f"{page}/deliveries/{delivery.id}/retry"
    assert submit(client, retry, {}, follow_redirects=False).status_code == 302
    delivery = WebhookDelivery.get_by_id(delivery.id)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 2, 200)
    assert len(receiver.received()) == 2
    assert client.post(f"{page}/deliveries/99999999999/retry").status_code == 404


def test_other_staff_cannot_open_the_webhook_pages(app, client):
    officer = create_user("complaints_officer")
    sign_in(client, officer.email, "a long test password")
    assert client.get(INDEX).status_code == 403
