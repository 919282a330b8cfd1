"""How good each model version is: measured, stored with the version, and said in words.

A challenger is measured against its head's champion on a held-out slice of officers' labels
(app.learning.loop): headline scores, per-label scores, a confusion matrix, calibration, and
the same headline measure on each service area's items, which the loop compares with the
champion's (`regressions`). A version that learns nothing from officers' labels (a zero-shot
service area or theme head, the shipped sentiment model) is measured on all the labels there
are when it is made; with none yet, the models page says so in words, never with a dash.
"""
from dataclasses import dataclass

from peewee import JOIN

from app.feedback.models import FeedbackItem
from app.learning.labels import training_data
from app.learning.models import SENTIMENTS, Topic
from app.org.models import ServiceArea
from app.timefmt import london

SHIPPED_HOLDOUT = "sentiment-holdout.csv"  # classifiers/data: the shipped model never saw it
NO_SERVICE = "none"  # the by_service key of items with no service area
HEADLINE = {"sentiment": "macro-F1", "service": "F1", "theme": "micro-F1"}  # each head's slice measure


def evaluate(task, model, examples, encoder):
    """Scores of `model` on [(item_id, text, labels)]. Sentiment and the service area (its top
    choice): accuracy, macro-F1, per-label figures, the confusion matrix (`labels` gives its
    order; rows what officers said, columns what the model said) and the calibration of the
    top choice's confidence. Themes: macro- and micro-F1 at their thresholds, per-theme
    tp/fp/fn/tn, and the calibration of every (item, theme) score. All heads: `by_service`,
    the headline measure on each service area's items (HEADLINE)."""
    from classifiers.metrics import calibration, score

    texts = [text for _, text, _ in examples]
    areas = item_service_areas([item_id for item_id, _, _ in examples])
    if task == "theme":
        return _evaluate_themes(model, examples, encoder, areas)
    if task == "sentiment":
        results = model.predict(texts, encoder)
        predicted, confidences = [r.label for r in results], [float(r.score) for r in results]
        known = list(SENTIMENTS)
    else:
        tops = [(scored[0] if scored else ("", 0.0)) for scored in model.predict(texts, encoder, top_k=1)]
        predicted, confidences = [key for key, _ in tops], [float(c) for _, c in tops]
        known = list(model.keys)
    true = [labels[0] for _, _, labels in examples]
    scores = score(true, predicted, labels=_label_order(known, true, predicted))
    return {**scores.as_dict(), "labels": scores.labels, "confusion": scores.confusion,
            "calibration": calibration(confidences, [t == p for t, p in zip(true, predicted)]),
            "by_service": _by_service(task, true, predicted, areas)}


def _label_order(known, true, predicted):
    """Every label seen in the truth or the predictions, those the model knows in its order
    first (so a confusion matrix reads the way the taxonomy does)."""
    seen = set(true) | set(predicted)
    return [label for label in known if label in seen] + sorted(seen.difference(known))


def _evaluate_themes(model, examples, encoder, areas):
    from classifiers.metrics import calibration, score_multilabel

    rows = model.predict([text for _, text, _ in examples], encoder)
    true = [set(labels) for _, _, labels in examples]
    predicted = [{key for key, _, assigned in row if assigned} for row in rows]
    scores = score_multilabel(true, predicted, model.keys)
    pairs = [(value, key in applies) for row, applies in zip(rows, true) for key, value, _ in row]
    by_service = {}
    for key, (name, indices) in _slices(areas).items():
        part = score_multilabel([true[i] for i in indices], [predicted[i] for i in indices], model.keys)
        by_service[key] = {"name": name, "n": len(indices), "score": part["micro_f1"]}
    return {**{key: scores[key] for key in ("n", "macro_f1", "micro_f1", "exact", "per_label")},
            "calibration": calibration([p for p, _ in pairs], [a for _, a in pairs]),
            "by_service": by_service}


def _by_service(task, true, predicted, areas):
    """{area key: {name, n, score}}: sentiment by the macro-F1 of the area's items; the service
    head by the F1 of the area itself (the item's own area against the area of the model's
    choice, over every held-out item)."""
    from classifiers.metrics import binary_f1, score

    found = {}
    if task == "service":
        topic_area = service_topic_areas()
        own = [areas[i][0] for i in range(len(true))]
        chosen = [topic_area.get(key, NO_SERVICE) for key in predicted]
    for key, (name, indices) in _slices(areas).items():
        if task == "service":
            value = binary_f1(own, chosen, key)
        else:
            value = score([true[i] for i in indices], [predicted[i] for i in indices]).macro_f1
        found[key] = {"name": name, "n": len(indices), "score": value}
    return found


def _slices(areas):
    """{area key: (name, [positions])} from {position: (key, name)}."""
    slices = {}
    for position in sorted(areas):
        key, name = areas[position]
        slices.setdefault(key, (name, []))[1].append(position)
    return slices


def item_service_areas(item_ids):
    """{position in item_ids: (service area slug or NO_SERVICE, display name)}: each item's own
    service area (FeedbackItem.service)."""
    found = {}
    for start in range(0, len(item_ids), 500):  # SQLite's limit on bound values
        query = (FeedbackItem.select(FeedbackItem.id, ServiceArea.slug, ServiceArea.name)
                 .join(ServiceArea, JOIN.LEFT_OUTER, on=(FeedbackItem.service == ServiceArea.id))
                 .where(FeedbackItem.id.in_(item_ids[start:start + 500])))
        found.update({item_id: (slug, name) for item_id, slug, name in query.tuples() if slug})
    return {position: found.get(item_id) or (NO_SERVICE, "No service area")
            for position, item_id in enumerate(item_ids)}


def service_topic_areas():
    """{service-area topic key: the slug of the ServiceArea it stands for} (taxonomy links)."""
    query = (Topic.select(Topic.key, ServiceArea.slug).join(ServiceArea)
             .where(Topic.kind == "service"))
    return dict(query.tuples())


def regressions(new, old, *, min_items, max_drop):
    """[{service, name, challenger, champion, n}]: the service areas (never "no service area")
    with at least `min_items` held-out items on which `new` scored more than `max_drop` below
    `old` (both evaluate() results on the same items), the largest drop first."""
    old_areas, found = old.get("by_service", {}), []
    for key, entry in new.get("by_service", {}).items():
        before = old_areas.get(key)
        if key == NO_SERVICE or before is None or entry["n"] < min_items:
            continue
        if round(before["score"] - entry["score"], 4) > max_drop:
            found.append({"service": key, "name": entry["name"], "challenger": entry["score"],
                          "champion": before["score"], "n": entry["n"]})
    return sorted(found, key=lambda r: (r["challenger"] - r["champion"], r["name"]))


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
