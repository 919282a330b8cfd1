"""The demo closes the loop: root-cause actions in every state, some overdue, and a done action
whose evidence shows the complaints that led to it falling away."""
import datetime

import pytest

from app.actions import evidence
from app.actions.models import OPEN_STATUSES, Action
from app.cases.models import CaseActionLink
from app.demo.seed import delete_demo, seed_demo
from app.feedback.models import FeedbackItem
from reports.archive.models import StoredReport
from reports.yswd.models import Publication, PublicationPdf, PublicationQuote

TODAY = datetime.date(2026, 3, 16)


@pytest.mark.seeded
def test_the_demo_has_actions_in_every_state_and_evidence_of_effect(app, tmp_path, seeded):
    result = seeded
    actions = list(Action.select())
    assert {action.status for action in actions} == {"proposed", "agreed", "in_progress", "done", "dropped"}
    assert result.actions["done"] >= 3 and all(action.is_demo for action in actions)
    overdue = [a for a in actions if a.status in OPEN_STATUSES and a.due_on and a.due_on < TODAY]
    assert len(overdue) >= 3 and all(a.owner_id for a in overdue)
    done = [a for a in actions if a.status == "done"]
    assert all(a.public_summary and a.done_at and a.done_at.date() < TODAY for a in done)
    dropped = next(a for a in actions if a.status == "dropped")
    assert dropped.dropped_reason

    potholes = next(a for a in done if "pothole" in a.title)
    assert CaseActionLink.select().where(CaseActionLink.action == potholes).count() >= 12
    (delay,) = evidence.for_action(potholes, today=TODAY)
    before = [m.figure.count for m in delay.before]
    after = [m.figure.count for m in delay.after if not m.so_far]
    assert len(before) == 3 and len(after) == 3
    assert sum(before) >= 3 * sum(after) > 0, (before, after)
    assert delay.sentence.startswith("Complaints about Delay fell from")

    # Residents' permission to quote: some said yes, not all.
    consented = FeedbackItem.select().where(FeedbackItem.quote_consent == True).count()  # noqa: E712
    assert 0 < consented < FeedbackItem.select().count()

    # "You said, we did": two published reports with approved quotes and a "We did", one draft.
    assert result.publications == {"published": 2, "draft": 1}
    published = list(Publication.select().where(Publication.status == "published"))
    for publication in published:
        assert publication.quotes.where(PublicationQuote.status == "approved").count() >= 1
        assert publication.actions.count() >= 1
    assert any("pothole" in entry.summary for p in published for entry in p.actions)
    assert all(PublicationPdf.select().where(PublicationPdf.publication == p).exists() for p in published)

    a_lead_downloads_last_months_lessons_learnt_report(app, tmp_path)

    counts = delete_demo()
    assert counts["actions"] == len(actions) and Action.select().count() == 0
    assert Publication.select().count() == 0
    assert StoredReport.select().count() == 0  # built from the demo's figures, so gone with them


def a_lead_downloads_last_months_lessons_learnt_report(app, tmp_path):
    """The demo's Streets lead receives Highways' monthly report, and last month's is built
    (by the worker: immediate here) for /staff/reports: a PDF of several pages naming the service."""
    import subprocess

    from app.demo.staff import password_for
    from app.org.models import ServiceArea
    from reports.delivery.services import subscribers
    from tests.web import sign_in

    highways = ServiceArea.get(ServiceArea.slug == "highways")
    assert [u.email for u in subscribers(highways)] == ["lead.streets@demo.heard.invalid"]
    report = StoredReport.get(StoredReport.service == highways)
    assert report.status == "ready" and report.period_start == datetime.date(2026, 2, 1)
    client = app.test_client()
    assert sign_in(client, "lead.streets@demo.heard.invalid", password_for("service_lead")).status_code == 302
    page = client.get("/staff/reports").get_data(as_text=True)
    assert f"/staff/reports/{report.id}/pdf" in page
    pdf = client.get(f"/staff/reports/{report.id}/pdf")
    path = tmp_path / "highways.pdf"
    path.write_bytes(pdf.data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("\f") >= 4 and "Highways" in text and f"{report.period_start:%B %Y}" in text


@pytest.mark.seeded
def test_the_demo_council_has_two_panels_an_open_proposal_and_a_decided_one(app, seeded):
    from panels.models import Membership, Panel, PanelFacilitator
    from panels.proposals.models import Proposal

    assert seeded.panels == {"panels": 2, "members": 10, "proposals": 2}
    panels = list(Panel.select())
    assert len(panels) == 2 and all(panel.is_demo for panel in panels)
    for panel in panels:
        assert Membership.select().where(Membership.panel == panel, Membership.left_at.is_null()).count() >= 4
        assert PanelFacilitator.get(PanelFacilitator.panel == panel).user.role == "panel_facilitator"
    by_status = {proposal.status: proposal for proposal in Proposal.select()}
    assert set(by_status) == {"open", "decided"}
    assert by_status["open"].closes_on > TODAY and by_status["open"].comments.count() >= 3
    decided = by_status["decided"]
    assert decided.decision and decided.publication.status == "published"
    assert [link.action.status for link in decided.actions] == ["done", "done"]
