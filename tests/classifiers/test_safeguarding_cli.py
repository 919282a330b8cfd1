"""`classifiers train --task safeguarding` and `classifiers evaluate --task safeguarding`, on the
tiny encoder (the shipped head and the real encoder: test_safeguarding_real.py)."""
import csv
import json

import pytest

from tests.classifiers.test_cli import run, write_csv
from tests.classifiers.test_safeguarding import DEV_SET

KEYS = {"task", "n", "accuracy", "macro_f1", "per_label", "seconds", "texts_per_second", "model_version",
        "recall", "false_positive_rate", "threshold"}


def dev_rows(per_label):
    rows = list(csv.DictReader(DEV_SET.open(encoding="utf-8")))
    risk = [(r["text"], r["label"]) for r in rows if r["label"] == "risk"][:per_label]
    none = [(r["text"], r["label"]) for r in rows if r["label"] == "none"][:per_label]
    return [(text.replace('"', "'").replace("\n", " "), label) for text, label in risk + none]


@pytest.fixture(scope="module")
def tiny_head(tmp_path_factory, tiny_encoder_path):
    folder = tmp_path_factory.mktemp("safeguarding-cli")
    train_csv = write_csv(folder / "train.csv", dev_rows(20))
    out = folder / "safeguarding.npz"
    result = run("train", "--task", "safeguarding", "--csv", train_csv, "--out", out,
                 "--encoder", tiny_encoder_path)
    assert result.exit_code == 0, result.output
    assert "on 40 texts (risk 20, none 20)" in result.output and "Cross-validated (5-fold x 3)" in result.output
    return out


def last_json(output):
    data = json.loads(output.strip().splitlines()[-1])
    assert set(data) == KEYS
    return data


def test_evaluate_prints_the_report_then_recall_and_false_positive_rate(tmp_path, tiny_head, tiny_encoder_path):
    test_csv = write_csv(tmp_path / "test.csv", dev_rows(8))
    result = run("evaluate", "--task", "safeguarding", "--test", test_csv, "--json", "--model", tiny_head,
                 "--encoder", tiny_encoder_path)
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "confusion" in result.output
    assert "risk: recall" in result.output and "false-positive rate" in result.output
    data = last_json(result.output)
    assert data["task"] == "safeguarding" and data["n"] == 16 and set(data["per_label"]) == {"risk", "none"}
    assert data["recall"] == data["per_label"]["risk"]["recall"]
    assert 0 <= data["false_positive_rate"] <= 1 and data["model_version"].startswith("tiny-encoder")


def test_a_threshold_of_zero_flags_everything(tmp_path, tiny_head, tiny_encoder_path):
    test_csv = write_csv(tmp_path / "test.csv", [("Bins late", "None"), ("I'm scared of him", "RISK")])
    result = run("evaluate", "--task", "safeguarding", "--test", test_csv, "--json", "--model", tiny_head,
                 "--encoder", tiny_encoder_path, "--threshold", "0")
    assert result.exit_code == 0, result.output
    data = last_json(result.output)
    assert (data["recall"], data["false_positive_rate"], data["threshold"]) == (1.0, 1.0, 0.0)


@pytest.mark.parametrize("content, message", [
    (b"text,label\nthe bins,maybe\n", "unknown safeguarding label(s) 'maybe' (row 2); use risk, none"),
    (b"text,flag\nthe bins,none\n", "missing column(s) label"),
    (b"text,label\n", "no labelled rows"),
    (b"text,label\n\xff bad,risk\n", "not UTF-8"),
])
def test_bad_files_get_one_line_and_status_2(tmp_path, content, message, tiny_encoder_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    result = run("evaluate", "--task", "safeguarding", "--test", bad, "--encoder", tiny_encoder_path)
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_a_head_for_another_encoder_and_a_threshold_elsewhere_are_refused(tmp_path, tiny_encoder_path):
    good = write_csv(tmp_path / "t.csv", dev_rows(2))
    shipped = run("evaluate", "--task", "safeguarding", "--test", good, "--encoder", tiny_encoder_path)
    assert shipped.exit_code == 2 and "was not trained with encoder" in shipped.output
    assert len(shipped.output.strip().splitlines()) == 1
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a model")
    unreadable = run("evaluate", "--task", "safeguarding", "--test", good, "--model", broken,
                     "--encoder", tiny_encoder_path)
    assert unreadable.exit_code == 2 and "cannot read the safeguarding model" in unreadable.output
    sentiment = run("evaluate", "--task", "sentiment", "--test", good, "--threshold", "0.5")
    assert sentiment.exit_code == 2 and "--threshold is only for --task safeguarding" in sentiment.output
