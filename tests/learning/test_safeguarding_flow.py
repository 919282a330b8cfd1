"""The safeguarding flag in the app: the urgent page (most severe first, then oldest, severity
in words), officers' decisions, the threshold they calibrate, and the alert emails."""
import datetime
from html.parser import HTMLParser

import pytest

from app.audit.models import AuditEvent
from app.auth.models import User
from app.db import utcnow
from app.learning import alerts, calibration
from app.learning.models import SafeguardingCalibration, SafeguardingFlag
from app.mail.models import OutboxMessage
from app.queue import run_sweeps
from tests.factories import create_feedback, create_person, create_user
from tests.web import csrf_token

LEAD = "safeguarding.lead@testshire.gov.uk"
CHILD = "The kids next door are left alone all night with no adults there, the little one screams for hours."
ABUSE = "My partner hits me when he drinks and I am scared to go home."
HOUSING = "We are being evicted on Friday and have nowhere to go."


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, safeguarding_lead_email=LEAD, base_url="https://heard.testshire.gov.uk")


def flagged(text, days_ago=0, service_slug="adult-social-care", **fields):
    item = create_feedback(text=text, service_slug=service_slug,
                           received_at=utcnow() - datetime.timedelta(days=days_ago), **fields)
    return SafeguardingFlag.get(SafeguardingFlag.item == item)


class UrgentPage(HTMLParser):
    """[(reference, severity words)] for each flag on the urgent page, in order."""

    def __init__(self):
        super().__init__()
        self.flags, self._where = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "/staff/feedback/" in (attrs.get("href") or "") and self._where == "item":
            self._where = "reference"
        elif tag == "li" and "heard-urgent-flag" in (attrs.get("class") or ""):
            self._where = "item"
        elif tag == "strong" and "govuk-tag" in (attrs.get("class") or "") and self.flags:
            self._where = "severity"

    def handle_data(self, data):
        if self._where == "reference":
            self.flags.append([data.strip(), ""])
            self._where = None
        elif self._where == "severity":
            self.flags[-1][1] = data.strip()
            self._where = None


def urgent_page(client):
    page = UrgentPage()
    html = client.get("/staff/feedback/urgent").get_data(as_text=True)
    page.feed(html)
    return page.flags, html


def decide(client, flag, decision, **extra):
    token = csrf_token(client, "/staff/feedback/urgent")
    return client.post(f"/staff/feedback/urgent/{flag.id}/reviewed",
                       data={"csrf_token": token, "decision": decision, **extra})


def test_the_urgent_page_puts_the_most_severe_first_then_the_oldest(signed_in):
    housing = flagged(HOUSING, days_ago=20)
    child_new = flagged(CHILD, days_ago=1)
    abuse = flagged(ABUSE, days_ago=10)
    child_old = flagged(CHILD + " It has gone on for months.", days_ago=5)
    assert [f.severity for f in (housing, child_new, abuse)] == [3, 1, 2]
    client, _ = signed_in("complaints_officer")
    flags, html = urgent_page(client)
    assert flags == [[child_old.item.reference, "Risk to life or to a child"],
                     [child_new.item.reference, "Risk to life or to a child"],
                     [abuse.item.reference, "Abuse or domestic violence"],
                     [housing.item.reference, "Homelessness, neglect or vulnerability"]]
    assert "the model's own starting point, as no officers' decisions have moved it yet" in html


def test_officers_decide_confirmed_concern_or_not_a_concern(signed_in):
    concern, other = flagged(CHILD), flagged(HOUSING)
    client, user = signed_in("complaints_officer")
    response = decide(client, concern, "concern")
    assert response.status_code == 302 and response.location.endswith("/staff/feedback/urgent")
    flag = SafeguardingFlag.get_by_id(concern.id)
    assert (flag.status, flag.decision, flag.reviewed_by_id) == ("reviewed", "concern", user.id)
    event = AuditEvent.get(AuditEvent.action == "learning.safeguarding_reviewed")
    assert event.summary == "Safeguarding flag: confirmed concern"
    response = decide(client, other, "not_concern", next_page="item")
    assert response.location.endswith(f"/staff/feedback/{other.item_id}")
    item_page = client.get(f"/staff/feedback/{other.item_id}").get_data(as_text=True)
    assert "Reviewed, not a concern" in item_page
    flags, _ = urgent_page(client)
    assert flags == []


def test_a_decision_that_is_not_one_of_the_two_changes_nothing(signed_in):
    flag = flagged(ABUSE)
    client, _ = signed_in("complaints_officer")
    response = decide(client, flag, "maybe")
    assert response.status_code == 302
    assert SafeguardingFlag.get_by_id(flag.id).status == "open"
    assert "Choose confirmed concern or not a concern" in client.get("/staff/feedback/urgent").get_data(as_text=True)
    lead, _ = signed_in("service_lead")
    assert decide(lead, flag, "concern").status_code == 403


def scored_flag(score, service_slug="highways"):
    """A flag the shipped head gave `score` (the worker's path; the tests' tiny encoder cannot)."""
    item = create_feedback(text="Please check on my neighbour, I am worried.", service_slug=service_slug)
    SafeguardingFlag.delete().where(SafeguardingFlag.item == item).execute()
    return SafeguardingFlag.create(item=item, score=score, severity=3, reasons='["Vulnerable adult without care"]',
                                   head_version=calibration.shipped_head().version, notified_at=utcnow())


def test_officers_decisions_calibrate_the_threshold_shown_on_the_urgent_page(signed_in):
    head = calibration.shipped_head()
    default, ceiling = head.threshold, head.ceiling
    client, _ = signed_in("complaints_officer")
    confirmed = [scored_flag(0.97), scored_flag(0.93), scored_flag(0.99)]
    dismissed = [scored_flag(default + step) for step in (0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09)]
    for flag in confirmed:
        decide(client, flag, "concern")
    for flag in dismissed:
        decide(client, flag, "not_concern")
    row = calibration.latest(head.version)
    assert (row.decisions, row.confirmed, row.dismissed) == (12, 3, 9)
    assert default < row.threshold <= min(ceiling, 0.93) and calibration.threshold() == row.threshold
    assert sum(f.score < row.threshold for f in dismissed) >= 6
    assert AuditEvent.select().where(AuditEvent.action == "learning.safeguarding_calibrated").exists()
    _, html = urgent_page(client)
    assert f"{row.threshold:.3f} or more (half that when their words match a known warning sign), set from 12 " \
           "officers' decisions (3 confirmed concerns, 9 not a concern)" in html
    assert calibration.recalibrate() == row and SafeguardingCalibration.select().count() == row.id  # no new row


def test_a_flag_emails_the_services_officers_and_the_lead_but_never_the_residents_words(signed_in):
    assigned = create_user("complaints_officer", services=["adult-social-care"])
    create_user("complaints_officer", services=["highways"])
    create_user("administrator", services=["adult-social-care"])
    person = create_person(name="Rosalind Quigley", email="rosalind@example.com")
    flag = flagged("My neighbour Mr Thistlewood is 88 and his carers haven't turned up since Friday, he is on his own.",
                   person=person)
    rows = list(OutboxMessage.select().where(OutboxMessage.purpose == "safeguarding_alert").order_by(OutboxMessage.id))
    assert [r.to_address for r in rows] == [assigned.email, LEAD]
    reference = flag.item.reference
    for row in rows:
        assert reference in row.subject and "Homelessness, neglect or vulnerability" in row.subject
        body = row.text_body + row.html_body
        assert f"https://heard.testshire.gov.uk/staff/feedback/{flag.item_id}" in body
        assert "Vulnerable adult without care" in body and reference in body
        for words in ("Thistlewood", "carers haven", "Friday", "Rosalind", "Quigley", "rosalind@example.com"):
            assert words not in body and words not in row.subject
    assert SafeguardingFlag.get_by_id(flag.id).notified_at is not None


def test_with_no_officer_in_the_service_every_complaints_officer_is_emailed_once(signed_in):
    first, second = create_user("complaints_officer"), create_user("complaints_officer", services=["highways"])
    gone = create_user("complaints_officer", services=["parking"])
    User.update(active=False).where(User.id == gone.id).execute()
    flag = flagged(ABUSE, service_slug="libraries")
    sent = [r.to_address for r in OutboxMessage.select().where(OutboxMessage.purpose == "safeguarding_alert")]
    assert sorted(sent) == sorted([first.email, second.email, LEAD])
    SafeguardingFlag.update(notified_at=None).where(SafeguardingFlag.id == flag.id).execute()
    again = alerts.send_alerts(flag.id)  # a retry: the same rows, nobody mailed twice
    assert sorted(r.to_address for r in again) == sorted(sent)
    assert OutboxMessage.select().where(OutboxMessage.purpose == "safeguarding_alert").count() == 3
    assert alerts.send_alerts(flag.id) == []


def test_the_sweep_sends_alerts_a_lost_task_never_queued(signed_in):
    officer = create_user("complaints_officer", services=["highways"])
    item = create_feedback(text="The bins are late again.", service_slug="highways")
    flag = SafeguardingFlag.create(item=item, reasons='["Possible risk to a child"]', severity=1)  # no task ran
    assert alerts.unnotified() == [flag.id]
    run_sweeps()
    assert [r.to_address for r in OutboxMessage.select().where(OutboxMessage.related_id == flag.id)] == [officer.email, LEAD]
    assert alerts.unnotified() == [] and run_sweeps()["learning.safeguarding_alerts"] == 0


def test_a_flag_on_old_feedback_goes_to_the_queue_without_an_email(signed_in):
    create_user("complaints_officer")
    flag = flagged(ABUSE, days_ago=alerts.MAX_AGE_DAYS + 1)
    assert SafeguardingFlag.get_by_id(flag.id).notified_at is not None
    assert not OutboxMessage.select().where(OutboxMessage.purpose == "safeguarding_alert").exists()


def test_the_lead_address_must_be_one_address(app):
    from app.config import Settings

    with pytest.raises(ValueError, match="SAFEGUARDING_LEAD_EMAIL"):
        Settings.from_env({"SAFEGUARDING_LEAD_EMAIL": "lead@example.gov.uk, other@example.gov.uk"},
                          instance_path=str(app.config["HEARD"].instance_path))
    assert Settings.from_env({}, instance_path=app.config["HEARD"].instance_path).safeguarding_lead_email == ""
