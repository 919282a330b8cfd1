"""Public pages in Welsh: the switch, `lang`, the remembered choice; staff pages stay English."""
import datetime


from app.feedback.models import FeedbackItem
from app.mail.models import OutboxMessage
from tests.feedback.journey import reference_in, send
from tests.i18n.html import parse


def page(client, path, **kwargs):
    response = client.get(path, **kwargs)
    return response, parse(response.get_data(as_text=True))


def test_english_is_the_default_with_a_switch_to_welsh(client):
    response, soup = page(client, "/")
    assert response.status_code == 200 and soup.find("html")["lang"] == "en-GB"
    assert soup.find("h1").text() == "Tell us what you think"
    switch = soup.find("nav", aria_label="Language")
    link = switch.find("a", hreflang="cy")
    assert link.text() == "Cymraeg" and link["lang"] == "cy"
    assert link["href"].endswith("lang=cy")
    assert switch.find(aria_current="true").text() == "English"


def test_the_switch_turns_the_home_page_welsh_and_is_remembered(client):
    response, soup = page(client, "/?lang=cy")
    assert soup.find("html")["lang"] == "cy"
    assert soup.find("h1").text() == "Dywedwch wrthym beth yw eich barn"
    assert "Rhoi adborth" in soup.text() and "Neidio i’r prif gynnwys" in soup.text()
    assert "Give feedback" not in soup.text()
    assert soup.find("nav", aria_label="Iaith").find("a", hreflang="en")["lang"] == "en"
    _, again = page(client, "/")  # no ?lang: the session keeps the choice
    assert again.find("html")["lang"] == "cy" and "Datganiad hygyrchedd" in again.text()
    _, back = page(client, "/?lang=en")
    assert back.find("html")["lang"] == "en-GB" and back.find("h1").text() == "Tell us what you think"


def test_accept_language_picks_welsh_among_those_offered(client):
    _, soup = page(client, "/", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"})
    assert soup.find("html")["lang"] == "cy"
    _, soup = page(client, "/", headers={"Accept-Language": "fr,de;q=0.8"})
    assert soup.find("html")["lang"] == "en-GB"


def test_error_pages_in_welsh(client):
    client.get("/?lang=cy")
    response, soup = page(client, "/no-such-page")
    assert response.status_code == 404 and soup.find("html")["lang"] == "cy"
    assert soup.find("h1").text() == "Heb ddod o hyd i’r dudalen"
    assert "Mynd i’r hafan" in soup.text() and "Page not found" not in soup.text()


def test_staff_pages_stay_english(client):
    client.get("/?lang=cy")
    response, soup = page(client, "/staff/login")
    assert soup.find("html")["lang"] == "en-GB"
    assert soup.find("nav", aria_label="Language") is None
    assert soup.find("nav", aria_label="Iaith") is None


def test_no_switch_when_the_council_offers_only_english(app, tmp_path, database_url, settings_overrides):
    from app import create_app

    english_only = create_app(dict(settings_overrides, languages=("en",)))
    response = english_only.test_client().get("/?lang=cy")
    soup = parse(response.get_data(as_text=True))
    assert soup.find("html")["lang"] == "en-GB" and soup.find(hreflang=True) is None
    assert soup.find("h1").text() == "Tell us what you think"


def test_a_resident_who_used_welsh_gets_the_acknowledgement_in_welsh(client):
    client.get("/?lang=cy")
    reference = reference_in(send(client))
    item = FeedbackItem.get(FeedbackItem.reference == reference)
    assert item.person.language == "cy"
    message = OutboxMessage.get(OutboxMessage.idempotency_key == f"ack:feedback:{item.id}")
    assert message.subject == f"Rydym wedi cael eich cwyn – cyfeirnod {reference}"
    assert "Diolch am eich cwyn." in message.text_body and "Helo Ann Example," in message.text_body
    assert "Bydd swyddog cwynion yn cysylltu â chi erbyn" in message.text_body
    assert "Thank you" not in message.text_body and "What happens next" not in message.text_body
    assert 'lang="cy"' in message.html_body and "Eich cyfeirnod" in message.html_body
    weekday = {0: "dydd llun", 1: "dydd mawrth", 2: "dydd mercher", 3: "dydd iau", 4: "dydd gwener"}
    assert any(day in message.text_body.lower() for day in weekday.values())


def test_an_english_resident_gets_english(client):
    reference = reference_in(send(client))
    item = FeedbackItem.get(FeedbackItem.reference == reference)
    assert item.person.language == "en"
    message = OutboxMessage.get(OutboxMessage.idempotency_key == f"ack:feedback:{item.id}")
    assert message.subject == f"We have received your complaint – reference {reference}"
    assert "Thank you for your complaint." in message.text_body
    today = datetime.date.today()
    assert today.strftime("%B") in message.text_body or "What happens next" in message.text_body


def test_a_staff_page_in_a_blueprint_residents_also_use_stays_english(app):
    """proposal_results serves members' outcome pages (which follow the switch) and the staff
    results page (which never does)."""
    from tests.factories import create_panel, create_proposal, create_view
    from tests.surveys.helpers import signed_in

    facilitator = signed_in(app, "panel_facilitator")
    proposal = create_proposal(create_panel(facilitators=[facilitator.user]))
    create_view(proposal, stance="support", reason="I work all week.")
    facilitator.get("/?lang=cy")
    response, soup = page(facilitator, f"/staff/panels/proposals/{proposal.id}/results")
    assert response.status_code == 200 and soup.find("html")["lang"] == "en-GB"
    assert soup.find("nav", aria_label="Iaith") is None
    assert [row.find("th").text() for row in soup.find(id="view-counts").find_all("tr")[1:]] == \
        ["Support", "Neutral", "Oppose"]
