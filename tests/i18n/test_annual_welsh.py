"""The annual complaints report with nothing English left on its Welsh page and in its Welsh PDF
(issue 16, point 5): the charts' legends and descriptions, the PDF's page numbers and language,
the Code's sections, the figures' names and the evidence Heard computes for the self-assessment.
The English page, the stored (English) PDF, the staff pages and the evidence the worker stores
are unchanged; what officers wrote stays as written."""
import datetime

import pytest

from reports import charts
from reports.annual import services as annual
from reports.annual.models import AnnualFile, AnnualReport, Assessment
from tests.cases.pages import signed_in
from tests.factories import create_user
from tests.i18n.test_journey import assert_no_english, english_sentences, welsh_page
from tests.i18n.test_published import pdf_words
from tests.reports.annual.test_annual_report import PERIOD
from tests.reports.lessons.helpers import parking_march_and_a_refusal

OFFICERS_EVIDENCE = "Our leaflet in the libraries explains how to complain."


@pytest.fixture
def settings_overrides(settings_overrides):
    """English and Welsh offered (tests/i18n/conftest.py); a complaint opens its case."""
    return dict(settings_overrides, intake_listeners=("cases",))


@pytest.fixture
def report(app):
    """The 2025/26 report over the Parking month and a declined complaint, published; section 3's
    evidence written by an officer, the others as Heard pre-filled them."""
    parking_march_and_a_refusal()
    officer, admin = create_user(role="complaints_officer"), create_user(role="administrator")
    report = annual.create(datetime.date(2025, 4, 1), actor=officer, today=datetime.date(2026, 6, 1))
    annual.assess(AnnualReport.get_by_id(report.id), 3, status="partly", evidence=OFFICERS_EVIDENCE,
                  commentary="", actor=officer)
    report = annual.approve(AnnualReport.get_by_id(report.id), actor=admin)
    return annual.publish(report, actor=officer)


def page_text(soup):
    return " ".join(soup.find("body").text().split())


def test_the_welsh_page_has_no_english_left(client, report):
    client.get("/?lang=cy")
    soup = welsh_page(client, f"/complaints/annual-reports/{report.slug}")
    assert_no_english(soup, "the annual report")
    text = page_text(soup)
    legend = [t.text() for t in soup.find("svg").find_all("text")[:2]]
    assert legend == ["Y cyfnod hwn", "Y cyfnod blaenorol"]
    assert "(y cyfnod blaenorol " in soup.find("svg").find("desc").text()
    assert "Adran 1: Diffiniad o gŵyn" in text and "Camau cwyno" in text
    assert "Cam 1 wedi’i gydnabod mewn pryd" in text and "Adborth a gafwyd: canmoliaeth" in text
    assert "Cydymffurfiaeth: Yn cydymffurfio’n rhannol." in text
    assert "Ffurflen ar y we: " in text and "Web form" not in text  # a channel's name
    assert "Stage 1" not in text and "Stage 2" not in text
    assert "Wedi’i gyfrifo gan Heard: Cwynion a gofnodwyd:" in text
    assert "Cwynion cam 1 a gydnabuwyd cyn pen 5 diwrnod gwaith: " in text
    assert "yn ymdrin â’r cyfnod o 1 Ebrill 2025 i 31 Mawrth 2026" in text
    # The evidence Heard pre-filled is Heard's words, so Welsh; what an officer wrote is as written.
    assert "Tystiolaeth y cyngor: Cwynion na chawsant eu derbyn: 1." in text
    assert f"Tystiolaeth y cyngor: {OFFICERS_EVIDENCE}" in text


def test_the_welsh_pdf_has_no_english_left(client, report, tmp_path):
    client.get("/?lang=cy")
    response = client.get(f"/complaints/annual-reports/{report.slug}.pdf")
    assert b"/Lang (cy)" in response.data
    words = pdf_words(client, f"/complaints/annual-reports/{report.slug}.pdf", tmp_path)
    left = sorted(s for s in english_sentences() if s in words)
    assert not left, f"English left in the Welsh PDF: {left}"
    assert "Tudalen 1" in words and "Tudalen 2" in words and "Page " not in words
    assert "Eleni" in words and "Y flwyddyn flaenorol" in words  # the bars' legend
    assert "Cwynion a gofnodwyd:" in words and "Diffiniad o gŵyn" in words
    assert OFFICERS_EVIDENCE in words


def test_the_english_page_pdf_and_stored_evidence_are_unchanged(app, report, tmp_path):
    client = app.test_client()
    page = client.get(f"/complaints/annual-reports/{report.slug}").get_data(as_text=True)
    for english in ("This period</text>", "Previous period</text>", "(previous period ",
                    "Section 1: Definition of a complaint", "Stage 1 acknowledged in time",
                    "Computed by Heard: Complaints logged:", f"covers {PERIOD}, with every figure",
                    "The council&#39;s evidence: Complaints not accepted: 1.", "Compliance: Partly complies."):
        assert english in page, english
    assert "Tudalen" not in page and "Cwynion" not in page and "cyfnod" not in page
    stored = AnnualFile.get(AnnualFile.report == report, AnnualFile.kind == "pdf").content
    assert b"/Lang (en-GB)" in bytes(stored)
    words = pdf_words(client, f"/complaints/annual-reports/{report.slug}.pdf", tmp_path)
    assert "Page 1" in words and "Complaints logged:" in words and "Definition of a complaint" in words
    assert "Tudalen" not in words and "Cwynion" not in words
    # The worker pre-filled the evidence in English, as staff read and edit it.
    row = Assessment.get(Assessment.report == report, Assessment.section == 2)
    assert row.evidence.startswith("Complaints not accepted: 1.")


def test_staff_pages_stay_english_with_welsh_chosen(app, report):
    officer = signed_in(app)
    officer.get("/?lang=cy")
    page = officer.get(f"/staff/reports/annual/{report.id}").get_data(as_text=True)
    assert "Definition of a complaint" in page and "Diffiniad" not in page
    page = officer.get("/staff/dashboard/complaints").get_data(as_text=True)
    assert "Previous period</text>" in page and "Stage 1 acknowledged in time" in page and "cyfnod" not in page


def test_charts_follow_the_language_in_force(app):
    rows = [("Parking", 3, None)]
    with app.test_request_context("/complaints/annual-reports/?lang=cy"):
        app.preprocess_request()
        svg = str(charts.bars("c", "Teitl", rows))
        assert "Y cyfnod hwn" in svg and "(y cyfnod blaenorol dim)" in svg
        assert "Dim byd i’w ddangos" in str(charts.bars("d", "Teitl", []))
    with app.app_context():  # the worker: English
        svg = str(charts.bars("c", "Title", rows))
        assert "This period" in svg and "(previous period none)" in svg


def test_the_effect_of_an_action_is_told_in_the_language_in_force(app):
    """The sentence under an action's figures (app.actions.evidence), which the annual report's
    improvements section shows: Welsh on a Welsh page, English for staff and in the worker."""
    from types import SimpleNamespace

    from flask_babel import force_locale

    from app.actions import evidence

    def months(*counts, after=False):
        return [evidence.Month(SimpleNamespace(count=n), after=after, so_far=False) for n in counts]

    before, after = months(4, 4, 4), months(1, 1, 1, after=True)
    with app.test_request_context("/"):
        assert evidence.sentence("Oedi", before, after) == \
            "Complaints about Oedi fell from 4 a month to 1 a month in the three months after."
        with force_locale("cy"):
            assert evidence.sentence("Oedi", before, after) == \
                "Gostyngodd cwynion am Oedi o 4 y mis i 1 y mis yn y tri mis wedyn."
            assert evidence.sentence("Oedi", before, months(4, after=True)) == \
                "Arhosodd cwynion am Oedi ar 4 y mis yn y mis wedyn."
            assert evidence.sentence("Oedi", before, []).startswith("Mae’n rhy fuan i gymharu")
    # As kept with a report's figures (English), then shown on a Welsh page.
    kept = [evidence.sentence("Oedi", before, after), evidence.sentence("Oedi", before, months(9, 9, after=True)),
            evidence.sentence("Oedi", before, []), evidence.OWNERS_NOTE % {"note": "Fe wnaethom ni’n dda."},
            "Words an officer wrote."]
    with app.test_request_context("/"), force_locale("cy"):
        assert [evidence.in_language(said) for said in kept] == [
            "Gostyngodd cwynion am Oedi o 4 y mis i 1 y mis yn y tri mis wedyn.",
            "Cododd cwynion am Oedi o 4 y mis i 9 y mis yn y ddau fis wedyn.",
            "Mae’n rhy fuan i gymharu: nid oes mis llawn wedi mynd heibio ers cwblhau’r cam gweithredu. "
            "Roedd cwynion am Oedi yn 4 y mis ar gyfartaledd cyn hynny.",
            "Nodyn y perchennog: Fe wnaethom ni’n dda.", "Words an officer wrote."]
    with app.test_request_context("/"):
        assert [evidence.in_language(said) for said in kept] == kept
