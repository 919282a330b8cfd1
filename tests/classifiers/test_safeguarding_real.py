"""The safeguarding flag with the real encoder and the shipped head (slow: loads ~90 MB).

The held-out set (tests/classifiers/data/safeguarding-holdout2.csv) was written blind by another
engineer while this head was being built, and opened only after the method and every setting
were frozen and committed. Its first and only measurement, through the evaluate command with
the shipped head at its default threshold, was recall 0.917 (89 of 97 risks) with a
false-positive rate of 0.133 (15 of 113 ordinary messages): the false-positive goal (<= 0.15) is
met, the recall goal (>= 0.95) is not, by four risks. The test keeps that floor. The first
held-out set (safeguarding-holdout.csv) was measured once with the previous head (recall 0.904,
false-positive rate 0.054) and is now training data.
"""
import datetime
import json
from pathlib import Path

import pytest

from classifiers.encoder import load_encoder
from classifiers.evaluation import evaluate_safeguarding, read_labelled_csv
from classifiers.safeguarding import assess_batch
from classifiers.safeguarding_head import load_shipped
from tests.classifiers.test_cli import run
from tests.classifiers.test_safeguarding import DEMO_FALSE_POSITIVES, DEMO_STORIES

pytestmark = pytest.mark.slow

HOLDOUT = Path(__file__).resolve().parent / "data" / "safeguarding-holdout2.csv"
DEMO_TEMPLATES = ("children's corner", "resurfaced when it was fine", "lights on", "street light", "Street light")


@pytest.fixture(scope="module")
def real_encoder():
    return load_encoder()


@pytest.fixture(scope="module")
def head():
    return load_shipped()


def test_the_new_held_out_set_keeps_its_first_measured_floor(real_encoder, head):
    test = read_labelled_csv(HOLDOUT, "safeguarding")
    result = evaluate_safeguarding(test, real_encoder, head, head.threshold)
    print(f"held-out safeguarding set 2 ({result['n']} texts) at {head.threshold}: recall {result['recall']:.3f} "
          f"false-positive rate {result['false_positive_rate']:.3f} (goal: recall >= 0.95, false-positive rate <= 0.15)")
    assert result["per_label"]["risk"]["support"] >= 90
    assert result["false_positive_rate"] <= 0.15  # the goal; measured 0.133 (15/113) the first time
    assert result["recall"] >= 0.91  # measured 0.917 (89/97) the first time; the goal is 0.95


def test_the_evaluate_command_runs_the_shipped_head_on_a_councils_file(tmp_path):
    rows = ["text,label", '"He hits me when he has been drinking and I am scared to go home",risk',
            '"The kids next door are left on their own every night",risk',
            '"The bins were missed again on Elm Road",none', '"This parking is killing me",none']
    path = tmp_path / "cases.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("evaluate", "--task", "safeguarding", "--test", path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    assert (data["recall"], data["false_positive_rate"]) == (1.0, 0.0)
    assert data["model_version"].endswith(load_shipped().version)


def test_the_demos_named_false_positives_do_not_flag(real_encoder, head):
    """Issue 9: a cold children's corner, a resurfacing question and street lights, in every
    variant the demo year writes them."""
    from app.demo.generate import generate

    texts = set(DEMO_FALSE_POSITIVES)
    for seed in (1974, 1, 2):
        items = generate(today=datetime.date(2026, 5, 1), seed=seed)["items"]
        texts |= {i["text"] for i in items if any(t in i["text"] for t in DEMO_TEMPLATES)}
    texts = sorted(texts)
    flagged = [t for t, r in zip(texts, assess_batch(texts, encoder=real_encoder, head=head)) if r.flagged]
    print(f"{len(texts)} demo texts about cold children's corners, resurfacing and street lights")
    assert len(texts) >= 20 and flagged == []


def test_the_demos_safeguarding_stories_flag_with_their_severity(real_encoder, head):
    results = assess_batch(DEMO_STORIES, encoder=real_encoder, head=head)
    assert all(r.flagged and r.evidence for r in results)
    assert [r.severity for r in results] == [3, 1, 2, 1, 3]


def test_plain_disclosures_score_above_the_ceiling_so_calibration_never_silences_them(real_encoder, head):
    texts = ["I want to kill myself, I can't go on.", "My husband beats me and I am scared to go home.",
             "The children next door are left alone all night with no adult.",
             "I'm homeless and sleeping rough in a doorway tonight."]
    results = assess_batch(texts, encoder=real_encoder, head=head, threshold=head.ceiling)
    assert all(r.flagged for r in results), [(t, r.score) for t, r in zip(texts, results)]


def test_the_shipped_heads_cross_validated_figures_by_source(head):
    cv = head.meta["cross_validation"]
    print(f"cross-validated by source ({len(cv['sources'])} sources held out in turn): at {head.threshold} recall "
          f"{cv['at_threshold']['recall']} false-positive rate {cv['at_threshold']['false_positive_rate']}; at the "
          f"ceiling {head.ceiling} recall {cv['at_ceiling']['recall']}")
    for name, found in cv["sources"].items():
        print(f"  {name}: recall {found['recall']} false-positive rate {found['false_positive_rate']}")
    assert cv["method"] == "by source" and len(cv["sources"]) >= 9 and "safeguarding-holdout" in cv["sources"]
    assert cv["at_threshold"]["recall"] >= 0.98 and cv["at_threshold"]["recall_source_average"] >= 0.98
    assert cv["at_threshold"]["false_positive_rate"] <= 0.15
    assert cv["at_ceiling"]["recall"] >= 0.95 and cv["at_ceiling"]["recall_source_average"] >= 0.95
