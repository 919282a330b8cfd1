from classifiers.metrics import format_report, score


def test_scores_match_hand_computed_values():
    true = ["pos", "pos", "neg", "neg", "neu"]
    predicted = ["pos", "neg", "neg", "neg", "pos"]
    result = score(true, predicted, labels=["neg", "neu", "pos"])
    assert result.accuracy == 0.6
    assert result.per_label["neg"] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8, "support": 2}
    assert result.per_label["pos"]["f1"] == 0.5 and result.per_label["neu"]["f1"] == 0.0
    assert result.macro_f1 == round((0.8 + 0.5 + 0.0) / 3, 4)
    assert result.confusion == [[2, 0, 0], [0, 0, 1], [1, 0, 1]]
    report = format_report(result)
    assert "macro-F1 0.433" in report and "confusion" in report


def test_labels_absent_from_the_truth_do_not_count_in_macro_f1():
    result = score(["a", "a"], ["a", "b"], labels=["a", "b"])
    assert result.macro_f1 == result.per_label["a"]["f1"]
