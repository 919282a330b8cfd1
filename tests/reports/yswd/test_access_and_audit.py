"""Who may draft and publish for which service, what the public can reach before publishing,
the audit trail of who did what, and the PDF the worker builds after publishing."""
from app.audit.models import AuditEvent
from app.queue import run_sweeps
from reports.yswd import tasks
from reports.yswd.models import Publication, PublicationPdf, PublicationQuote
from tests.factories import service
from tests.reports.yswd.helpers import BASE, decide, draft, post, press, publish, said, signed_in, this_month


def test_service_leads_draft_only_for_their_own_services(app):
    said("Waited weeks for the pothole to be filled in.")
    lead = signed_in(app, role="service_lead", services=["highways"])
    html = lead.get(f"{BASE}/new").get_data(as_text=True)
    assert "Highways" in html and "The whole council" not in html and "Waste" not in html
    refused = post(lead, f"{BASE}/new", {"service": "waste-recycling", "period": this_month()[0]})
    assert refused.status_code == 200 and "Select a service from the list" in refused.get_data(as_text=True)
    own = draft(lead)
    officer = signed_in(app)
    other = draft(officer, service="waste-recycling")
    council = draft(officer, service="whole-council")
    assert lead.get(f"{BASE}/{own}").status_code == 200
    assert lead.get(f"{BASE}/{other}").status_code == 404 and lead.get(f"{BASE}/{council}").status_code == 404
    assert press(lead, own, "review").status_code == 302
    listed = lead.get(f"{BASE}/").get_data(as_text=True)
    assert f"{BASE}/{own}" in listed and f"{BASE}/{other}" not in listed


def test_analysts_and_panel_facilitators_cannot_reach_the_staff_pages(app):
    for role in ("analyst", "panel_facilitator"):
        assert signed_in(app, role=role).get(f"{BASE}/").status_code == 403


def test_drafts_and_reports_in_review_are_not_public(app):
    said("The slow gully repair took months and nobody called me back.")
    client = signed_in(app)
    publication_id = draft(client)
    slug = Publication.get_by_id(publication_id).slug
    public = app.test_client()
    for state in ("draft", "review"):
        if state == "review":
            press(client, publication_id, "review")
        assert public.get(f"/you-said-we-did/{slug}").status_code == 404
        assert public.get(f"/you-said-we-did/{slug}.pdf").status_code == 404
        assert slug not in public.get("/you-said-we-did").get_data(as_text=True)
        assert slug not in public.get("/you-said-we-did/feed.atom").get_data(as_text=True)
    press(client, publication_id, "publish")
    assert public.get(f"/you-said-we-did/{slug}").status_code == 200
    assert slug in public.get("/you-said-we-did/feed.atom").get_data(as_text=True)


def test_a_published_report_cannot_be_changed(app):
    item = said("The slow gully repair took months and nobody called me back.")
    client = signed_in(app)
    publication_id = draft(client)
    publish(client, publication_id)
    quote = PublicationQuote.get(PublicationQuote.item == item.id)
    decide(client, publication_id, quote.id, "approve")
    assert PublicationQuote.get_by_id(quote.id).status == "candidate"
    assert client.get(f"{BASE}/{publication_id}/edit").status_code == 404


def test_every_step_is_in_the_audit_log_with_who_did_it(app):
    item = said("The slow gully repair took months and nobody called me back.")
    drafter, publisher = signed_in(app), signed_in(app, role="administrator")
    publication_id = draft(drafter)
    quote = PublicationQuote.get(PublicationQuote.item == item.id)
    decide(drafter, publication_id, quote.id, "approve")
    page = f"{BASE}/{publication_id}/edit"
    assert post(drafter, page, {"title": "What you told Highways", "summary": "You told us about delays."}).status_code == 302
    press(drafter, publication_id, "review")
    press(publisher, publication_id, "publish")
    events = list(AuditEvent.select().where(AuditEvent.object_type == "yswd_publication",
                                            AuditEvent.object_id == str(publication_id)).order_by(AuditEvent.id))
    assert [(e.action, e.actor_label) for e in events] == [
        ("yswd.drafted", drafter.user.email), ("yswd.quote_approved", drafter.user.email),
        ("yswd.edited", drafter.user.email), ("yswd.sent_for_review", drafter.user.email),
        ("yswd.published", publisher.user.email), ("yswd.pdf_built", "system")]
    assert all("gully" not in e.summary + e.details for e in events)  # never the resident's words
    publication = Publication.get_by_id(publication_id)
    assert (publication.drafted_by_id, publication.sent_for_review_by_id, publication.published_by_id) == \
        (drafter.user.id, drafter.user.id, publisher.user.id)
    html = publisher.get(f"{BASE}/{publication_id}").get_data(as_text=True)
    assert "Who did what" in html and drafter.user.email in html and "Published" in html


def test_the_summary_refuses_contact_details(app):
    said("Waited weeks for the pothole to be filled in.")
    client = signed_in(app)
    publication_id = draft(client)
    response = post(client, f"{BASE}/{publication_id}/edit",
                    {"title": "Highways", "summary": "Ask Sam on 01632 960 001 about it."})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Take out the email address, phone number or postcode" in html
    assert "Ask Sam on 01632 960 001 about it." in html  # what was typed is kept


def test_the_pdf_is_built_after_publishing_and_the_sweep_builds_any_missing(app, tmp_path):
    said("The slow gully repair took months and nobody called me back.")
    client = signed_in(app)
    publication_id = draft(client)
    publish(client, publication_id)
    publication = Publication.get_by_id(publication_id)
    assert PublicationPdf.select().where(PublicationPdf.publication == publication).count() == 1
    assert tasks.build_pdf.call_local(publication_id) is False  # safe to run twice
    PublicationPdf.delete().execute()
    html = app.test_client().get(f"/you-said-we-did/{publication.slug}").get_data(as_text=True)
    assert "PDF being prepared" in html and ".pdf" not in html
    assert run_sweeps()["yswd_pdfs"] == 1
    html = app.test_client().get(f"/you-said-we-did/{publication.slug}").get_data(as_text=True)
    assert f"/you-said-we-did/{publication.slug}.pdf" in html
    assert service("highways").name in html
