"""The safeguarding flag with the real encoder and the shipped head (slow: loads ~90 MB).

Blind measurements, each made once, after the head was frozen and committed:
- third held-out set (safeguarding-holdout3.csv, 306 rows), head safeguarding-7328346a at its
  default threshold 0.364: recall 0.976 (122 of 125 risks), false-positive rate 0.099 (18 of
  181 ordinary messages). Goal (recall >= 0.95, false-positive rate <= 0.15) met. The shipped
  successors safeguarding-0e013f1d (30 more ordinary rows) and the shipped
  safeguarding-2cf2a4a0 (two child-neglect phrases more), each measured on it once more:
  0.976 / 0.094 at 0.365 and at 0.364. The test below pins that result;
- second held-out set (safeguarding-holdout2.csv), previous head: recall 0.917, false-positive
  rate 0.133. It has since been development data (round 3), so its figure here is not blind;
- first held-out set (safeguarding-holdout.csv), the head before that: recall 0.904,
  false-positive rate 0.054; training data since.
"""
import datetime
import json
from pathlib import Path

import pytest

from classifiers.encoder import load_encoder
from classifiers.evaluation import evaluate_safeguarding, read_labelled_csv
from classifiers import safeguarding_terms as terms
from classifiers.safeguarding import assess_batch
from classifiers.safeguarding_head import load_shipped
from tests.classifiers.test_cli import run
from tests.classifiers.test_safeguarding import DEMO_FALSE_POSITIVES, DEMO_STORIES

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parent / "data"
HOLDOUT2, HOLDOUT3 = DATA / "safeguarding-holdout2.csv", DATA / "safeguarding-holdout3.csv"
DEMO_TEMPLATES = ("children's corner", "resurfaced when it was fine", "lights on", "street light", "Street light")
# Services whose ordinary complaints (street lights, libraries, roads, bins, council tax, the register
# office's weddings and funerals, parking) the demo writes with no safeguarding story among them.
ORDINARY_SERVICES = ("street-lighting", "libraries", "highways", "waste-recycling", "council-tax", "registration",
                     "parking")
DEMO_SEEDS = (1974, 1, 2, 3, 4)


@pytest.fixture(scope="module")
def real_encoder():
    return load_encoder()


@pytest.fixture(scope="module")
def head():
    return load_shipped()


def test_the_third_held_out_set_keeps_its_one_blind_measurement(real_encoder, head):
    """Measured once, after the head was frozen (commit 01034d6, safeguarding-7328346a): recall
    0.976 (122/125), false-positive rate 0.099 (18/181) at 0.364. Its successor (30 more ordinary
    rows, part M, written without sight of this file) was measured on it a second time, once,
    after it was trained and its demo checks passed: 0.976 / 0.094 (17/181) at 0.365; and the
    shipped head (two child-neglect phrases more) a third time: 0.976 / 0.094 at 0.364. Never
    tune on this file."""
    test = read_labelled_csv(HOLDOUT3, "safeguarding")
    result = evaluate_safeguarding(test, real_encoder, head, head.threshold)
    print(f"held-out safeguarding set 3 ({result['n']} texts) at {head.threshold}: recall {result['recall']:.3f} "
          f"false-positive rate {result['false_positive_rate']:.3f} (goal: recall >= 0.95, false-positive rate <= 0.15)")
    assert result["per_label"]["risk"]["support"] == 125 and result["n"] == 306
    assert result["recall"] >= 0.976  # 122 of 125
    assert result["false_positive_rate"] <= 0.094  # 17 of 181


def test_the_second_held_out_set_now_development_data_still_scores(real_encoder, head):
    """Blind once (previous head: recall 0.917, false-positive rate 0.133); training data since
    round 3, so this only guards against regressions, it measures nothing."""
    test = read_labelled_csv(HOLDOUT2, "safeguarding")
    result = evaluate_safeguarding(test, real_encoder, head, head.threshold)
    assert result["recall"] >= 0.95 and result["false_positive_rate"] <= 0.10


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


@pytest.fixture(scope="module")
def demo_ordinary(real_encoder, head):
    """{text: (service, result)} for every text the demo year writes outside its safeguarding
    stories, over several seeds."""
    from app.demo.generate import generate

    services = {}
    for seed in DEMO_SEEDS:
        for item in generate(today=datetime.date(2026, 5, 1), seed=seed)["items"]:
            if item.get("scenario") != "safeguarding":
                services.setdefault(item["text"], item["service"])
    texts = sorted(services)
    return {t: (services[t], r) for t, r in zip(texts, assess_batch(texts, encoder=real_encoder, head=head))}


@pytest.mark.xfail(strict=True, reason="Not met by head safeguarding-2cf2a4a0: 31 of 1,093 such texts flag, all at "
                   "the lowest severity; see MODEL_CARD.md, 'The demo year'")
def test_no_ordinary_street_library_road_bin_tax_register_or_parking_complaint_flags(demo_ordinary):
    flagged = [t for t, (service, r) in demo_ordinary.items() if service in ORDINARY_SERVICES and r.flagged]
    assert flagged == []


def test_the_demos_ordinary_texts_that_flag_stay_few_and_in_the_lowest_queue(demo_ordinary):
    """What holds today (measured with safeguarding-2cf2a4a0 over seeds 1974 and 1-4: 86 of
    1,511 ordinary demo texts flag, 31 of 1,093 in ORDINARY_SERVICES; before the demo's letters,
    posts and councillors' enquiries, 85 of 1,429 and 30 of 1,012): no ordinary complaint
    about those services reaches a queue above the lowest, and none of the demo's ordinary texts
    is shown as self-harm or a threat to harm someone (the library-fines, wedding-venue and
    carer's-assessment flags that used to jump the top queue)."""
    ours = [(service, r) for service, r in demo_ordinary.values() if service in ORDINARY_SERVICES]
    flagged = [r for _, r in ours if r.flagged]
    everywhere = [r for _, r in demo_ordinary.values() if r.flagged]
    print(f"ordinary demo texts flagged: {len(everywhere)} of {len(demo_ordinary)}; "
          f"in {', '.join(ORDINARY_SERVICES)}: {len(flagged)} of {len(ours)}")
    assert len(demo_ordinary) >= 1400 and len(ours) >= 1000
    assert len(flagged) <= 31 and len(everywhere) <= 86
    assert all(r.severity == 3 for r in flagged)
    assert not any({terms.SELF_HARM, terms.THREAT} & set(r.reasons) for r in everywhere)


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
