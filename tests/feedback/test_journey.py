"""The 3Cs journey at /feedback: every page, submitting, the reference and the email."""
import datetime

from app.audit.models import AuditEvent
from app.feedback.journey.models import FeedbackDraft
from app.feedback.models import FeedbackItem, FeedbackStatusChange
from app.mail.models import OutboxMessage
from tests.feedback.journey import COMPLAINT, COMPLIMENT, answer, fill, reference_in, send, url
from tests.web import csrf_token, h1_count, submit, title_starts_with_h1


def test_every_page_has_one_h1_a_matching_title_and_a_back_link(client):
    fill(client, COMPLAINT)
    for slug in COMPLAINT:
        html = client.get(url(slug)).get_data(as_text=True)
        assert h1_count(html) == 1, slug
        assert title_starts_with_h1(html)[0], slug
        assert 'class="govuk-back-link"' in html, slug
        assert 'name="website"' in html and 'name="csrf_token"' in html, slug
    html = client.get("/feedback/check").get_data(as_text=True)
    assert h1_count(html) == 1 and title_starts_with_h1(html)[0]


def test_first_page_offers_the_kinds_and_a_service_request(client):
    html = client.get("/feedback").get_data(as_text=True)
    for value in ("compliment", "comment", "complaint", "service_request"):
        assert f'value="{value}"' in html
    assert "Report a problem or ask for a service" in html and "This is not a complaint" in html


def test_service_page_lists_services_and_not_sure(client):
    answer(client, "kind", {"kind": "comment"})
    html = client.get("/feedback/service").get_data(as_text=True)
    assert "Adult Social Care" in html and "Libraries" in html
    assert 'value="not-sure"' in html and "I&#39;m not sure" in html


def test_what_happened_has_a_character_count_and_asks_by_kind(client):
    answer(client, "kind", {"kind": "compliment"})
    html = client.get("/feedback/what-happened").get_data(as_text=True)
    assert 'data-module="govuk-character-count"' in html and 'data-maxlength="10000"' in html
    assert "What went well?" in html


def test_complaint_end_to_end(client, app):
    html = send(client)
    reference = reference_in(html)
    assert reference and reference.startswith(f"HRD-{datetime.date.today().year}-")
    assert "Complaint sent" in html and h1_count(html) == 1 and "5 working days" in html
    item = FeedbackItem.get(FeedbackItem.reference == reference)
    assert (item.kind, item.channel, item.status) == ("complaint", "web", "received")
    assert item.text == COMPLAINT["what-happened"]["text"]  # exactly as sent, \r\n and all
    assert item.put_right == "Fix the road and pay for my tyre."
    assert item.happened_on == datetime.date(2026, 2, 3)
    assert item.service.slug == "highways" and not item.service_unsure
    assert item.person.email == "ann@example.com" and item.person.phone == "+447700900982"
    assert item.person.name == "Ann Example" and not item.anonymous
    assert item.preferred_contact == "email"
    assert item.consent_basis == "public_task" and item.consented_at is None
    assert item.classification_status == "pending"  # the worker classifies, never the request
    assert [c.status for c in FeedbackStatusChange.select().where(FeedbackStatusChange.item == item)] \
        == ["received"]
    assert AuditEvent.select().where(AuditEvent.action == "feedback.received",
                                     AuditEvent.object_id == str(item.id)).count() == 1


def test_acknowledgement_email_is_queued_and_written(client, app, tmp_path):
    reference = reference_in(send(client))
    item = FeedbackItem.get(FeedbackItem.reference == reference)
    message = OutboxMessage.get(OutboxMessage.idempotency_key == f"ack:feedback:{item.id}")
    assert message.to_address.lower() == "ann@example.com" and message.purpose == "acknowledgement"
    assert reference in message.subject and reference in message.text_body
    assert message.related_type == "feedback_item" and message.related_id == item.id
    assert "/track" in message.text_body
    assert message.status == "sent"  # immediate huey: sent after commit, into the outbox folder
    assert list((tmp_path / "instance" / "outbox").glob("*.eml"))
    assert "We have sent you a confirmation email" in client.get("/feedback/sent").get_data(as_text=True)


def test_anonymous_compliment(client):
    html = send(client, COMPLIMENT)
    assert "Compliment sent" in html and reference_in(html)
    item = FeedbackItem.get(FeedbackItem.reference == reference_in(html))
    assert item.kind == "compliment" and item.person is None and item.anonymous
    assert item.service is None and item.service_unsure and item.put_right == ""
    assert item.happened_on is None
    assert OutboxMessage.select().count() == 0
    assert "confirmation email" not in html


def test_comment_skips_what_would_put_it_right(client):
    answer(client, "kind", {"kind": "comment"})
    answer(client, "service", {"service": "libraries"})
    response = answer(client, "what-happened", {"text": "More opening hours, please."})
    assert response.headers["Location"].endswith("/feedback/when")
    assert client.get("/feedback/put-right").status_code == 302


def test_service_request_kind(client):
    html = send(client, COMPLIMENT, kind={"kind": "service_request"})
    item = FeedbackItem.get(FeedbackItem.reference == reference_in(html))
    assert item.kind == "service_request" and "Request sent" in html


def test_name_only_is_kept_without_contact(client):
    html = send(client, COMPLIMENT, contact={"name": "Bob"})
    item = FeedbackItem.get(FeedbackItem.reference == reference_in(html))
    assert item.person.name == "Bob" and item.person.email is None


def test_support_needs_and_consent_are_recorded(client):
    html = send(client, COMPLAINT, support={
        "support_needs": ["accessibility", "representative"], "acting_for": "Carol Example",
        "support_details": "Large print letters, please."}, privacy={"consent": "y"})
    item = FeedbackItem.get(FeedbackItem.reference == reference_in(html))
    assert item.support_needs == "accessibility,representative"
    assert item.acting_for == "Carol Example" and item.support_details == "Large print letters, please."
    assert item.consent_basis == "public_task+explicit_consent" and item.consented_at is not None


def test_check_answers_shows_everything_with_change_links(client):
    fill(client, COMPLAINT)
    html = client.get("/feedback/check").get_data(as_text=True)
    for text in ("Complaint", "Highways", "The pothole on Mill Lane is still there.", "My tyre burst.",
                 "Fix the road", "3 February 2026", "Ann@Example.com", "07700 900982", "Email"):
        assert text in html, text
    for slug in ("kind", "service", "what-happened", "put-right", "when", "contact", "support"):
        assert f'href="/feedback{"" if slug == "kind" else "/" + slug}?change=1"' in html, slug
    assert 'class="govuk-summary-list ' in html


def test_change_returns_to_check_and_asks_what_the_new_kind_needs(client):
    fill(client, COMPLIMENT)
    response = submit(client, "/feedback?change=1", {"kind": "complaint"})
    assert response.headers["Location"].endswith("/feedback/check")
    # a complaint needs "what would put it right" answered and a way to reply
    response = client.get("/feedback/check")
    assert response.headers["Location"].endswith("/feedback/put-right?change=1")
    submit(client, "/feedback/put-right?change=1", {"put_right": ""})
    response = client.get("/feedback/check")
    assert response.headers["Location"].endswith("/feedback/contact?change=1")
    response = submit(client, "/feedback/contact?change=1", {"phone": "01632 960001"})
    assert response.headers["Location"].endswith("/feedback/check")
    assert client.get("/feedback/check").status_code == 200


def test_going_back_shows_earlier_answers(client):
    fill(client, COMPLAINT)
    assert 'value="complaint" checked' in client.get("/feedback").get_data(as_text=True)
    assert "My tyre burst." in client.get("/feedback/what-happened").get_data(as_text=True)
    html = client.get("/feedback/when").get_data(as_text=True)
    assert 'value="2026"' in html
    back = client.get("/feedback/when").get_data(as_text=True)
    assert 'href="/feedback/put-right" class="govuk-back-link"' in back


def test_the_draft_is_kept_on_the_server_and_deleted_on_submit(client):
    fill(client, COMPLAINT)
    assert FeedbackDraft.select().count() == 1
    cookie = client.get_cookie("heard_session")
    assert "pothole" not in cookie.value and len(cookie.value) < 1000
    send(client)
    assert FeedbackDraft.select().count() == 0
    assert client.get("/feedback/check").headers["Location"].endswith("/feedback")


def test_a_long_complaint_fits(client):
    text = ("A long story. " * 800)[:10_000]
    html = send(client, COMPLAINT, **{"what-happened": {"text": text}})
    assert FeedbackItem.get(FeedbackItem.reference == reference_in(html)).text == text


def test_honeypot_records_nothing_but_looks_normal(client):
    answer(client, "kind", {"kind": "comment"})
    response = answer(client, "service", {"service": "highways", "website": "http://spam.example"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/feedback/sent")
    html = client.get("/feedback/sent").get_data(as_text=True)
    assert "Feedback sent" in html and not reference_in(html) and h1_count(html) == 1
    assert FeedbackItem.select().count() == 0
    event = AuditEvent.get(AuditEvent.action == "public_form.honeypot")
    assert event.object_id == "service" and "127.0.0.1" not in event.details + event.ip


def test_honeypot_on_check_page(client):
    fill(client, COMPLAINT)
    response = submit(client, "/feedback/check", {"website": "x"})
    assert response.headers["Location"].endswith("/feedback/sent")
    assert FeedbackItem.select().count() == 0 and OutboxMessage.select().count() == 0


def test_unknown_step_is_404(client):
    assert client.get("/feedback/nope").status_code == 404


def test_pressing_send_twice_sends_once(client):
    fill(client, COMPLAINT)
    token = csrf_token(client, "/feedback/check")
    first = client.post("/feedback/check", data={"csrf_token": token})
    second = client.post("/feedback/check", data={"csrf_token": token})
    assert first.headers["Location"].endswith("/feedback/sent")
    assert second.headers["Location"].endswith("/feedback/sent")
    assert FeedbackItem.select().count() == 1 and OutboxMessage.select().count() == 1
