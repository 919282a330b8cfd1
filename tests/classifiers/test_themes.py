"""The theme head: independent scores with per-theme thresholds (an item may have several
themes or none), learning from officers' ticks and unticks, and a file that round-trips."""
import numpy as np
import pytest

from classifiers.themes import MIN_TEXTS_TO_ADAPT, ThemeModel
from classifiers.topics import Topic

THEMES = [Topic("delay", "Delay", "waiting too long, slow"),
          Topic("staff", "Staff attitude", "rude or kind staff"),
          Topic("website", "Digital / website", "the website and online forms")]
# Words the tiny test encoder knows (classifiers.testing), so the texts embed apart.
DELAY = ["waited weeks", "still waiting days", "slow and late", "waited hours and hours", "a delay of weeks",
         "late again, waiting days"]
STAFF = ["rude staff", "the staff were kind", "helpful friendly staff", "the driver was rude", "the nurse was lovely",
         "rude and unhelpful staff"]
WEBSITE = ["the website never works", "the online form", "website and online", "the form online was bad",
           "website down", "email and website"]
NEITHER = ["bin collection", "pothole on the road", "street light", "library", "council rent", "parking"]


def _training():
    texts = DELAY + STAFF + WEBSITE + NEITHER + ["waited weeks and the staff were rude"]
    labels = ([["delay"]] * 6 + [["staff"]] * 6 + [["website"]] * 6 + [[]] * 6 + [["delay", "staff"]])
    return texts, labels


def test_scores_are_independent_and_an_item_can_have_none_or_several(tiny_encoder):
    model = ThemeModel.zero_shot(THEMES, tiny_encoder)
    rows = model.predict(["waited weeks", "", None], tiny_encoder)
    assert [len(row) for row in rows] == [3, 3, 3]
    assert all({key for key, _, _ in row} == {"delay", "staff", "website"} for row in rows)
    assert all(0 <= score <= 1 for row in rows for _, score, _ in row)
    assert all(assigned == (score >= model.threshold(key)) for row in rows for key, score, assigned in row)
    scores = model.scores(tiny_encoder.encode(["waited weeks", "rude staff"]))
    assert scores.shape == (2, 3) and not np.allclose(scores.sum(axis=1), 1.0)  # not a softmax
    assert model.predict([], tiny_encoder) == []


def test_training_learns_each_theme_with_its_own_threshold(tiny_encoder):
    texts, labels = _training()
    unlabelled = tiny_encoder.encode(texts * 2)
    model = ThemeModel.train(THEMES, texts + ["x"], labels + [["not-a-theme"]], tiny_encoder, unlabelled=unlabelled)
    assert model.head is not None and sorted(model.head["keys"]) == ["delay", "staff", "website"]
    assert model.counts["delay"] == (7, 19) and model.meta["trained_on"] == 26
    assert set(model.thresholds) == {"delay", "staff", "website"}
    assert all(0.1 <= t <= 0.9 for t in model.thresholds.values())
    # the item officers gave two themes gets both, and not the third (the tiny random encoder
    # cannot tell most short texts apart: learning quality is measured on the real one, slow)
    both = model.predict(["waited weeks and the staff were rude"], tiny_encoder)[0]
    assert {key for key, _, assigned in both if assigned} == {"delay", "staff"}


def test_themes_with_too_few_examples_stay_zero_shot(tiny_encoder):
    model = ThemeModel.train(THEMES, DELAY[:2] + NEITHER, [["delay"]] * 2 + [[]] * 6, tiny_encoder)
    assert model.head is None and model.thresholds == {}
    assert model.threshold("delay") == model.config["threshold"]


def test_adapting_measures_the_councils_feedback_and_survives_a_file(tiny_encoder):
    model = ThemeModel.zero_shot(THEMES, tiny_encoder)
    before = model.version
    texts = (DELAY + STAFF + WEBSITE + NEITHER) * 2
    model.adapt(tiny_encoder.encode(texts[:MIN_TEXTS_TO_ADAPT - 1]))
    assert model.version == before and model.calibration == {}
    model.adapt(tiny_encoder.encode(texts))
    assert model.version != before and set(model.calibration) == {"delay", "staff", "website"}
    assert model.meta["adapted_on"] == len(texts)
    trained_texts, labels = _training()
    trained = ThemeModel.train(THEMES, trained_texts, labels, tiny_encoder, unlabelled=tiny_encoder.encode(texts))
    loaded = ThemeModel.from_bytes(trained.to_bytes(), THEMES)
    assert loaded.version == trained.version and loaded.thresholds == trained.thresholds
    assert loaded.predict(texts[:4], tiny_encoder) == trained.predict(texts[:4], tiny_encoder)
    # a renamed theme loses its calibration; a removed one is gone; a new one is zero-shot
    changed = [Topic("delay", "Delays and waiting"), THEMES[1], Topic("cost", "Cost / charges")]
    again = ThemeModel.from_bytes(trained.to_bytes(), changed)
    assert "delay" not in again.calibration and "staff" in again.calibration
    keys = {key for row in again.predict(texts[:3], tiny_encoder) for key, _, _ in row}
    assert keys == {"delay", "staff", "cost"}


def test_bad_files_and_taxonomies_are_refused(tiny_encoder):
    from classifiers.topics import TopicModel

    with pytest.raises(ValueError):
        ThemeModel.zero_shot([], tiny_encoder)
    service_file = TopicModel.zero_shot(THEMES, tiny_encoder).to_bytes()
    with pytest.raises(ValueError):
        ThemeModel.from_bytes(service_file, THEMES)


def test_multilabel_scores():
    from classifiers.metrics import score_multilabel

    scores = score_multilabel([{"a"}, {"a", "b"}, set()], [{"a"}, {"a"}, {"b"}], ["a", "b"])
    assert scores["per_label"]["a"]["f1"] == 1.0 and scores["per_label"]["b"]["f1"] == 0.0
    assert scores["macro_f1"] == 0.5 and scores["micro_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["exact"] == pytest.approx(1 / 3, abs=1e-4) and scores["n"] == 3
