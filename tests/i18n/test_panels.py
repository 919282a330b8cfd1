"""The customer panels in Welsh: the public pages and application form (with its errors), the
members' workspace, and the emails to applicants and members in their own language. English
pages are unchanged (tests/panels)."""
from app.mail.models import OutboxMessage
from panels import applications, signin
from panels.models import Application, Member
from tests.factories import create_member, create_panel, create_proposal, create_user
from tests.i18n.html import parse
from tests.i18n.test_journey import assert_no_english, welsh_page
from tests.panels.members import sign_in_member
from tests.web import submit

DETAILS = {"name": "Siân Jones", "email": "sian@example.com", "reason": "Rwy’n defnyddio’r llyfrgell bob wythnos.",
           "support_needs": "", "consent": "no"}


def test_the_public_panel_pages_are_welsh(client):
    panel = create_panel("Panel Hygyrchedd", summary="Trigolion sy’n profi ein gwasanaethau.")
    closed = create_panel("Panel Tai", accepting_applications=False)
    client.get("/panels?lang=cy")
    pages = {"/panels": "Paneli cwsmeriaid", f"/panels/{panel.slug}": "Panel Hygyrchedd",
             f"/panels/{panel.slug}/apply": "Gwneud cais i ymuno â Panel Hygyrchedd",
             f"/panels/{closed.slug}/apply": "Nid yw Panel Tai yn derbyn ceisiadau"}
    for path, heading in pages.items():
        soup = welsh_page(client, path)
        assert soup.find("h1").text() == heading, path
        assert_no_english(soup, path)
    soup = welsh_page(client, f"/panels/{panel.slug}")
    assert "Trigolion sy’n profi ein gwasanaethau." in soup.text()  # staff's words, as written


def test_the_questions_page_and_its_choices_are_welsh(client):
    panel = create_panel("Panel Hygyrchedd")
    client.get("/panels?lang=cy")
    response = submit(client, f"/panels/{panel.slug}/apply", dict(DETAILS, consent="yes"))
    assert response.status_code == 200
    soup = parse(response.get_data(as_text=True))
    assert soup.find("html")["lang"] == "cy" and soup.find("h1").text() == "Cwestiynau amdanoch chi"
    labels = [label.text() for label in soup.find_all("label")]
    assert "16 i 24" in labels and "Mae’n well gennyf beidio â dweud" in labels
    assert_no_english(soup, "questions")


def test_a_welsh_application_shows_welsh_errors_and_keeps_what_was_typed(client):
    panel = create_panel("Panel Hygyrchedd")
    client.get("/panels?lang=cy")
    response = submit(client, f"/panels/{panel.slug}/apply", dict(DETAILS, name="", email="nid cyfeiriad"))
    soup = parse(response.get_data(as_text=True))
    summary = next(d for d in soup.find_all("div") if "govuk-error-summary" in d.attrs.get("class", ""))
    links = [a.text() for a in summary.find_all("a")]
    assert "Rhowch eich enw llawn" in links
    assert "Nodwch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com" in links
    assert soup.find("title").text().startswith("Gwall:")
    assert soup.find("textarea", id="reason").text() == DETAILS["reason"]
    assert_no_english(soup, "apply errors")


def _apply(client, panel, language):
    client.get(f"/panels?lang={language}")
    response = submit(client, f"/panels/{panel.slug}/apply", dict(DETAILS, email=f"{language}@example.com"))
    assert response.status_code == 302
    return Application.get(Application.email == f"{language}@example.com")


def test_applicants_get_their_emails_in_the_language_they_applied_in(client, app):
    panel = create_panel("Panel Hygyrchedd")
    welsh = _apply(client, panel, "cy")
    with client.session_transaction() as session:
        session.clear()
    english = _apply(client, panel, "en")
    assert (welsh.language, english.language) == ("cy", "en")
    received = {row.to_address: row for row in OutboxMessage.select().where(OutboxMessage.template == "panel_application_received")}
    assert received["cy@example.com"].subject == "Mae eich cais i ymuno â Panel Hygyrchedd wedi dod i law"
    assert "Diolch am wneud cais" in received["cy@example.com"].text_body
    assert received["en@example.com"].subject == "We have your application to join the Panel Hygyrchedd"
    facilitator = create_user("administrator")
    with app.test_request_context("/staff/"):  # staff pages are English: the email is still Welsh
        applications.decide(welsh, "approved", "Croeso!", actor=facilitator)
        applications.decide(english, "declined", "The panel is full.", actor=facilitator)
    decided = {row.to_address: row for row in OutboxMessage.select().where(OutboxMessage.template == "panel_application_decision")}
    assert decided["cy@example.com"].subject == "Croeso i Panel Hygyrchedd"
    assert "Sut i fewngofnodi" in decided["cy@example.com"].text_body and "Croeso!" in decided["cy@example.com"].text_body
    assert decided["en@example.com"].subject == "Your application to join the Panel Hygyrchedd"
    assert Member.get(Member.email == "cy@example.com").language == "cy"
    with app.test_request_context("/panel/sign-in"):
        signin.request_link("cy@example.com")
    link = OutboxMessage.get(OutboxMessage.template == "panel_sign_in_link")
    assert link.subject == "Eich dolen mewngofnodi ar gyfer gweithle’r panel"


def test_the_members_pages_are_welsh(client):
    panel = create_panel("Panel Llyfrgelloedd")
    member = create_member(panel, name="Siân Jones", language="cy")
    proposal = create_proposal(panel)
    panel_id = panel.id
    client.get("/panel/sign-in?lang=cy")
    for path, heading in {"/panel/sign-in": "Mewngofnodi i weithle eich panel",
                          "/panel/sign-in/check-your-email": "Gwiriwch eich e-bost",
                          "/panel/sign-in/no-such-link": "Nid yw’r ddolen mewngofnodi hon yn gweithio"}.items():
        response = client.get(path)
        soup = parse(response.get_data(as_text=True))
        assert soup.find("html")["lang"] == "cy" and soup.find("h1").text() == heading, path
        assert_no_english(soup, path)
    sign_in_member(client, member)
    for path, heading in {"/panel/": "Eich paneli", f"/panel/panels/{panel_id}": "Panel Llyfrgelloedd",
                          "/panel/settings": "Gosodiadau e-bost",
                          f"/panel/panels/{panel_id}/leave": "Gadael Panel Llyfrgelloedd",
                          f"/panel/proposals/{proposal.id}": proposal.title}.items():
        soup = welsh_page(client, path)
        assert soup.find("h1").text() == heading, path
        assert_no_english(soup, path)


def test_a_member_changes_their_language_on_the_settings_page(client):
    member = create_member(name="Siân Jones")
    sign_in_member(client, member)
    page = client.get("/panel/settings").get_data(as_text=True)
    assert "Which language should we write to you in?" in page and "Cymraeg" in page
    response = submit(client, "/panel/settings", {"digest": "on", "language": "cy"})
    assert response.status_code == 302
    assert Member.get_by_id(member.id).language == "cy"
    soup = welsh_page(client, "/panel/settings")  # the workspace follows the choice
    assert soup.find("h1").text() == "Gosodiadau e-bost"
    submit(client, "/panel/settings", {"digest": "on", "language": "en"})
    assert Member.get_by_id(member.id).language == "en"


def test_the_digest_and_the_decision_email_are_in_each_members_language(app):
    """Both are sent by the worker (no page, no page language): each member's own language."""
    import datetime

    from app.db import utcnow
    from panels import digest
    from panels.proposals import decisions
    from panels.proposals.models import Notification
    from tests.factories import create_view
    from tests.i18n.test_replies_surveys_files import english_in

    panel = create_panel("Panel Llyfrgelloedd")
    welsh = create_member(panel, name="Siân", email="sian@example.com", language="cy")
    english = create_member(panel, name="Sam", email="sam@example.com")
    news = create_proposal(panel, title="Agor ar ddydd Sul")
    day = datetime.date(2026, 5, 12)
    for member in (welsh, english):
        Notification.create(member=member, kind="proposal", proposal=news)
    decided = create_proposal(panel, title="Oriau hwy", status="decided", decision="Byddwn yn agor tan 8yh.",
                              decided_at=utcnow())
    for member in (welsh, english):
        create_view(decided, member)
    with app.app_context():
        for member in (welsh, english):
            digest.send_digest(member.id, day)
        decisions.email_participants(decided.id)
    sent = {(row.template, row.to_address): row for row in OutboxMessage.select()}
    cy_digest, en_digest = sent["panel_digest", "sian@example.com"], sent["panel_digest", "sam@example.com"]
    assert cy_digest.subject.startswith("Beth sy’n newydd ar eich panel: ") and "Mai 2026" in cy_digest.subject
    assert "Cynigion newydd" in cy_digest.text_body and not english_in(cy_digest.text_body)
    assert en_digest.subject.startswith("What is new on your panel: ") and "New proposals" in en_digest.text_body
    cy_decision = sent["proposal_decision", "sian@example.com"]
    assert cy_decision.subject == "Beth wnaethom ei benderfynu: Oriau hwy"
    assert "Byddwn yn agor tan 8yh." in cy_decision.text_body and not english_in(cy_decision.text_body)
    assert sent["proposal_decision", "sam@example.com"].subject == "What we decided: Oriau hwy"
    assert f"/panel/proposals/{decided.id}/outcome" in cy_decision.text_body


def test_the_outcome_page_is_welsh(client):
    from app.db import utcnow
    from tests.factories import create_view

    panel = create_panel("Panel Llyfrgelloedd")
    member = create_member(panel, name="Siân Jones", language="cy")
    proposal = create_proposal(panel, title="Oriau hwy", status="decided", decision="Byddwn yn agor tan 8yh.",
                               decided_at=utcnow())
    create_view(proposal, member, stance="support", reason="Rwy’n gweithio drwy’r wythnos.")
    client.get("/panel/sign-in?lang=cy")
    sign_in_member(client, member)
    soup = welsh_page(client, f"/panel/proposals/{proposal.id}/outcome")
    assert "Byddwn yn agor tan 8yh." in soup.text()
    assert_no_english(soup, "outcome")
