"""How good each model version is: measured, stored with the version, and said in words.

A challenger is measured against its head's champion on a held-out slice of officers' labels
(app.learning.loop). A version that learns nothing from officers' labels (a zero-shot service
area or theme head, the shipped sentiment model) is measured on all the labels there are when
it is made; with none yet, the models page says so in words, never with a dash.
"""
from dataclasses import dataclass

from app.learning.labels import training_data
from app.timefmt import london

SHIPPED_HOLDOUT = "sentiment-holdout.csv"  # classifiers/data: the shipped model never saw it


def evaluate(task, model, examples, encoder):
    """Scores of `model` on [(item_id, text, labels)]: single-label macro-F1 for sentiment and
    the service area (its top choice); for themes, macro- and micro-F1 at its thresholds."""
    from classifiers.metrics import score, score_multilabel

    texts = [text for _, text, _ in examples]
    if task == "sentiment":
        predicted = [r.label for r in model.predict(texts, encoder)]
        return score([labels[0] for _, _, labels in examples], predicted).as_dict()
    if task == "service":
        tops = [(scored[0][0] if scored else "") for scored in model.predict(texts, encoder, top_k=1)]
        return score([labels[0] for _, _, labels in examples], tops).as_dict()
    rows = model.predict(texts, encoder)
    scores = score_multilabel([set(labels) for _, _, labels in examples],
                              [{key for key, _, assigned in row if assigned} for row in rows], model.keys)
    return {key: scores[key] for key in ("n", "macro_f1", "micro_f1", "exact", "per_label")}


def measure_on_all_labels(task, model, encoder):
    """For a model that learnt nothing from officers' labels: its scores on all of them
    ({} when there are none), marked as such."""
    examples = training_data(task)
    if not examples:
        return {}
    return {**evaluate(task, model, examples, encoder), "measured_on": "all"}


def shipped_reference(model, encoder):
    """The shipped sentiment model on the NHS hold-out it never saw ({} if that file is missing)."""
    from classifiers.evaluation import DataFileError, read_labelled_csv
    from classifiers.metrics import score
    from classifiers.sentiment import SHIPPED_PATH

    try:
        data = read_labelled_csv(SHIPPED_PATH.parent.parent / "data" / SHIPPED_HOLDOUT, "sentiment")
    except DataFileError:
        return {}
    predicted = [r.label for r in model.predict(data.texts, encoder)]
    scores = score(data.labels, predicted)
    return {"reference_macro_f1": scores.macro_f1, "reference_n": scores.n}


@dataclass
class Quality:
    measured: bool
    headline: str  # "Macro-F1 0.812" or "Not measured:"
    detail: str  # on what, when, compared with what; or why not


def describe(version, min_labels):
    """The models page's words for one version (a ModelVersion, or a history() row)."""
    m = version.metrics_dict
    when = london(version.created_at, with_time=False)
    if "macro_f1" in m:
        headline = f"Macro-F1 {m['macro_f1']:.3f}" + (f", micro-F1 {m['micro_f1']:.3f}" if "micro_f1" in m else "")
        count = int(m.get("holdout", m.get("n", 0)) or 0)
        if m.get("measured_on") == "all":
            detail = (f"on all {_labels(count)} officers had given when it was made ({when}); "
                      "it learnt nothing from them")
        else:
            detail = f"on {_labels(count)} held out from its training, measured {when}"
            if "champion_macro_f1" in m:
                detail += f"; the model in use then scored {m['champion_macro_f1']:.3f}"
        return Quality(True, headline, detail + ".")
    if m.get("source") == "shipped":
        detail = "no officer labels yet to measure it on."
        if "reference_macro_f1" in m:
            detail += (f" Shipped model: macro-F1 {m['reference_macro_f1']:.3f} on {m['reference_n']} "
                       "held-out NHS Friends and Family Test comments (see the model card).")
        return Quality(False, "Not measured here:", detail)
    if m.get("source") == "zero-shot":
        detail = "no officer labels yet. Zero-shot from the taxonomy's names and descriptions"
        if m.get("adapted_on"):
            detail += f", adapted to {m['adapted_on']} items of the council's feedback"
        return Quality(False, "Not measured:", detail + ".")
    if "labels" in m:
        return Quality(False, "Not measured:", f"too few officer labels to train and test ({m['labels']}; "
                                               f"at least {m.get('needed', min_labels)} needed).")
    if not getattr(version, "has_blob", True):
        return Quality(False, "Not measured:", "not trained, so there was nothing to measure.")
    return Quality(False, "Not measured:", "no officer labels were held out to measure it on.")


def _labels(count):
    return f"{count} officer label{'s' if count != 1 else ''}"
