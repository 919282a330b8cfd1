"""Touchpoints: short codes, QR codes (PNG and SVG) and the A4 poster PDF."""
import io
import re
import shutil
import subprocess

import pytest
import segno
from PIL import Image

from surveys import qr, touchpoints
from surveys.models import Touchpoint
from tests.surveys.helpers import create_survey, create_touchpoint, signed_in

BASE = "http://127.0.0.1:5000"  # Settings.base_url's default, used by the test app


def test_codes_are_short_unambiguous_and_unique():
    survey = create_survey()
    codes = {create_touchpoint(survey, name=f"Desk {n}").code for n in range(30)}
    assert len(codes) == 30
    for code in codes:
        assert len(code) == 8 and set(code) <= set(touchpoints.CODE_ALPHABET)
        assert not set(code) & set("01ilo")


def test_a_clashing_code_is_drawn_again(monkeypatch):
    first = create_touchpoint()
    draws = iter([first.code, first.code, "zzzz2345"])
    monkeypatch.setattr(touchpoints, "new_code", lambda: next(draws))
    second = create_touchpoint(first.survey, name="Phone line", channel="phone")
    assert second.code == "zzzz2345"
    assert Touchpoint.select().where(Touchpoint.code == first.code).count() == 1


def _modules_from_png(data, scale=10, border=4):
    image = Image.open(io.BytesIO(data)).convert("L")
    size = image.width // scale - 2 * border
    return [[image.getpixel(((border + c) * scale + scale // 2, (border + r) * scale + scale // 2)) < 128
             for c in range(size)] for r in range(size)]


def test_qr_png_and_svg_encode_the_touchpoint_url(app):
    touchpoint = create_touchpoint()
    url = f"{BASE}/s/{touchpoint.code}"
    client = signed_in(app)

    png = client.get(f"/staff/surveys/touchpoints/{touchpoint.id}/qr.png")
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert png.data.startswith(b"\x89PNG")
    # Reading the modules back gives exactly the code segno makes for the URL.
    expected = segno.make(url, error="q", micro=False)
    assert expected.error == "Q" and expected.mode == "byte"
    assert _modules_from_png(png.data) == [[bool(cell) for cell in row] for row in expected.matrix]
    assert qr.matrix(url) == _modules_from_png(png.data)

    svg = client.get(f"/staff/surveys/touchpoints/{touchpoint.id}/qr.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    body = svg.get_data(as_text=True)
    assert "<svg" in body and f"<title>{url}</title>" in body and "attachment" in svg.headers["Content-Disposition"]


def test_qr_png_decodes_with_zbar_if_installed(app, tmp_path):
    if not shutil.which("zbarimg"):
        pytest.skip("zbarimg is not installed: the module-by-module check above stands in for decoding")
    touchpoint = create_touchpoint()
    path = tmp_path / "qr.png"
    path.write_bytes(qr.png(f"{BASE}/s/{touchpoint.code}"))
    out = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True)
    assert out.stdout.strip() == f"{BASE}/s/{touchpoint.code}"


@pytest.fixture
def poppler():
    if not shutil.which("pdftotext") or not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils is not installed (tools/ensure-test-deps.sh installs it)")


def test_poster_pdf_has_title_ask_url_and_formats_line(app, poppler, tmp_path):
    survey = create_survey(title="Banbury Library: how did we do?", formats_phone="01295 000000")
    touchpoint = create_touchpoint(survey)
    client = signed_in(app)
    response = client.get(f"/staff/surveys/touchpoints/{touchpoint.id}/poster.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(response.data)

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    squashed = " ".join(text.split())
    assert "Testshire County Council" in squashed
    assert "Banbury Library: how did we do?" in squashed
    assert "Tell us about your visit." in squashed  # the survey's welcome text
    assert "9 questions, about 3 minutes" in squashed  # counted from its questions
    assert f"127.0.0.1:5000/s/{touchpoint.code}" in squashed
    assert "Need this in another format? Ask a member of staff or call 01295 000000." in squashed

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M) and "595.276 x 841.89 pts (A4)" in info

    subprocess.run(["pdftoppm", "-png", "-r", "72", "-singlefile", str(pdf), str(tmp_path / "page")],
                   check=True)
    page = Image.open(tmp_path / "page.png")
    assert abs(page.size[0] - 595) <= 1 and abs(page.size[1] - 842) <= 1
    if shutil.which("zbarimg"):
        out = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "page.png")],
                             capture_output=True, text=True)
        assert out.stdout.strip() == f"{BASE}/s/{touchpoint.code}"


def test_poster_without_a_phone_number_names_the_council(app, poppler, tmp_path):
    touchpoint = create_touchpoint()
    response = signed_in(app).get(f"/staff/surveys/touchpoints/{touchpoint.id}/poster.pdf")
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(response.data)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Ask a member of staff or contact Testshire County Council." in text
