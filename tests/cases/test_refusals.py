"""Declining to accept a complaint (Code section 2): the officer's page, the resident's letter,
the timeline and audit, reversing it, and how refusals are counted (reports.queries.casework)."""
import datetime

import pytest

from app.audit.models import AuditEvent
from app.cases import refusals, timeline
from app.cases.models import Case, CaseRefusal
from app.cases.rules import CaseError
from app.mail.models import OutboxMessage
from reports import queries
from reports.queries import casework, complaints
from reports.queries.filters import month
from tests.cases.pages import page, signed_in
from tests.cases.stage_helpers import complaint_case, on, responded
from tests.factories import create_feedback, create_user, service
from tests.html import parse
from tests.web import h1_count, submit


def _links(html):
    actions = parse(html).find("ul", cls="heard-case-actions")
    return {a.text for a in actions.find_all("a")} if actions else set()


def test_an_officer_declines_a_complaint_and_reverses_it(app, clock):
    clock(on(4))
    officer = signed_in(app)
    case = complaint_case()
    assert "Decline to accept as a complaint" in _links(page(officer, case))
    url = f"/staff/cases/{case.id}/decline"

    # Nothing chosen: errors at the fields, and what was typed is kept.
    html = submit(officer, url, {"reasons": "You told us about this in 2023."}).get_data(as_text=True)
    tree = parse(html)
    assert h1_count(html) == 1 and tree.find("title").text.startswith("Error:")
    assert tree.find("div", cls="govuk-error-summary").find("a", href="#exclusion")
    assert tree.find("textarea", name="reasons").text == "You told us about this in 2023."
    html = submit(officer, url, {"exclusion": "other", "reasons": "Typed"}).get_data(as_text=True)
    assert "Enter the reason the complaint is not being accepted" in html and "Typed" in html
    assert Case.get_by_id(case.id).status == "open" and not CaseRefusal.select().exists()

    response = submit(officer, url, {"exclusion": "over_12_months", "reasons": "The repair was in May 2023."})
    assert response.status_code == 302
    case = Case.get_by_id(case.id)
    assert (case.status, case.outcome, case.outcome_label) == ("closed", "not_accepted", "Not accepted as a complaint")
    event = timeline.latest(case, "not_accepted")
    assert "more than 12 months ago" in event.summary and event.body == "The repair was in May 2023."
    assert AuditEvent.get(AuditEvent.action == "case.not_accepted").actor_id == officer.user.id
    letter = OutboxMessage.get(OutboxMessage.purpose == "case_refusal")
    assert letter.to_address == "rita@example.com"
    for words in ("more than 12 months ago", "The repair was in May 2023.",
                  "Local Government and Social Care Ombudsman", case.reference):
        assert words in letter.text_body, words
    links = _links(page(officer, case))
    assert "Accept as a complaint after all" in links and "Reopen the case" not in links
    assert "Decline to accept as a complaint" not in links

    # Counted once, by exclusion, never as a decision.
    queries.refresh()
    march = month(2026, 3)
    assert [(s.key, s.count) for s in casework.refusals(march)] == [("over_12_months", 1)]
    assert complaints.complaints(march).upheld.base == 0
    assert "not_accepted" not in {s.key for s in casework.casework(march).outcomes}
    assert casework.remedies(march).closed == 0

    html = submit(officer, f"/staff/cases/{case.id}/accept", {"reason": ""}).get_data(as_text=True)
    assert "Enter the reason" in html and Case.get_by_id(case.id).status == "closed"
    assert submit(officer, f"/staff/cases/{case.id}/accept", {"reason": "It happened in 2025 after all"}
                  ).status_code == 302
    case = Case.get_by_id(case.id)
    assert (case.status, case.outcome) == ("open", "")
    assert CaseRefusal.get().reversed_at is not None
    assert AuditEvent.get(AuditEvent.action == "case.refusal_reversed").actor_id == officer.user.id
    queries.refresh()
    assert casework.refusals(march) == ()
    with pytest.raises(CaseError):
        refusals.reverse(case, "again")


def test_a_complaint_with_a_response_cannot_be_declined(app, clock):
    clock(on(11))
    officer = create_user()
    case = responded(complaint_case(), officer, [{"point": "Hole", "decision": "upheld", "reasons": "Missed"}])
    with pytest.raises(CaseError, match="had a response"):
        refusals.refuse(case, "over_12_months", "Too old", actor=officer)
    client = signed_in(app)
    assert "Decline to accept as a complaint" not in _links(page(client, case))


def test_refusals_count_on_the_london_day_with_the_casework_filters(app, clock):
    officer = create_user()
    late = datetime.datetime(2026, 3, 31, 23, 30)  # 00:30 on 1 April in London (BST)
    for when, slug, channel, exclusion in ((on(5), "highways", "web", "legal_proceedings"),
                                           (on(6), "highways", "email", "legal_proceedings"),
                                           (on(9), "libraries", "web", "not_council"),
                                           (late, "highways", "web", "appeal_route"),
                                           (datetime.datetime(2026, 2, 10, 12), "highways", "web",
                                            "legal_proceedings")):
        clock(when)
        item = create_feedback(service_slug=slug, channel=channel, received_at=when - datetime.timedelta(hours=2))
        from app.cases.services import case_of

        refusals.refuse(case_of(item), exclusion, "Reasons in plain words", actor=officer, at=when)
    queries.refresh()
    march = month(2026, 3)
    assert {(s.key, s.count, s.previous_count) for s in casework.refusals(march)} == {
        ("legal_proceedings", 2, 1), ("not_council", 1, 0)}
    highways_web = month(2026, 3, services=(service("highways").id,), channel="web")
    assert [(s.key, s.count) for s in casework.refusals(highways_web)] == [("legal_proceedings", 1)]
    assert [(s.key, s.count) for s in casework.refusals(month(2026, 4)) if s.count] == [("appeal_route", 1)]
