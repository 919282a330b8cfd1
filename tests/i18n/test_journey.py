"""The 3Cs journey and /track in Welsh: every page, its questions, hints, choices and error
messages, the check-your-answers rows and the tracking page; a resident's saved language
followed once /track finds their feedback. English pages are unchanged (tests/feedback)."""
import re

import pytest

from app.feedback.models import FeedbackStatusChange
from tests.factories import create_feedback, create_person
from tests.feedback.journey import COMPLAINT, answer, fill, reference_in, send
from tests.i18n.html import parse
from tests.i18n.test_catalogue import welsh
from tests.web import submit

PLACEHOLDER = re.compile(r"%\(\w+\)s")


def english_sentences():
    """The catalogue's English strings long enough to be unmistakable in a page's text."""
    catalogue = welsh()
    found = set()
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            for part in PLACEHOLDER.split(text or ""):
                if len(part.strip()) >= 14 and "<" not in part and part.strip() not in WELSH_TOO:
                    found.add(part.strip())
    return found


WELSH_TOO = set()  # English strings that are also what the Welsh page says (none so far)


def welsh_page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    soup = parse(response.get_data(as_text=True))
    assert soup.find("html")["lang"] == "cy"
    return soup


def assert_no_english(soup, where):
    text = " ".join(soup.find("body").text().split())
    left = sorted(s for s in english_sentences() if s in text)
    assert not left, f"English left on {where}: {left}"


def test_every_journey_page_is_welsh(client):
    client.get("/?lang=cy")
    headings = {
        "kind": "Am beth hoffech chi ddweud wrthym?",
        "service": "Pa wasanaeth mae’n ymwneud ag ef?",
        "what-happened": "Beth ddigwyddodd?",
        "put-right": "Beth fyddai’n unioni pethau? (dewisol)",
        "when": "Pryd digwyddodd hyn? (dewisol)",
        "files": "Ychwanegu lluniau neu ddogfennau (dewisol)",
        "contact": "Sut gallwn ni gysylltu â chi?",
        "support": "Oes angen unrhyw gymorth arnoch gennym ni?",
        "privacy": "Sut rydym yn defnyddio eich gwybodaeth",
    }
    for slug, data in COMPLAINT.items():
        path = "/feedback" if slug == "kind" else f"/feedback/{slug}"
        soup = welsh_page(client, path)
        assert soup.find("h1").text() == headings[slug], slug
        assert_no_english(soup, path)
        assert answer(client, slug, data).status_code == 302, slug
    soup = welsh_page(client, "/feedback/check")
    assert soup.find("h1").text() == "Gwiriwch eich atebion cyn eu hanfon"
    keys = [dt.text() for dt in soup.find_all("dt")]
    assert keys[:3] == ["Math o adborth", "Gwasanaeth", "Beth ddigwyddodd?"]
    assert "Cwyn" in soup.text() and "3 Chwefror 2026" in soup.text()  # the date, in Welsh
    assert "Nawr anfonwch eich cwyn" in soup.text()
    assert_no_english(soup, "check")


def test_the_choices_and_hints_are_welsh(client):
    client.get("/?lang=cy")
    soup = welsh_page(client, "/feedback")
    labels = [label.text() for label in soup.find_all("label")]
    assert "Canmoliaeth" in labels and "Cwyn" in labels and "Sylw neu awgrym" in labels
    assert "Nid cwyn yw hon." in soup.text()
    answer(client, "kind", {"kind": "complaint"})
    soup = welsh_page(client, "/feedback/service")
    assert "Dwi ddim yn siŵr" in [label.text() for label in soup.find_all("label")]


@pytest.mark.parametrize("slug, data, message", [
    ("kind", {}, "Dewiswch am beth hoffech chi ddweud wrthym"),
    ("what-happened", {"text": "  "}, "Nodwch beth ddigwyddodd"),
    ("what-happened", {"text": "x" * 10_001},
     "Mae’n rhaid i’r ateb ‘Yr hyn rydych yn ei ddweud wrthym’ fod yn 10,000 nod neu lai"),
    ("when", {"day": "3", "month": "", "year": ""}, "Mae’n rhaid i’r dyddiad gynnwys mis a blwyddyn"),
    ("when", {"day": "31", "month": "2", "year": "2026"}, "Mae’n rhaid i’r dyddiad fod yn ddyddiad go iawn"),
    ("contact", {"email": "not an address"}, "Nodwch gyfeiriad e-bost yn y fformat cywir"),
    ("contact", {"address_line_1": "1 High St"}, "Nodwch god post"),
    ("contact", {"phone": "\x00"}, "Tynnwch y nodau anarferol o’ch ateb"),
])
def test_error_messages_are_welsh_and_keep_what_was_typed(client, slug, data, message):
    client.get("/?lang=cy")
    answer(client, "kind", {"kind": "complaint"})
    response = answer(client, slug, data)
    assert response.status_code == 200
    soup = parse(response.get_data(as_text=True))
    summary = soup.find("div", data_module="govuk-error-summary")
    assert summary.find("h2").text() == "Mae problem"
    assert message in summary.text()
    assert soup.find("title").text().startswith("Gwall:")
    assert_no_english(soup, slug)


def test_the_confirmation_page_is_welsh(client):
    client.get("/?lang=cy")
    html = send(client)
    soup = parse(html)
    assert soup.find("h1").text() == "Cwyn wedi’i hanfon"
    assert "Bydd swyddog cwynion yn cysylltu â chi cyn pen 5 diwrnod gwaith" in soup.text()
    assert "gyda’r cyfeiriad e-bost neu’r rhif ffôn a roesoch i ni" in soup.text()
    assert reference_in(html)
    assert_no_english(soup, "sent")


def test_the_are_you_sure_page_names_what_was_given_in_welsh(client):
    client.get("/?lang=cy")
    fill(client, COMPLAINT, contact={"email": "ann@example.com", "phone": "07700 900982",
                                     "preferred_contact": "none"})
    soup = welsh_page(client, "/feedback/no-contact")
    assert "Fe wnaethoch roi eich cyfeiriad e-bost a’ch rhif ffôn i ni" in soup.text()
    assert_no_english(soup, "no-contact")


@pytest.fixture
def welsh_item(app):
    person = create_person(name="Ann Example", email="ann@example.com", phone="07700 900982")
    person.language = "cy"
    person.save()
    item = create_feedback(kind="complaint", person=person, text="Mae twll yn y ffordd.")
    FeedbackStatusChange.create(item=item, status="in_progress")
    return item


def test_track_follows_the_residents_saved_language(client, welsh_item):
    response = client.get("/track")  # no choice made, the browser says nothing: English
    assert parse(response.get_data(as_text=True)).find("html")["lang"] == "en-GB"
    response = submit(client, "/track", {"reference": welsh_item.reference, "contact": "ann@example.com"})
    assert response.status_code == 302
    soup = welsh_page(client, "/track/status")
    assert soup.find("h1").text() == f"Eich cwyn {welsh_item.reference}"
    assert "Yn cael ei ystyried" in soup.text() and "Wedi dod i law" in soup.text()
    months = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
              "Medi", "Hydref", "Tachwedd", "Rhagfyr")
    assert any(month in soup.find("dl").text() for month in months)
    assert_no_english(soup, "track/status")
    response = submit(client, "/track/status", {"text": ""})
    assert "Nodwch yr wybodaeth rydych am ei hychwanegu" in response.get_data(as_text=True)


def test_a_choice_made_on_the_visit_beats_the_saved_language(client, welsh_item):
    client.get("/?lang=en")
    submit(client, "/track", {"reference": welsh_item.reference, "contact": "ann@example.com"})
    soup = parse(client.get("/track/status").get_data(as_text=True))
    assert soup.find("html")["lang"] == "en-GB"
    assert soup.find("h1").text() == f"Your complaint {welsh_item.reference}"


def test_track_errors_in_welsh(client):
    client.get("/?lang=cy")
    soup = welsh_page(client, "/track")
    assert soup.find("h1").text() == "Dilyn hynt eich adborth"
    response = submit(client, "/track", {"reference": "HRD-2026-999999", "contact": "x@example.com"})
    text = parse(response.get_data(as_text=True)).text()
    assert "Ni allem ddod o hyd i adborth gyda’r cyfeirnod a’r manylyn cyswllt hwnnw" in text


def test_the_more_information_email_is_in_the_residents_language(client, welsh_item):
    from app.mail.models import OutboxMessage

    client.get("/?lang=en")  # the page is English, the resident's saved language is Welsh
    submit(client, "/track", {"reference": welsh_item.reference, "contact": "ann@example.com"})
    submit(client, "/track/status", {"text": "Mae’r twll yn waeth."})
    message = OutboxMessage.get(OutboxMessage.purpose == "more_information_received")
    assert message.subject == f"Rydym wedi ychwanegu eich gwybodaeth at {welsh_item.reference}"
    assert "Helo Ann Example," in message.text_body and "at eich cwyn, cyfeirnod" in message.text_body
    assert "Thank you" not in message.text_body and "Diolch." in message.html_body
