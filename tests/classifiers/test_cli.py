"""`classifiers train` and `classifiers evaluate`, on the tiny encoder."""
import json

import pytest
from click.testing import CliRunner

from classifiers.cli import classifiers_cli

SENTIMENT_ROWS = [("Lovely kind staff, thank you", "positive"), ("Awful wait and rude staff", "negative"),
                  ("The letter came on Tuesday", "Neutral"), ("Great and quick", "positive"),
                  ("Terrible, never again", "negative"), ("I phoned about the form", "neutral")]
TOPIC_ROWS = [("pothole on the road", "Roads"), ("bins not collected", "Bins"),
              ("street light out", "Roads"), ("recycling missed", "Bins"), ("rent repair", "Housing")]
KEYS = {"task", "n", "accuracy", "macro_f1", "per_label", "seconds", "texts_per_second", "model_version",
        "calibration_error"}


def write_csv(path, rows, header="text,label"):
    lines = [header] + [f'"{text}",{label}' for text, label in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def run(*args):
    return CliRunner().invoke(classifiers_cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def model_file(tmp_path_factory, tiny_encoder_path):
    folder = tmp_path_factory.mktemp("cli")
    train_csv = write_csv(folder / "train.csv", SENTIMENT_ROWS * 2, header="text,sentiment,question")
    out = folder / "sentiment.npz"
    result = run("train", "--task", "sentiment", "--csv", train_csv, "--out", out,
                 "--encoder", tiny_encoder_path)
    assert result.exit_code == 0, result.output
    assert "on 12 texts (negative 4, neutral 4, positive 4)" in result.output
    return out


def last_json(output):
    data = json.loads(output.strip().splitlines()[-1])
    assert set(data) == KEYS
    return data


def test_evaluate_sentiment_prints_a_report_and_json(tmp_path, model_file, tiny_encoder_path):
    test_csv = write_csv(tmp_path / "test.csv", SENTIMENT_ROWS)
    result = run("evaluate", "--task", "sentiment", "--test", test_csv, "--json",
                 "--model", model_file, "--encoder", tiny_encoder_path)
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "confusion" in result.output
    data = last_json(result.output)
    assert data["task"] == "sentiment" and data["n"] == 6
    assert set(data["per_label"]) == {"negative", "neutral", "positive"}
    assert data["texts_per_second"] > 0 and data["model_version"].startswith("tiny-encoder")


def test_evaluate_topics_zero_shot_and_trained(tmp_path, tiny_encoder_path):
    test_csv = write_csv(tmp_path / "test.csv", TOPIC_ROWS)
    zero = run("evaluate", "--task", "topic", "--test", test_csv, "--json", "--encoder", tiny_encoder_path)
    assert zero.exit_code == 0, zero.output
    assert set(last_json(zero.output)["per_label"]) == {"Roads", "Bins", "Housing"}
    train_csv = write_csv(tmp_path / "train.csv", TOPIC_ROWS * 2)
    trained = run("evaluate", "--task", "topic", "--test", test_csv, "--train", train_csv, "--json",
                  "--encoder", tiny_encoder_path)
    assert trained.exit_code == 0, trained.output
    assert last_json(trained.output)["n"] == 5


@pytest.mark.parametrize("content, message", [
    (b"text,score\nhello,1\n", "missing column(s) label"),
    (b"", "empty"),
    (b"text,label\n", "no labelled rows"),
    (b"text,label\ngood,happy\n", "unknown sentiment label(s) 'happy'"),
    (b"text,label\n\xff\xfe bad bytes,positive\n", "not UTF-8"),
    (b"text,label\nfine,\n", "row 2 has no label"),
])
def test_bad_files_get_one_line_and_status_2(tmp_path, content, message, tiny_encoder_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    result = run("evaluate", "--task", "sentiment", "--test", bad, "--encoder", tiny_encoder_path)
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_missing_file_and_train_for_safeguarding_are_refused(tmp_path):
    assert run("evaluate", "--task", "topic", "--test", tmp_path / "none.csv").exit_code == 2
    good = write_csv(tmp_path / "t.csv", [("I fear for my life", "risk"), ("Bins late", "none")])
    result = run("evaluate", "--task", "safeguarding", "--test", good, "--train", good)
    assert result.exit_code == 2 and "--train" in result.output
    sentiment = write_csv(tmp_path / "s.csv", SENTIMENT_ROWS)
    result = run("evaluate", "--task", "sentiment", "--test", sentiment, "--train", sentiment,
                 "--model", sentiment)
    assert result.exit_code == 2 and "not both" in result.output


def test_evaluate_train_learns_as_the_live_loop_does(tmp_path, tiny_encoder_path, monkeypatch):
    """A few rows: a head on the frozen encoder; enough rows: the encoder is fine-tuned."""
    from classifiers import tuned

    train = write_csv(tmp_path / "train.csv", SENTIMENT_ROWS * 3)
    test = write_csv(tmp_path / "test.csv", SENTIMENT_ROWS)
    args = ("evaluate", "--task", "sentiment", "--test", test, "--train", train, "--json",
            "--encoder", tiny_encoder_path)
    frozen = run(*args)
    assert frozen.exit_code == 0, frozen.output
    assert "-ft-" not in last_json(frozen.output)["model_version"]
    monkeypatch.setattr(tuned, "MIN_ROWS", {"sentiment": 10, "service": 10, "theme": 10})
    monkeypatch.setattr(tuned, "MIN_PER_LABEL", {"sentiment": 0, "service": 0, "theme": 0})
    monkeypatch.setenv("CLASSIFIER_SENTIMENT_CORPUS", "none")
    fine = run(*args)
    assert fine.exit_code == 0, fine.output
    result = last_json(fine.output)
    assert "-ft-" in result["model_version"] and result["n"] == len(SENTIMENT_ROWS)
    topics = write_csv(tmp_path / "topics.csv", TOPIC_ROWS * 3)
    fine_topics = run("evaluate", "--task", "topic", "--test", topics, "--train", topics, "--json",
                      "--encoder", tiny_encoder_path)
    assert fine_topics.exit_code == 0, fine_topics.output
    assert "-ft-" in last_json(fine_topics.output)["model_version"]


def test_the_group_is_registered_with_flask(app):
    result = app.test_cli_runner().invoke(args=["classifiers", "evaluate", "--help"])
    assert result.exit_code == 0 and "--task" in result.output
