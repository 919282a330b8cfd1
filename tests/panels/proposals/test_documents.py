"""A proposal's documents: PDF, PNG or JPEG checked by content (not name), size-limited, stored
under the instance folder with random names, downloaded only by staff and current members of
the panel, with a safe filename and nosniff."""
import io
from pathlib import Path

from PIL import Image

from panels.proposals.models import Document, Proposal
from tests.cases.pages import signed_in
from tests.factories import a_pdf, create_member, create_panel, create_proposal, service
from tests.html import parse
from tests.panels.proposals.helpers import get, member_client, proposal_form


def png():
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "navy").save(out, "PNG")
    return out.getvalue()


def upload(client, url, data, filename, content):
    from tests.web import csrf_token

    data = dict(data, csrf_token=csrf_token(client, url), document=(io.BytesIO(content), filename))
    return client.post(url, data=data, content_type="multipart/form-data")


def test_a_pdf_is_stored_outside_the_static_root_and_downloaded_safely(app):
    facilitator = signed_in(app, "panel_facilitator")
    panel = create_panel(facilitators=[facilitator.user])
    url = f"/staff/panels/{panel.id}/proposals/new"
    content = a_pdf("Sunday opening costs")
    response = upload(facilitator, url, proposal_form(service("libraries").id), '../../costs; evil<b>.pdf', content)
    assert response.status_code == 302
    document = Document.get()
    stored = Path(app.instance_path) / "panel_documents" / document.stored_name
    assert stored.read_bytes() == content and len(document.stored_name) >= 32
    assert not str(stored.resolve()).startswith(str(Path(app.static_folder).resolve()))
    assert document.content_type == "application/pdf" and document.filename == "costs evilb.pdf"
    proposal = Proposal.get()
    proposal.status = "open"
    proposal.save()
    page = parse(get(facilitator, f"/staff/panels/proposals/{proposal.id}"))
    assert page.by_id("document-list").link("costs evilb.pdf").href == f"/staff/panels/documents/{document.id}"
    response = facilitator.get(f"/staff/panels/documents/{document.id}")
    assert response.data == content and response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;") and "costs evilb.pdf" in response.headers["Content-Disposition"]
    member = create_member(panel)
    assert member_client(app, member).get(f"/panel/documents/{document.id}").data == content


def test_a_file_that_is_not_a_pdf_but_named_pdf_is_refused_keeping_what_was_typed(app):
    facilitator = signed_in(app, "panel_facilitator")
    panel = create_panel(facilitators=[facilitator.user])
    url = f"/staff/panels/{panel.id}/proposals/new"
    response = upload(facilitator, url, proposal_form(service("libraries").id), "minutes.pdf",
                      b"MZ\x90\x00 this is really a program")
    html = response.get_data(as_text=True)
    page = parse(html)
    assert response.status_code == 200 and "<title>Error:" in html
    assert page.find("div", cls="govuk-error-summary").link("The selected file must be a PDF, PNG or JPEG").href == "#document"
    assert page.by_id("title").attrs["value"] == "Open Oakhurst library on Sundays"
    assert page.by_id("what_would_change").text == "Oakhurst library would open 1pm to 4pm."
    assert page.by_id("question_1").text == "Which hours suit you?"
    assert Proposal.select().count() == 0 and Document.select().count() == 0
    assert not list((Path(app.instance_path) / "panel_documents").glob("*"))
    # a PNG named .pdf is taken for what it is, and named so
    assert upload(facilitator, url, proposal_form(service("libraries").id), "map.pdf", png()).status_code == 302
    assert (Document.get().content_type, Document.get().filename) == ("image/png", "map.png")


def test_a_file_over_the_limit_is_refused(app):
    from panels.proposals import documents

    facilitator = signed_in(app, "panel_facilitator")
    panel = create_panel(facilitators=[facilitator.user])
    big = a_pdf()
    big = big[:-6] + b" " * (documents.LIMIT + 1 - len(big)) + b"%%EOF\n"
    response = upload(facilitator, f"/staff/panels/{panel.id}/proposals/new", proposal_form(service("libraries").id),
                      "big.pdf", big)
    assert "The selected file must be smaller than 1.5 MB" in response.get_data(as_text=True)
    assert Document.select().count() == 0


def test_members_of_other_panels_former_members_and_drafts_get_404_for_documents(app):
    import datetime

    from panels.models import Membership
    from panels.proposals import documents, services

    facilitator = signed_in(app, "panel_facilitator")
    panel, other = create_panel(facilitators=[facilitator.user]), create_panel(name="Accessibility Panel")
    member, outsider, leaver = create_member(panel), create_member(other), create_member(panel)
    proposal = create_proposal(panel, service=service("libraries"))
    draft = create_proposal(panel, status="draft", service=service("libraries"))
    with app.app_context():  # files go under the app's instance folder
        shown = documents.store(proposal, documents.check("plan.pdf", a_pdf()))
        hidden = documents.store(draft, documents.check("draft.pdf", a_pdf()))
    Membership.update(left_at=datetime.datetime(2026, 1, 1)).where(Membership.member == leaver).execute()
    assert member_client(app, member).get(f"/panel/documents/{shown.id}").status_code == 200
    assert member_client(app, member).get(f"/panel/documents/{hidden.id}").status_code == 404
    for someone in (outsider, leaver):
        client = member_client(app, someone)
        assert client.get(f"/panel/documents/{shown.id}").status_code == 404
        assert client.get(f"/panel/proposals/{proposal.id}").status_code == 404
    assert signed_in(app, "panel_facilitator").get(f"/staff/panels/documents/{shown.id}").status_code == 404
    assert app.test_client().get(f"/panel/documents/{shown.id}").status_code == 302
    with app.app_context():
        services.remove_document(Document.get_by_id(hidden.id), actor=facilitator.user)
    assert not (Path(app.instance_path) / "panel_documents" / hidden.stored_name).exists()
