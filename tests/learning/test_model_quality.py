"""Model quality in the product: each measured version keeps its confusion matrix, per-label
scores, calibration and its scores on each service area; a challenger that is worse on one
service area is not promoted however good its average; the models page shows all of it, and
versions measured before any of this still show what they have."""
import json

import pytest

from app.feedback.models import FeedbackItem
from app.learning import labels, loop, quality, runtime
from app.learning.models import ModelVersion
from app.learning.tasks import train_challenger
from classifiers.metrics import calibration, score
from tests.factories import create_feedback, create_user, service
from tests.html import main_text, parse
from tests.learning.test_loop import NEGATIVE, NEUTRAL, POSITIVE
from tests.web import get_page

SERVICES = ("highways", "waste-recycling", "libraries")


def _label_sentiment(officer, copies=1):
    """Every sentence of test_loop labelled (`copies` times over, each copy its own item),
    the items spread over three service areas."""
    n = 0
    for copy in range(copies):
        for label, texts in (("positive", POSITIVE), ("negative", NEGATIVE), ("neutral", NEUTRAL)):
            for text in texts:
                item = create_feedback(text=text + (" Again." * copy), service_slug=SERVICES[n % 3])
                labels.label_sentiment(item, label, actor=officer)
                n += 1


def _hand_calibration(confidences, outcomes):
    """Ten bins of width 0.1 counted one by one, and the expected calibration error from them."""
    bins, gap = [], 0.0
    for b in range(10):
        low, high = b / 10, (b + 1) / 10
        inside = [(c, o) for c, o in zip(confidences, outcomes) if low <= c < high or (b == 9 and c == 1.0)]
        if inside:
            confidence = sum(c for c, _ in inside) / len(inside)
            accuracy = sum(o for _, o in inside) / len(inside)
            gap += len(inside) * abs(accuracy - confidence)
            bins.append((len(inside), round(confidence, 4), round(accuracy, 4)))
    return round(gap / len(confidences), 4), bins


def _hand_confusion(order, truth, guessed):
    """Rows what officers said, columns what the model said, counted pair by pair."""
    return [[sum(1 for t, g in zip(truth, guessed) if (t, g) == (said, model_said)) for model_said in order]
            for said in order]


def test_calibration_counts_each_bin_and_weighs_the_error_by_items():
    found = calibration([0.95, 0.85, 0.82, 0.4, 1.0], [True, True, False, True, True])
    assert found["bins"] == [
        {"low": 0.4, "high": 0.5, "n": 1, "confidence": 0.4, "accuracy": 1.0},
        {"low": 0.8, "high": 0.9, "n": 2, "confidence": 0.835, "accuracy": 0.5},
        {"low": 0.9, "high": 1.0, "n": 2, "confidence": 0.975, "accuracy": 1.0}]
    # (1 × 0.6 + 2 × 0.335 + 2 × 0.025) / 5
    assert found["ece"] == pytest.approx(0.264, abs=1e-4)
    assert calibration([], []) == {"ece": 0.0, "bins": []}


def test_evaluate_sentiment_keeps_a_confusion_matrix_calibration_and_service_areas(tiny_models):
    _label_sentiment(create_user())
    examples = labels.training_data("sentiment")
    model = runtime.load(runtime.champion("sentiment"))
    found = quality.evaluate("sentiment", model, examples, tiny_models)

    results = model.predict([text for _, text, _ in examples], tiny_models)
    truth = [values[0] for _, _, values in examples]
    guessed = [r.label for r in results]
    seen = set(truth) | set(guessed)
    assert found["labels"] == [k for k in ("negative", "neutral", "positive") if k in seen]
    assert found["confusion"] == _hand_confusion(found["labels"], truth, guessed)
    ece, bins = _hand_calibration([r.score for r in results], [t == g for t, g in zip(truth, guessed)])
    assert found["calibration"]["ece"] == pytest.approx(ece, abs=1e-4)
    assert [(b["n"], b["confidence"], b["accuracy"]) for b in found["calibration"]["bins"]] == bins
    assert sum(n for n, _, _ in bins) == len(examples) == 30

    areas = {item.id: item.service.slug for item in FeedbackItem.select()}
    assert set(found["by_service"]) == set(SERVICES)
    for slug in SERVICES:
        mine = [i for i, (item_id, _, _) in enumerate(examples) if areas[item_id] == slug]
        assert found["by_service"][slug] == {
            "name": service(slug).name, "n": len(mine),
            "score": score([truth[i] for i in mine], [guessed[i] for i in mine]).macro_f1}


def test_evaluate_the_service_area_and_theme_heads_by_hand(tiny_models):
    officer = create_user()
    texts = {"highways": ["The pothole on the road is deep.", "The road is broken and dangerous.",
                          "Potholes on every road near the school.", "A pothole damaged my car on the road."],
             "waste-recycling": ["My bin was not collected.", "The bins were missed again.",
                                 "Rubbish and waste left in the street.", "Recycling bin collection missed."]}
    for key, sentences in texts.items():
        for n, text in enumerate(sentences):
            item = create_feedback(text=text, service_slug=None)
            labels.label_service(item, key, actor=officer)  # the item's service area follows the label
            labels.label_themes(item, ["delay"] if n % 2 else [], actor=officer)
    champions = runtime.ensure_champions()

    examples = labels.training_data("service")
    model = runtime.load(champions["service"])
    found = quality.evaluate("service", model, examples, tiny_models)
    tops = [row[0] for row in model.predict([t for _, t, _ in examples], tiny_models, top_k=1)]
    truth = [values[0] for _, _, values in examples]
    assert set(found["labels"]) == set(truth) | {g for g, _ in tops}
    assert found["confusion"] == _hand_confusion(found["labels"], truth, [g for g, _ in tops])
    ece, bins = _hand_calibration([c for _, c in tops], [t == g for t, (g, _) in zip(truth, tops)])
    assert found["calibration"]["ece"] == pytest.approx(ece, abs=1e-4)
    for slug in texts:  # the F1 of the service area itself, over every held-out item
        tp = sum(1 for t, (g, _) in zip(truth, tops) if t == slug and g == slug)
        said_it, is_it = sum(1 for g, _ in tops if g == slug), truth.count(slug)
        f1 = 2 * tp / (said_it + is_it) if said_it + is_it else 0.0
        assert found["by_service"][slug]["n"] == 4
        assert found["by_service"][slug]["score"] == pytest.approx(f1, abs=1e-4)

    examples = labels.training_data("theme")
    model = runtime.load(champions["theme"])
    found = quality.evaluate("theme", model, examples, tiny_models)
    rows = model.predict([t for _, t, _ in examples], tiny_models)
    given = [{key for key, _, on in row if on} for row in rows]
    applies = [set(values) for _, _, values in examples]
    for key in model.keys:
        counts = {"tp": sum(1 for a, g in zip(applies, given) if key in a and key in g),
                  "fp": sum(1 for a, g in zip(applies, given) if key not in a and key in g),
                  "fn": sum(1 for a, g in zip(applies, given) if key in a and key not in g),
                  "tn": sum(1 for a, g in zip(applies, given) if key not in a and key not in g)}
        assert {k: found["per_label"][key][k] for k in counts} == counts
    ece, bins = _hand_calibration([s for row in rows for _, s, _ in row],
                                  [key in a for row, a in zip(rows, applies) for key, _, _ in row])
    assert found["calibration"]["ece"] == pytest.approx(ece, abs=1e-4)
    assert sum(b["n"] for b in found["calibration"]["bins"]) == len(examples) * len(model.keys)
    assert {k: v["n"] for k, v in found["by_service"].items()} == {"highways": 4, "waste-recycling": 4}


def test_only_a_real_drop_on_a_service_area_with_enough_items_counts():
    def scores(**areas):
        return {"by_service": {key: {"name": key.title(), "n": n, "score": s}
                               for key, (n, s) in areas.items()}}

    new = scores(highways=(5, 0.70), parking=(4, 0.10), libraries=(9, 0.75), none=(20, 0.1), blue=(6, 0.2))
    old = scores(highways=(5, 0.80), parking=(4, 0.90), libraries=(9, 0.80), none=(20, 0.9), blue=(6, 0.5))
    found = quality.regressions(new, old, min_items=5, max_drop=0.05)
    # parking has too few items, libraries is exactly 0.05 worse, "no service area" is not one
    assert found == [{"service": "blue", "name": "Blue", "challenger": 0.2, "champion": 0.5, "n": 6},
                     {"service": "highways", "name": "Highways", "challenger": 0.7, "champion": 0.8, "n": 5}]


def _memorising_champion(encoder, targets):
    """Make the sentiment champion a model that says exactly `targets` {text: label}."""
    from classifiers.sentiment import SentimentModel

    model = SentimentModel.train(list(targets), list(targets.values()), encoder)
    assert [r.label for r in model.predict(list(targets), encoder)] == list(targets.values())
    champion = runtime.champion("sentiment")
    champion.blob = model.to_bytes()
    champion.save()
    runtime.reset()


def test_a_challenger_better_on_average_but_worse_on_one_service_area_is_not_promoted(tiny_models, signed_in):
    admin, officer = signed_in("administrator")
    _label_sentiment(officer, copies=2)
    FeedbackItem.update(service=service("highways")).execute()
    _, test = loop.stratified_split(labels.training_data("sentiment"))
    train_challenger("sentiment").get()  # what this challenger gets wrong on the held-out items
    first = ModelVersion.select().order_by(ModelVersion.id.desc()).first()
    said = [r.label for r in runtime.load(first).predict([text for _, text, _ in test], tiny_models)]
    wrong = [i for i, (_, _, values) in enumerate(test) if said[i] != values[0]]
    assert wrong, "the tiny challenger must miss at least one held-out item for this test"
    waste = wrong[:1] + [i for i in range(len(test)) if i not in wrong[:1]][:5]
    FeedbackItem.update(service=service("waste-recycling")).where(
        FeedbackItem.id.in_([test[i][0] for i in waste])).execute()
    # The champion is right on every Waste & Recycling item and wrong on every other one.
    swap = {"positive": "negative", "negative": "neutral", "neutral": "positive"}
    _memorising_champion(tiny_models, {text: values[0] if i in waste else swap[values[0]]
                                       for i, (_, text, values) in enumerate(test)})
    champion = runtime.champion("sentiment")

    assert train_challenger("sentiment").get() == "rejected"
    attempt = ModelVersion.select().order_by(ModelVersion.id.desc()).first()
    metrics = attempt.metrics_dict
    assert metrics["macro_f1"] >= metrics["champion_macro_f1"] + loop.MIN_GAIN  # better on average
    [regression] = metrics["regressions"]
    assert regression["service"] == "waste-recycling" and regression["champion"] == 1.0
    assert regression["n"] == 6 and regression["challenger"] < 0.95
    drop, score_ = 1 - regression["challenger"], regression["challenger"]
    assert attempt.notes.startswith(f"Not promoted: worse on Waste & Recycling by {drop:.3f} ({score_:.3f} "
                                    f"against 1.000 for {champion.version} on its 6 held-out items); macro-F1 ")
    assert runtime.champion("sentiment").id == champion.id
    from app.audit.models import AuditEvent

    event = AuditEvent.select().where(AuditEvent.action == "learning.challenger_rejected").order_by(
        AuditEvent.id.desc()).first()
    assert json.loads(event.details)["regressions"] == 1  # a count: the names are in the note

    page = parse(get_page(admin, "/staff/learning/models"))
    check = page.by_id(f"measured-{attempt.version}").text
    assert (f"Service-area check: failed. It was more than 0.05 worse than {champion.version} on: "
            f"Waste & Recycling: {regression['challenger']:.3f} against 1.000 (6 held-out items)") in check


def _cells(row):
    return [cell.text for cell in row.find_all(where=lambda e: e.tag in ("th", "td"))]


def test_the_models_page_shows_each_versions_confusion_matrix_scores_and_calibration(signed_in):
    admin, officer = signed_in("administrator")
    _label_sentiment(officer)
    train_challenger("sentiment").get()
    version = ModelVersion.select().order_by(ModelVersion.id.desc()).first()
    metrics = version.metrics_dict
    html = get_page(admin, "/staff/learning/models")
    page = parse(html)
    history = page.find("table")
    row = next(r for r in history.find_all("tr") if r.find("td") and r.find("td").text == version.version)
    assert "Frozen encoder with a trained head" in _cells(row)  # the method

    details = page.by_id(f"measured-{version.version}")
    assert details.tag == "details" and "govuk-details" in details.classes
    assert details.find("summary").text == f"How {version.version} was measured"
    tables = {t.find("caption").text: t for t in details.find_all("table")}
    scores = tables[f"{version.version} scores for each label"]
    names = {"negative": "Negative", "neutral": "Neutral or mixed", "positive": "Positive"}
    for label, figures in metrics["per_label"].items():
        row = next(r for r in scores.find_all("tr") if r.find("th").text == names[label])
        assert _cells(row) == [names[label], f"{figures['precision']:.3f}", f"{figures['recall']:.3f}",
                               f"{figures['f1']:.3f}", str(figures["support"])]

    assert ("Confusion matrix: each row is what officers said, each column what the model said. "
            "Right answers are in bold.") in details.text
    confusion = tables[f"{version.version} confusion matrix"]
    head, body = confusion.find("thead"), confusion.find("tbody")
    assert _cells(head.find_all("tr")[0]) == ["Officers said", "The model said"]
    assert _cells(head.find_all("tr")[1]) == [names[label] for label in metrics["labels"]]
    assert [_cells(r) for r in body.find_all("tr")] == [[names[label]] + [str(n) for n in counts]
                                                        for label, counts in zip(metrics["labels"], metrics["confusion"])]
    assert sum(map(sum, metrics["confusion"])) == metrics["holdout"] == 6

    assert "Calibration: how sure it said it was, and how often it was right." in details.text
    sure = tables[f"{version.version} calibration"]
    assert [_cells(r) for r in sure.find("tbody").find_all("tr")] == [
        [f"{round(b['low'] * 100)} to {round(b['high'] * 100)}% sure", str(b["n"]),
         f"{round(b['accuracy'] * 100)}% of the time"] for b in metrics["calibration"]["bins"]]
    ece = metrics["calibration"]["ece"]
    assert (f"Expected calibration error: {ece:.3f}. Weighing each row by its items, how sure it said it was "
            f"differs from how often it was right by {ece * 100:.1f} percentage points on average; "
            "0 would be perfect.") in details.text
    areas = tables[f"{version.version} by service area"]
    assert [_cells(r) for r in areas.find("tbody").find_all("tr")] == sorted(
        ([v["name"], str(v["n"]), f"{v['score']:.3f}"] for v in metrics["by_service"].values()),
        key=lambda row: (-int(row[1]), row[0]))
    assert "Service-area check: passed." in details.text
    assert "–" not in main_text(html)  # ranges say "to"; nothing is a dash


def test_a_version_measured_before_confusion_and_calibration_were_kept_still_shows(signed_in):
    admin, _ = signed_in("administrator")
    old = {"n": 8, "accuracy": 0.75, "macro_f1": 0.7333, "champion_macro_f1": 0.5, "holdout": 8,
           "champion_version": "sentiment-1",
           "per_label": {"negative": {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 4},
                         "positive": {"precision": 0.6667, "recall": 1.0, "f1": 0.8, "support": 4}}}
    ModelVersion.create(task="sentiment", version="sentiment-old", metrics=json.dumps(old), status="retired",
                        blob=runtime.champion("sentiment").blob, training_count=30)
    old_themes = {"n": 3, "macro_f1": 0.5, "micro_f1": 0.4, "champion_macro_f1": 0.3, "holdout": 3,
                  "per_label": {"delay": {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}}}
    ModelVersion.create(task="theme", version="theme-old", status="rejected", blob=b"x", training_count=12,
                        metrics=json.dumps(old_themes))
    page = parse(get_page(admin, "/staff/learning/models"))
    details = page.by_id("measured-sentiment-old")
    captions = [t.find("caption").text for t in details.find_all("table")]
    assert captions == ["sentiment-old scores for each label"]
    assert "Method: Frozen encoder with a trained head." in details.text
    assert ("This version was measured before Heard kept a confusion matrix or calibration, so they are not "
            "shown.") in details.text
    assert "Service-area check" not in details.text
    themes = page.by_id("measured-theme-old")
    assert "measured before Heard kept calibration, so it is not shown" in themes.text
    delay = themes.find("tbody").find("tr")
    assert _cells(delay) == ["Delay", "0.500", "0.500", "0.500", "2"]

