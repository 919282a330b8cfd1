"""`flask reports lessons-learnt`: writes the PDF for a service named by name or slug; an unknown
service or a malformed month is a one-line error and exit status 2, and writes nothing."""
import pytest

from tests.reports.kpi_data import fresh_app, settings_overrides  # noqa: F401
from tests.reports.lessons.helpers import page_count, parking_march, pdf_text


def run(app, *args):
    return app.test_cli_runner().invoke(args=["reports", "lessons-learnt", *args])


def test_writes_the_pdf_for_a_service(app, tmp_path):
    parking_march()
    out = tmp_path / "parking-2026-03.pdf"
    result = run(app, "--service", "parking", "--month", "2026-03", "--out", str(out))
    assert result.exit_code == 0, result.output + result.stderr
    assert "Wrote the lessons-learnt report for Parking, March 2026" in result.output
    text = " ".join(pdf_text(out).split())
    assert page_count(out) >= 4 and "Parking · March 2026" in text
    assert app.config["HEARD"].council_name in text


@pytest.mark.parametrize("service, month, message", [
    ("Moon landings", "2026-03", "No service is called 'Moon landings'"),
    ("parking", "2026-13", "The month must look like 2026-03, not '2026-13'."),
    ("parking", "March 2026", "The month must look like 2026-03, not 'March 2026'."),
    ("parking", "2026-3", "The month must look like 2026-03, not '2026-3'."),
])
def test_an_unknown_service_or_a_malformed_month_is_a_one_line_error(app, tmp_path, service, month, message):
    out = tmp_path / "report.pdf"
    result = run(app, "--service", service, "--month", month, "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert not out.exists()



@pytest.mark.parametrize("name, slug", [("Parking", "parking"), ("parking", "parking"), (" PARKING ", "parking"),
                                        ("waste & recycling", "waste-recycling"),
                                        ("waste-recycling", "waste-recycling")])
def test_a_service_is_found_by_its_name_or_slug(app, name, slug):
    from reports.lessons.gather import find_service

    assert find_service(name).slug == slug
