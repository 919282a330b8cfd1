"""The one CSV writer (app.csvout): spreadsheet-safe cells, UTF-8 with a BOM, CRLF, and no
other CSV writer anywhere in the code base."""
import ast
import csv
import io
from pathlib import Path

import pytest

from app.csvout import cell, csv_response, csv_text

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "classifiers", "surveys", "reports", "panels")
# Offline scripts that build the shipped training data (never served): formula escaping would
# change the residents' words the models learn from.
DATA_BUILDERS = {"classifiers/data/make_splits.py", "classifiers/data/make_mixed.py"}


@pytest.mark.parametrize("text", [
    "=1+1 desk", "+44 1865 000000", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "\n=1+1",
    '=HYPERLINK("http://evil.example","Click")', "  =1+1", "\u00a0@cmd", "\uff1d1+1", "-", "- 3 items",
    "-3 apples", "--3", "-0x10",
])
def test_a_cell_that_could_start_a_formula_gets_an_apostrophe(text):
    assert cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-3", "-0.25", "-.5", "-12.", "-1.5e3", "-2E-4", "3", "0.25", "",
                                   "Banbury library desk", "café = good", "a-b", "Q1: -1 or +1?"])
def test_plain_text_and_negative_numbers_stay_as_they_are(value):
    assert cell(value) == value


def test_numbers_stay_numbers_and_empties_are_empty():
    assert cell(-3) == -3 and cell(2.5) == 2.5 and cell(0) == 0
    assert cell(None) == "" and cell(True) == "Yes" and cell(False) == "No"


def test_csv_text_has_a_bom_crlf_and_reads_back():
    text = csv_text([["name", "score"], ["=1+1 desk", -3], ["Zoë, \"quoted\"\nline two", "-0.25"]])
    assert text.startswith("\ufeffname,score\r\n")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows == [["name", "score"], ["'=1+1 desk", "-3"], ['Zoë, "quoted"\nline two', "-0.25"]]


def test_the_response_is_an_attachment_in_utf8(app):
    with app.test_request_context():
        response = csv_response(iter([["café"]]), 'x"; evil=.csv')
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="x-evil-.csv"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.get_data() == "\ufeffcafé\r\n".encode("utf-8")


def _python_files():
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            yield path.relative_to(ROOT).as_posix(), path


def _csv_writers(tree):
    """Lines that make a CSV writer: csv.writer(...), csv.DictWriter(...), or either imported
    from csv by name."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "csv" and \
                {a.name for a in node.names} & {"writer", "DictWriter"}:
            found.append(node.lineno)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("writer", "DictWriter") and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == "csv":
            found.append(node.lineno)
    return found


def test_every_csv_goes_through_app_csvout():
    others = []
    for name, path in _python_files():
        if name == "app/csvout.py" or name in DATA_BUILDERS:
            continue
        source = path.read_text()
        others += [f"{name}:{line}" for line in _csv_writers(ast.parse(source, name))]
        if "text/csv" in source:
            others.append(f"{name}: sets text/csv itself")
    assert not others, "write CSV with app.csvout.csv_response/csv_text:\n" + "\n".join(others)


def test_the_scan_finds_a_writer():
    assert _csv_writers(ast.parse("import csv\nw = csv.writer(f)\n")) == [2]
    assert _csv_writers(ast.parse("from csv import DictWriter\n")) == [1]
