"""What a poster says comes from its survey, in fonts embedded in the PDF: an emoji in a
title prints (from the embedded emoji font) and a character no font has is left out, never
printed as an empty box."""
import shutil
import subprocess

import pytest

from surveys import poster, poster_text
from tests.surveys.helpers import create_survey, create_touchpoint, signed_in


@pytest.fixture
def poppler():
    if not shutil.which("pdftotext") or not shutil.which("pdffonts"):
        pytest.skip("poppler-utils is not installed (tools/ensure-test-deps.sh installs it)")


def _poster(app, tmp_path, touchpoint):
    response = signed_in(app).get(f"/staff/surveys/touchpoints/{touchpoint.id}/poster.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / "poster.pdf"
    path.write_bytes(response.data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split()), fonts


def _font_rows(pdffonts_output):
    """{font name without its subset prefix: (type, embedded)} from pdffonts' table."""
    rows = {}
    for line in pdffonts_output.splitlines()[2:]:
        parts = line.split()
        emb = parts[-5]  # name type [encoding...] emb sub uni object id
        rows[parts[0].split("+", 1)[-1]] = (parts[1], emb)
    return rows


def test_a_short_survey_says_so_and_asks_in_its_own_words(app, poppler, tmp_path):
    survey = create_survey(title="Council tax: your call", welcome_text=(
        "Tell us how your call about council tax went. It helps us answer calls better."),
        questions=[dict(kind="ces", text="How easy was it?", required=True),
                   dict(kind="yes_no", text="Did we sort it out?", required=True)])
    text, fonts = _poster(app, tmp_path, create_touchpoint(survey, name="Council tax phone line",
                                                           channel="phone"))
    assert "Tell us how your call about council tax went." in text
    assert "It helps us" not in text  # only the first sentence goes on the poster
    assert "2 questions, about 1 minute" in text
    assert "2 minutes" not in text
    assert all(emb == "yes" for _, emb in _font_rows(fonts).values())


def test_a_longer_survey_gives_an_honest_estimate():
    survey = create_survey(questions=[dict(kind="long_text", text=f"Question {n}?", required=False)
                                      for n in range(4)], welcome_text="")
    assert poster.effort(poster.poster_questions(survey)) == "4 questions, about 5 minutes"
    assert poster.ask(survey) == poster.DEFAULT_ASK


def test_an_emoji_in_the_title_prints_and_nothing_prints_as_a_box(app, poppler, tmp_path):
    survey = create_survey(title="Library visit 📚 ✓ 中 survey", questions=[
        dict(kind="csat", text="How satisfied were you?", required=True)])
    text, fonts = _poster(app, tmp_path, create_touchpoint(survey))
    assert "Library visit 📚 survey" in text  # ✓ and 中 are in neither embedded font: left out
    assert "✓" not in text and "中" not in text and "\ufffd" not in text
    rows = _font_rows(fonts)
    assert set(rows) == {"LiberationSans", "LiberationSans-Bold", "NotoEmoji-Regular"}
    assert all(kind == "TrueType" and emb == "yes" for kind, emb in rows.values())
    assert "1 question, about 1 minute" in text


def test_emoji_joiners_and_skin_tones_are_left_out_not_drawn():
    regular, _ = poster_text.register()
    assert poster_text.printable("Thanks 👍🏽 from the team 👨‍👩‍👧", regular) == "Thanks 👍 from the team 👨👩👧"
    assert poster_text.printable("Ŵyl y Gwanwyn – €5", regular) == "Ŵyl y Gwanwyn – €5"
