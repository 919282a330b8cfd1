"""Evaluation on a council's own labelled CSV: loading, validation, scoring and the report.

A CSV has a header with the columns `text,label`. Every problem with a file is a DataFileError
whose message is one line, fit to print as it is.
"""
import csv
import io
import json
import time
from dataclasses import dataclass
from pathlib import Path

from classifiers.metrics import format_report, score
from classifiers.sentiment import LABELS as SENTIMENT_LABELS

LABEL_ALIASES = {"label": ("label",), "sentiment": ("label", "sentiment")}
SAFEGUARDING_LABELS = ("risk", "none")
# Labels checked (and lower-cased) per task; topic labels are whatever the council uses.
KNOWN_LABELS = {"sentiment": SENTIMENT_LABELS, "safeguarding": SAFEGUARDING_LABELS}


class DataFileError(ValueError):
    """A labelled file that cannot be used (the message is one line)."""


@dataclass
class LabelledData:
    texts: list
    labels: list
    skipped: int = 0
    groups: list | None = None  # each row's source (the group column), when asked for and present


def _decode(path):
    path = Path(path)
    if not path.is_file():
        raise DataFileError(f"{path}: no such file")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFileError(f"{path.name}: not UTF-8 text (invalid byte at position {error.start}); "
                            "save it as CSV UTF-8") from None


def _find_column(header, names):
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def read_labelled_csv(path, task, label_columns=("label",), skip_blank_labels=False, group_column=None):
    """Read `text,label` rows. Sentiment and safeguarding labels are checked and lower-cased; rows
    with blank text are skipped (counted); blank labels are an error unless skip_blank_labels.
    With `group_column`, each row's source is that column's value (blank: the file's name
    without .csv), or the file's name for every row when the file has no such column."""
    name = Path(path).name
    text = _decode(path)
    if "\x00" in text:
        raise DataFileError(f"{name}: contains NUL bytes; not a CSV text file")
    if not text.strip():
        raise DataFileError(f"{name}: the file is empty")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise DataFileError(f"{name}: not a readable CSV file ({error})") from None
    header = rows[0]
    text_at, label_at = _find_column(header, ("text",)), _find_column(header, label_columns)
    missing = [n for n, at in (("text", text_at), (label_columns[0], label_at)) if at is None]
    if missing:
        found = ", ".join(h.strip() for h in header if h.strip())[:120] or "none"
        raise DataFileError(f"{name}: missing column(s) {', '.join(missing)} (found: {found})")
    data = _rows(name, rows[1:], text_at, label_at, task, skip_blank_labels)
    if group_column is not None:
        data.groups = _groups(rows[1:], text_at, label_at, _find_column(header, (group_column,)),
                              Path(path).stem, data, skip_blank_labels)
    return data


def _groups(rows, text_at, label_at, group_at, default, data, skip_blank_labels):
    """The source of each row _rows kept, in the same order."""
    groups = []
    for row in rows:
        value = row[text_at].strip() if text_at < len(row) else ""
        label = row[label_at].strip() if label_at < len(row) else ""
        if not value or (not label and skip_blank_labels):
            continue
        group = row[group_at].strip() if group_at is not None and group_at < len(row) else ""
        groups.append(f"{default}:{group}" if group else default)
    if len(groups) != len(data.texts):
        raise DataFileError(f"{default}: rows and their sources do not line up")
    return groups


def _rows(name, rows, text_at, label_at, task, skip_blank_labels):
    texts, labels, skipped, unknown = [], [], 0, {}
    known = KNOWN_LABELS.get(task)
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        value = row[text_at].strip() if text_at < len(row) else ""
        label = row[label_at].strip() if label_at < len(row) else ""
        if known is not None:
            label = label.lower()
        if not value or (not label and skip_blank_labels):
            skipped += 1
            continue
        if not label:
            raise DataFileError(f"{name}: row {number} has no label")
        if known is not None and label not in known:
            unknown.setdefault(label, number)
            continue
        texts.append(value)
        labels.append(label)
    if unknown:
        shown = ", ".join(f"{label!r} (row {row})" for label, row in list(unknown.items())[:3])
        raise DataFileError(f"{name}: unknown {task} label(s) {shown}; use {', '.join(known)}")
    if not texts:
        raise DataFileError(f"{name}: no labelled rows")
    return LabelledData(texts, labels, skipped)


def evaluate_sentiment(test, encoder, model=None, started=None, train=None):
    """Score `model` on LabelledData, or a model learnt from `train` by the live loop's recipe
    (classifiers.recipes); returns the result dict (see result_json)."""
    started = started or time.perf_counter()
    if train is not None:
        from classifiers import recipes

        model = recipes.train("sentiment", train.texts, train.labels, encoder)
    _load_fully(model, encoder)
    begin = time.perf_counter()
    results = model.predict(test.texts, encoder)
    predict_seconds = time.perf_counter() - begin
    predicted = [r.label for r in results]
    scores = score(test.labels, predicted, labels=list(SENTIMENT_LABELS))
    result = _result("sentiment", scores, started, predict_seconds, f"{encoder.version}/{model.version}")
    return _with_calibration(result, [r.score for r in results], test.labels, predicted)


def _load_fully(model, encoder):
    """A fine-tuned model's encoder (merged and, at an ONNX precision, its graph built) is
    loaded before the clock starts, as the worker loads it once: texts/s counts predicting."""
    encoder_for = getattr(model, "encoder_for", None)
    if encoder_for is not None:
        encoder_for(encoder)


def _with_calibration(result, confidences, truth, predicted):
    """Add the expected calibration error of the stated confidences (10 bins)."""
    from classifiers.metrics import calibration

    found = calibration(confidences, [t == p for t, p in zip(truth, predicted)])
    result["calibration_error"] = round(found["ece"], 4)
    return result


def topic_taxonomy(*label_sets):
    from classifiers.topics import Topic

    labels = sorted({label for labels in label_sets for label in labels})
    return [Topic(key=label, name=label) for label in labels]


def evaluate_topics(test, encoder, train=None, started=None):
    """Zero-shot on the test file's label names, or a model learnt from `train` by the live
    loop's recipe (classifiers.recipes: a head on the frozen encoder, or a fine-tuned version
    when there are enough rows). Either way it first adapts to the unlabelled texts it is
    given (the test texts, and the training texts), as the live model adapts to the council's
    own feedback; no test label is used before scoring."""
    import numpy as np

    from classifiers import recipes
    from classifiers.topics import TopicModel

    started = started or time.perf_counter()
    if train is None:
        taxonomy = topic_taxonomy(test.labels)
        model, train_embeddings = TopicModel.zero_shot(taxonomy, encoder), None
    else:
        taxonomy = topic_taxonomy(test.labels, train.labels)
        tuned = recipes.fine_tunes("service", len(train.texts), len(taxonomy))
        train_embeddings = None if tuned else encoder.encode(train.texts)
        unlabelled = (None if tuned else np.vstack([train_embeddings, encoder.encode(test.texts)]))
        model = recipes.train("service", train.texts, train.labels, encoder, taxonomy=taxonomy,
                              unlabelled=unlabelled, unlabelled_texts=train.texts + test.texts)
    _load_fully(model, encoder)
    begin = time.perf_counter()
    if train is None:
        embeddings = encoder.encode(test.texts)
        model.adapt(embeddings)
    else:
        embeddings = None  # frozen: encoded again (timed); fine-tuned: its own encoder
    tops = [top[0] for top in model.predict(test.texts, encoder, top_k=1, embeddings=embeddings)]
    predict_seconds = time.perf_counter() - begin
    predicted = [key for key, _ in tops]
    scores = score(test.labels, predicted, labels=[t.key for t in taxonomy])
    result = _result("topic", scores, started, predict_seconds, f"{encoder.version}/{model.version}")
    return _with_calibration(result, [confidence for _, confidence in tops], test.labels, predicted)


def evaluate_safeguarding(test, encoder, head, threshold, started=None):
    """Flag each test text with `head` at `threshold`; scores labels risk / none, and adds the
    recall and false-positive rate for risk (see result_json)."""
    from classifiers.safeguarding import assess_batch

    started = started or time.perf_counter()
    begin = time.perf_counter()
    results = assess_batch(test.texts, encoder=encoder, head=head, threshold=threshold)
    predict_seconds = time.perf_counter() - begin
    predicted = ["risk" if r.flagged else "none" for r in results]
    scores = score(test.labels, predicted, labels=list(SAFEGUARDING_LABELS))
    result = _result("safeguarding", scores, started, predict_seconds, f"{encoder.version}/{head.version}")
    ordinary = sum(1 for label in test.labels if label == "none")
    false_flags = sum(1 for t, p in zip(test.labels, predicted) if t == "none" and p == "risk")
    result.update(recall=scores.per_label["risk"]["recall"], threshold=round(float(threshold), 4),
                  false_positive_rate=round(false_flags / ordinary, 4) if ordinary else 0.0)
    return result


def _result(task, scores, started, predict_seconds, version):
    return {"task": task, "n": scores.n, "accuracy": scores.accuracy, "macro_f1": scores.macro_f1,
            "per_label": scores.per_label, "seconds": round(time.perf_counter() - started, 3),
            "texts_per_second": round(scores.n / predict_seconds, 2) if predict_seconds > 0 else None,
            "model_version": version, "_scores": scores}


def report(result):
    """The readable report (per-label precision, recall, F1, confusion)."""
    head = (f"Task: {result['task']}   model: {result['model_version']}\n"
            f"{result['n']} texts; {result['seconds']:.1f} s in all; "
            f"{result['texts_per_second']} texts/s predicting\n")
    text = head + format_report(result["_scores"])
    if "calibration_error" in result:
        text += (f"\n\ncalibration error {result['calibration_error']:.3f} (mean gap between stated "
                 "confidence and how often it was right, 10 bins; 0 is perfect)")
    if result["task"] == "safeguarding":
        text += (f"\n\nrisk: recall {result['recall']:.3f}, false-positive rate "
                 f"{result['false_positive_rate']:.3f} (flagged at a score of {result['threshold']:.3f} or more)")
    return text


def result_json(result):
    """The one-line JSON object printed last with --json."""
    keys = ("task", "n", "accuracy", "macro_f1", "per_label", "seconds", "texts_per_second",
            "model_version", "calibration_error", "recall", "false_positive_rate", "threshold")
    return json.dumps({key: result[key] for key in keys if key in result}, sort_keys=False)
