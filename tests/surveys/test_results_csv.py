"""The survey results CSV goes through the one writer: every cell that could start a formula
is escaped, staff-entered names and question texts as well as residents' answers."""
import csv
import io

from tests.surveys.helpers import (create_survey, create_touchpoint, field, good_answers, question_keys,
                                   signed_in)
from tests.web import submit


def rows_of(response):
    body = response.get_data()
    assert body.startswith("\ufeff".encode("utf-8"))  # Excel on Windows reads it as UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_a_touchpoint_named_like_a_formula_reaches_the_csv_escaped(app, client):
    survey = create_survey(questions=[dict(kind="short_text", text="=HYPERLINK(\"http://x\") Your name?",
                                           required=False),
                                      dict(kind="long_text", text="Anything else?", required=False)])
    touchpoint = create_touchpoint(survey, name="=1+1 desk")
    answers = dict(good_answers(survey))
    keys = question_keys(survey)
    answers[field(keys["short_text"])] = "-3"
    answers[field(keys["long_text"])] = "@SUM(1+1)*cmd|' /C calc'!A0\r\nsecond line"
    submit(client, f"/s/{touchpoint.code}", answers)
    response = signed_in(app).get(f"/staff/surveys/{survey.id}/results.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == f'attachment; filename="survey-{survey.id}-responses.csv"'
    header, row = rows_of(response)
    assert header[5] == "v1 Q1: =HYPERLINK(\"http://x\") Your name?"  # does not start with =
    assert row[4] == "'=1+1 desk"
    assert row[5] == "-3"  # a plain negative number stays a number
    assert row[6].startswith("'@SUM(1+1)*cmd|' /C calc'!A0") and row[6].endswith("second line")
    cells = [cell for line in (header, row) for cell in line]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")], cells
    assert response.get_data().count(b"\r\n") >= 2  # CRLF line ends
