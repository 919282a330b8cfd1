"""The accessibility statement and the survey form's fixed words in Welsh. The survey's own
questions are the council's words, shown as written; the form around them is Welsh."""
from tests.i18n.html import parse
from tests.i18n.test_journey import assert_no_english
from tests.surveys.helpers import create_touchpoint, field, question_keys
from tests.web import submit


def test_the_accessibility_statement_in_welsh(client):
    client.get("/?lang=cy")
    response = client.get("/accessibility")
    soup = parse(response.get_data(as_text=True))
    assert soup.find("html")["lang"] == "cy"
    assert soup.find("h1").text() == "Datganiad hygyrchedd"
    text = soup.find("main").text()
    assert "Canllawiau Hygyrchedd Cynnwys y We fersiwn 2.2" in text and "axe-core" in text
    assert "chwyddo hyd at 400% heb" in text and "mailto:feedback@example.gov.uk" in response.get_data(as_text=True)
    months = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
              "Hydref", "Tachwedd", "Rhagfyr")
    assert "Cafodd y datganiad hwn ei baratoi ar" in text and any(m in text for m in months)
    assert_no_english(soup, "/accessibility")


def test_the_survey_form_in_welsh_and_its_errors(client):
    touchpoint = create_touchpoint()
    client.get("/?lang=cy")
    soup = parse(client.get(f"/s/{touchpoint.code}").get_data(as_text=True))
    labels = [label.text() for label in soup.find_all("label")]
    assert "1 – Anfodlon iawn" in labels and "Ie" in labels and "Na" in labels
    assert "Tudalen 1 o 2" in soup.text() or "1 o 2" in soup.text()
    q = question_keys(touchpoint.survey)
    response = submit(client, f"/s/{touchpoint.code}", {field(q["short_text"]): "Cadwch fi"})
    html = response.get_data(as_text=True)
    assert "Dewiswch ateb i “How satisfied were you?”" in html  # the council's question, as written
    assert 'value="Cadwch fi"' in html and "Mae problem" in html
    # The same form class, straight after, in English: the cached class holds no Welsh.
    client.get("/?lang=en")
    html = submit(client, f"/s/{touchpoint.code}", {}).get_data(as_text=True)
    assert "Select an answer to “How satisfied were you?”" in html and "1 – Very dissatisfied" in html
    assert "Dewiswch" not in html and "Anfodlon" not in html


def test_a_fresh_survey_page_in_each_language_in_turn(client):
    """A fresh form's questions are kept as HTML once made (surveys.public): kept per language,
    and never with one resident's answers in them."""
    touchpoint = create_touchpoint()
    for language, words, not_words in (("en", "1 – Very dissatisfied", "Anfodlon"),
                                       ("cy", "1 – Anfodlon iawn", "Very dissatisfied"),
                                       ("en", "1 – Very dissatisfied", "Anfodlon")):
        client.get(f"/?lang={language}")
        html = client.get(f"/s/{touchpoint.code}").get_data(as_text=True)
        assert words in html and not_words not in html, language
    q = question_keys(touchpoint.survey)
    submit(client, f"/s/{touchpoint.code}", {field(q["short_text"]): "My own words"})  # an error page
    fresh = client.get(f"/s/{touchpoint.code}").get_data(as_text=True)
    assert "My own words" not in fresh and "There is a problem" not in fresh
