import pytest

from classifiers.topics import Topic, TopicModel

TAXONOMY = [Topic("roads", "Roads", "potholes, pavements and street lights"),
            Topic("bins", "Bins", "rubbish and recycling collection"),
            Topic("housing", "Housing", "council homes, rent and repairs"),
            Topic("staff", "Staff attitude")]
TEXTS = ["pothole on the road", "street light broken", "bins not collected", "rubbish waste",
         "rent repair", "housing damp", "rude staff", "staff were kind"]
LABELS = [["roads"], ["roads"], ["bins"], ["bins"], ["housing"], ["housing", "roads"], ["staff"],
          ["staff"]]


def _keys(predictions):
    return {key for row in predictions for key, _ in row}


def test_zero_shot_returns_taxonomy_keys_with_confidences(tiny_encoder):
    model = TopicModel.zero_shot(TAXONOMY, tiny_encoder)
    predictions = model.predict(["pothole", "", None], tiny_encoder, top_k=2)
    assert [len(row) for row in predictions] == [2, 2, 2]
    assert _keys(predictions) <= {t.key for t in TAXONOMY}
    assert all(0 <= conf <= 1 for row in predictions for _, conf in row)
    assert predictions[0][0][1] >= predictions[0][1][1]
    assert model.predict([], tiny_encoder) == []


def test_few_shot_training_learns_and_ignores_unknown_keys(tiny_encoder):
    model = TopicModel.train(TAXONOMY, TEXTS + ["x"], LABELS + [["not-a-topic"]], tiny_encoder)
    assert model.counts == {"roads": 3, "bins": 2, "housing": 2, "staff": 2}
    assert model.meta["trained_on"] == 8 and model.head is not None
    def correct(m):
        return sum(p[0][0] in labels for p, labels in zip(m.predict(TEXTS, tiny_encoder, top_k=1), LABELS))

    assert correct(model) >= max(4, correct(TopicModel.zero_shot(TAXONOMY, tiny_encoder)))
    assert _keys(model.predict(TEXTS, tiny_encoder, top_k=10)) == {t.key for t in TAXONOMY}


def test_two_topics_with_examples_and_the_rest_zero_shot(tiny_encoder):
    model = TopicModel.train(TAXONOMY, TEXTS[:4], LABELS[:4], tiny_encoder)
    assert sorted(model.head["keys"]) == ["bins", "roads"] and model.head["coef"].shape[0] == 2
    assert len(model.predict(["x"], tiny_encoder, top_k=4)[0]) == 4


def test_round_trip_follows_taxonomy_changes(tiny_encoder):
    model = TopicModel.train(TAXONOMY, TEXTS, LABELS, tiny_encoder)
    same = TopicModel.from_bytes(model.to_bytes(), TAXONOMY)
    assert same.version == model.version
    assert same.predict(TEXTS, tiny_encoder) == model.predict(TEXTS, tiny_encoder)
    changed = TAXONOMY[1:] + [Topic("parks", "Parks and open spaces")]
    loaded = TopicModel.from_bytes(model.to_bytes(), changed)
    keys = _keys(loaded.predict(TEXTS, tiny_encoder, top_k=10))
    assert "roads" not in keys and "parks" in keys


def test_bad_taxonomies_are_refused(tiny_encoder):
    with pytest.raises(ValueError):
        TopicModel.zero_shot([], tiny_encoder)
    with pytest.raises(ValueError):
        TopicModel.zero_shot([Topic("a", "A"), Topic("a", "B")], tiny_encoder)


def test_adapting_to_unlabelled_texts_moves_prototypes_but_keeps_keys_and_survives_a_file(tiny_encoder):
    from classifiers.topics import MIN_TEXTS_TO_ADAPT, Topic, TopicModel

    taxonomy = [Topic("roads", "Roads"), Topic("bins", "Bins"), Topic("libraries", "Libraries")]
    model = TopicModel.zero_shot(taxonomy, tiny_encoder)
    before = model.version
    texts = [f"The pothole on street {i} is deep" for i in range(15)] + \
            [f"My bin was missed again on day {i}" for i in range(15)]
    model.adapt(tiny_encoder.encode(texts[:MIN_TEXTS_TO_ADAPT - 1]))
    assert model.version == before  # too few texts: nothing changes
    model.adapt(tiny_encoder.encode(texts))
    assert model.version != before and model.meta["adapted_on"] == 30
    loaded = TopicModel.from_bytes(model.to_bytes(), taxonomy)
    assert loaded.version == model.version
    assert loaded.predict(texts[:3], tiny_encoder) == model.predict(texts[:3], tiny_encoder)
    # renaming a topic drops its adaptation (it was fitted to the old name)
    renamed = [Topic("roads", "Roads and pavements")] + taxonomy[1:]
    again = TopicModel.from_bytes(model.to_bytes(), renamed)
    assert "roads" not in again.adapted and "bins" in again.adapted
    assert {key for top in again.predict(texts, tiny_encoder) for key, _ in top} <= {"roads", "bins", "libraries"}
