"""The published pages in Welsh: the complaint escalation pages (with their error messages),
"You said, we did" (index, a publication, its feed and its PDF) and the annual complaints
report (index, a report and its PDF). What officers wrote stays as written; English is
unchanged (tests/cases/test_escalation.py, tests/reports)."""
import datetime

import pytest

from app.cases import letters
from reports.annual import services as annual
from reports.annual.models import AnnualReport
from tests.cases.test_escalation import post, responded_case
from tests.factories import create_user
from tests.i18n.test_journey import assert_no_english, english_sentences, welsh_page
from tests.i18n.html import parse
from tests.reports.lessons.helpers import pdf_text
from tests.reports.yswd.helpers import draft, publish, said, signed_in


@pytest.fixture
def escalation_url(app):
    with app.app_context():
        return f"/complaint/escalate/{letters.escalation_token(responded_case())}"


def test_the_escalation_page_is_welsh(client, escalation_url):
    soup = welsh_page(client, escalation_url + "?lang=cy")
    assert soup.find("h1").text() == "Gofyn i ni adolygu eich cwyn"
    assert "Pam rydych chi’n anhapus â’n hymateb cam 1?" in soup.find("label", **{"for": "reason"}).text()
    assert soup.find("button").text() == "Gofyn am adolygiad"
    assert_no_english(soup, "escalate")


def test_an_escalation_error_is_welsh(client, escalation_url):
    client.get("/?lang=cy")
    response = post(client, escalation_url, reason="   ")
    soup = parse(response.get_data(as_text=True))
    assert soup.find("html")["lang"] == "cy" and soup.find("title").text().startswith("Gwall:")
    summary = soup.find("div", **{"class": "govuk-error-summary"})
    assert "Mae problem" in summary.text()
    link = summary.find("a")
    assert link.text() == "Dywedwch wrthym pam rydych chi’n anhapus â’n hymateb cam 1"
    assert link["href"] == "#reason"
    assert_no_english(soup, "escalate error")
    soup = parse(post(client, escalation_url, reason="x" * 5001).get_data(as_text=True))
    assert soup.find("div", **{"class": "govuk-error-summary"}).find("a").text() == \
        "Mae’n rhaid i’r ateb ‘Eich rhesymau’ fod yn 5,000 nod neu lai"
    assert "x" * 5001 in soup.find("textarea").text()  # nothing typed is lost


def test_the_escalation_sent_and_invalid_pages_are_welsh(client, escalation_url):
    client.get("/?lang=cy")
    assert post(client, escalation_url, reason="Ni wnaethoch ateb fy mhwynt.").status_code == 302
    soup = welsh_page(client, escalation_url + "/sent")
    assert soup.find("h1").text() == "Adolygiad wedi’i ofyn amdano"
    text = soup.find("body").text()
    assert "erbyn dydd " in text and any(month in text for month in (
        "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
        "Tachwedd", "Rhagfyr"))
    assert_no_english(soup, "sent")
    soup = welsh_page(client, escalation_url)  # asked already
    assert soup.find("h1").text() == "Rydych chi eisoes wedi gofyn am adolygiad"
    assert_no_english(soup, "already")
    response = client.get("/complaint/escalate/not-a-token")
    soup = parse(response.get_data(as_text=True))
    assert response.status_code == 404 and soup.find("h1").text() == "Nid yw’r ddolen hon yn gweithio"
    assert_no_english(soup, "invalid")


@pytest.fixture
def publication(app):
    said("The gully repair took months and nobody called me back, it was poor.")
    client = signed_in(app)
    publication_id = draft(client)
    publish(client, publication_id)
    from reports.yswd.models import Publication

    return Publication.get_by_id(publication_id)


def test_you_said_we_did_is_welsh(client, publication, tmp_path):
    client.get("/?lang=cy")
    soup = welsh_page(client, "/you-said-we-did/")
    assert soup.find("h1").text() == "Dywedoch chi, gwnaethom ni"
    assert "Dywedoch chi, gwnaethom ni: Highways," in soup.text()  # Heard's title; the service as configured
    assert_no_english(soup, "index")
    soup = welsh_page(client, f"/you-said-we-did/{publication.slug}")
    assert soup.find("h1").text().startswith("Dywedoch chi, gwnaethom ni: ")
    headings = [h2.text() for h2 in soup.find_all("h2")]
    assert headings[:3] == ["Dywedoch chi", "Gwnaethom ni", "Lawrlwytho"]
    text = soup.find("body").text()
    assert "Cyhoeddwyd" in text and "negyddol" in text and "Thema" in text
    assert_no_english(soup, "publication")
    feed = client.get("/you-said-we-did/feed.atom").get_data(as_text=True)
    assert 'xml:lang="cy"' in feed and "Dywedoch chi" in feed
    assert not [s for s in english_sentences() if s in feed]
    words = pdf_words(client, f"/you-said-we-did/{publication.slug}.pdf", tmp_path)
    assert "Dywedoch chi" in words and "Gwnaethom ni" in words and "Sut roedd pobl yn teimlo" in words
    assert "You said" not in words and "How people felt" not in words


def pdf_words(client, path, folder):
    """The words of the PDF at `path`, as pdftotext reads them."""
    response = client.get(path)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    saved = folder / "downloaded.pdf"
    saved.write_bytes(response.data)
    return " ".join(pdf_text(saved).split())


def test_you_said_we_did_stays_english(app, publication):
    page = app.test_client().get(f"/you-said-we-did/{publication.slug}").get_data(as_text=True)
    assert "How people felt" in page and "Published " in page and "Dywedoch" not in page


def test_period_names_are_welsh(app):
    from reports.yswd import drafting, period

    with app.test_request_context("/you-said-we-did/?lang=cy"):
        app.preprocess_request()
        assert period.words(datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)) == \
            "Ebrill i Fehefin 2026"
        assert period.words(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)) == "Mawrth 2026"
        assert drafting.sentiment_words(8, 3, 1) == "8 negyddol, 3 niwtral neu gymysg ac 1 cadarnhaol"
    with app.test_request_context("/you-said-we-did/?lang=en"):
        assert period.words(datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)) == \
            "April to June 2026"
        assert drafting.sentiment_words(8, 3, 1) == "8 negative, 3 neutral or mixed and 1 positive"


@pytest.fixture
def annual_report(app):
    officer, admin = create_user(role="complaints_officer"), create_user(role="administrator")
    report = annual.create(datetime.date(2025, 4, 1), actor=officer, today=datetime.date(2026, 6, 1))
    report = annual.approve(AnnualReport.get_by_id(report.id), actor=admin)
    return annual.publish(report, actor=officer)


def test_the_annual_report_is_welsh(client, annual_report, tmp_path):
    client.get("/?lang=cy")
    soup = welsh_page(client, "/complaints/annual-reports/")
    assert soup.find("h1").text() == "Adroddiadau cwynion blynyddol"
    assert_no_english(soup, "annual index")
    soup = welsh_page(client, f"/complaints/annual-reports/{annual_report.slug}")
    assert soup.find("h1").text() == \
        "Adroddiad blynyddol ar berfformiad cwynion a gwella gwasanaethau 2025/26"
    text = soup.find("body").text()
    assert "1 Ebrill 2025 i 31 Mawrth 2026" in text and "Hunanasesiad yn erbyn y Cod Ymdrin â Chwynion" in text
    words = pdf_words(client, f"/complaints/annual-reports/{annual_report.slug}.pdf", tmp_path)
    assert "Cynnwys" in words and "Adroddiad cwynion blynyddol" in words and "Ymateb y corff llywodraethu" in words
    assert "Contents" not in words and "The governance response" not in words


def test_the_annual_report_stays_english(app, annual_report):
    page = app.test_client().get(f"/complaints/annual-reports/{annual_report.slug}").get_data(as_text=True)
    assert "Annual complaints performance and service improvement report 2025/26" in page
    assert "1 April 2025 to 31 March 2026" in page and "Adroddiad" not in page
