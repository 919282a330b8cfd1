"""The safeguarding flag without the real encoder: the development set, the patterns on their
own (what runs when the encoder is not the one the head was trained on), severities, the
head's decision rule and file, and calibration from officers' decisions.

With the real encoder and the shipped head: test_safeguarding_real.py (slow)."""
import csv
from pathlib import Path

import numpy as np
import pytest

from classifiers import safeguarding_head as heads
from classifiers import safeguarding_terms as terms
from classifiers.safeguarding import REASONS, SafeguardingResult, assess, assess_batch, severity_of, units_of

DEV_SET = Path(__file__).resolve().parent / "data" / "safeguarding-dev.csv"

# The demo's false positives named in issue 9 (app/demo/texts_accounts.py, texts_streets.py):
# classifiers may not import app.*, so the texts are copied here with their blanks filled in.
DEMO_FALSE_POSITIVES = [
    "Love the library but it's freezing in winter, the heating in the children's corner doesn't seem to work.",
    "Why was Mill Lane resurfaced when it was fine, while Station Road round the corner is falling apart? "
    "Makes no sense at all.",
    "The street light outside 12 Mill Lane has been out for 3 weeks. I reported it online and got a reference "
    "but nothing has happened. It is pitch black and I don't feel safe walking home from the bus.",
    "Half the lights on Mill Lane in Kettleby go off at midnight now. Nobody asked residents. My aunt works "
    "nights and has to walk back in the dark.",
    "Street light out for weeks on Mill Lane. The whole cul-de-sac is dark and my elderly neighbour won't go "
    "out after 4pm now.",
]
# The demo's five safeguarding stories (app/demo/scenarios.py).
DEMO_STORIES = [
    "My mum is 89 and has dementia. The carers from the agency haven't turned up since Friday and nobody "
    "answers the phone. I live two hours away. When I rang her this morning she didn't know if she had eaten "
    "and she's been in the same clothes for days. She is on her own.\n\nPlease can somebody go round to her "
    "TODAY.",
    "Caller cares full time for her husband who has MS. Respite was cancelled again this week. She says she "
    "is at breaking point, hasn't slept properly for weeks and \"can't keep going like this\". Nobody from the "
    "team has returned her calls. Asked for someone to ring her back urgently.",
    "I'm worried about the elderly lady next door to me on Heron Court, Kettleby. Since her son moved in she "
    "looks frightened, she has bruises on her arms and she told me he takes her pension. She isn't allowed to "
    "answer the door any more. I didn't know who else to tell and I want to know someone is going to check on "
    "her.",
    "the children at the house opposite me are left on their own most nights, i can hear the little one "
    "crying for hours and theres no adult there. they dont seem to be going to school either. i dont want to "
    "give my name",
    "My dad was discharged from hospital on Friday night with no care package in place even though the ward "
    "told us it was all arranged. He has fallen twice since. He can't get up the stairs so he's sleeping in "
    "his chair, and the heating isn't on because he can't reach the boiler. He is 84 and lives alone in Upper "
    "Hadlow.\n\nI have rung adult social care every day this week. Someone needs to help him before "
    "something terrible happens.",
]


def dev_set():
    rows = list(csv.DictReader(DEV_SET.open(encoding="utf-8")))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def test_the_development_set_is_big_enough_and_matched():
    texts, labels = dev_set()
    assert set(labels) == {"risk", "none"} and len(set(texts)) == len(texts)
    assert labels.count("risk") >= 300 and labels.count("none") >= 400
    ordinary = " ".join(t.lower() for t, label in zip(texts, labels) if label == "none")
    for word in ("children", "crisis", "housing", "cold", "freezing", "killing me", "homeless", "evicted"):
        assert word in ordinary, f"no ordinary complaint mentions {word!r}"


def test_patterns_alone_on_the_development_set():
    """The fallback when the head cannot run: precise, but it misses risk said indirectly,
    which is why the head decides when the encoder is there. Part I (farewells said sideways,
    written to be hard) was added after the patterns, so parts A-H keep their own floor."""
    rows = list(csv.DictReader(DEV_SET.open(encoding="utf-8")))
    for name, chosen, floor in (("A-H", [r for r in rows if r["part"] != "I"], 0.75), ("all parts", rows, 0.70)):
        flagged = [assess(r["text"]).flagged for r in chosen]
        risky = [f for f, r in zip(flagged, chosen) if r["label"] == "risk"]
        ordinary = [f for f, r in zip(flagged, chosen) if r["label"] == "none"]
        recall, false_positive_rate = sum(risky) / len(risky), sum(ordinary) / len(ordinary)
        print(f"patterns alone on the development set ({name}): recall {recall:.3f} "
              f"false-positive rate {false_positive_rate:.3f}")
        assert recall >= floor and false_positive_rate <= 0.05


@pytest.mark.parametrize("text", DEMO_FALSE_POSITIVES)
def test_the_demos_false_positives_do_not_flag_on_patterns(text):
    assert not assess(text).flagged


@pytest.mark.parametrize("text", DEMO_STORIES)
def test_every_demo_safeguarding_story_flags_on_patterns_with_its_words(text):
    result = assess(text)
    assert result.flagged and result.reasons and result.evidence and result.severity in (1, 2, 3)
    assert all(snippet in " ".join(text.split()) for snippet in result.evidence)


def test_severity_orders_reasons_and_has_words():
    assert [terms.SEVERITY[r] for r in REASONS] == sorted(terms.SEVERITY[r] for r in REASONS)
    assert severity_of([terms.HOUSING, terms.CHILD]) == 1 and severity_of([terms.ABUSE, terms.CRISIS]) == 2
    assert severity_of(["Bereavement"]) == 3 and severity_of(["Something new"]) == 3 and severity_of([]) is None
    assert terms.SEVERITY_WORDS == {1: "Risk to life or to a child", 2: "Abuse or domestic violence",
                                    3: "Homelessness, neglect or vulnerability"}
    result = assess("We are being evicted on Friday and my partner hits me when he drinks.")
    assert result.reasons == [terms.ABUSE, terms.HOUSING] and result.severity == 2


def test_an_elderly_mothers_son_is_not_a_child():
    adult = assess("The old lady at 4 has bruises on her arms since her son moved in. She is 90.")
    assert adult.reasons == [terms.ABUSE] and adult.severity == 2
    child = assess("The little girl at 4 has bruises on her arms since her mum's boyfriend moved in.")
    assert terms.CHILD in child.reasons and child.severity == 1


@pytest.mark.parametrize("text", [
    "Hi, just wondering if anyone has looked into the family over the road. The kids are out at all hours "
    "and I haven't seen an adult there for days.",
    "the children next door, i havent seen their mum since last week and they look hungry",
])
def test_children_with_no_adult_about_are_a_risk_to_a_child_at_the_top_severity(text):
    result = assess(text)
    assert result.flagged and result.reasons[0] == terms.CHILD and result.severity == 1


def test_an_adult_education_course_is_not_a_missing_adult():
    assert not assess("I have not seen an adult education course at the library for years, my kids would "
                      "love one.").flagged


def test_result_shape_and_evidence_is_the_matched_sentence():
    result = assess("The bins were late. He hits me when he drinks.\nAlso the road is bad.")
    assert isinstance(result, SafeguardingResult) and result.to_dict()["flagged"] is True
    assert result.reasons == [terms.ABUSE] and result.evidence == ["He hits me when he drinks."]
    assert 0 < result.score <= 1 and result.to_dict()["severity"] == 2


def test_negation_still_flags_and_wrapped_lines_and_curly_apostrophes_match():
    plain, negated = assess("I am suicidal"), assess("I am not suicidal")
    assert negated.flagged and negated.reasons == plain.reasons and negated.score < plain.score
    text = "Dear Sir,\nthe carers from the agency haven\u2019t\nturned up for my father since Monday."
    assert terms.ADULT in assess(text).reasons


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "!!!", "x" * 20000, "\u0130" * 50])
def test_empty_and_odd_input_never_raises(text):
    assert assess(text).flagged is False
    assert assess(None).flagged is False


def test_units_skip_greetings_and_one_sentence_texts():
    assert units_of("I am scared of him.") == []
    units = units_of("Dear Sir,\n\nThe bins were late again this week. My husband hits me when he drinks.\n\nThanks")
    assert units == ["The bins were late again this week.", "My husband hits me when he drinks."]


class KeywordEncoder:
    """Bag-of-keywords vectors: enough to drive a head without a real model."""
    words = ("scared", "alone", "pothole", "bin", "hungry")
    dim = len(words) + 1
    version = "keywords"

    def encode(self, texts):
        rows = [[float(w in t.lower()) for w in self.words] + [0.1] for t in texts]
        matrix = np.asarray(rows, dtype=np.float32).reshape(len(rows), self.dim)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def keyword_head():
    texts = ["I am scared and alone", "the children are hungry and alone", "scared to go home",
             "hungry and scared", "alone and scared at night"] * 3
    texts += ["pothole on the road", "bin not collected", "the bin is late", "another pothole", "bin day"] * 3
    return heads.train(texts, ["risk"] * 15 + ["none"] * 15, KeywordEncoder())


def test_a_trained_head_decides_and_survives_its_file(keyword_head, tmp_path):
    encoder = KeywordEncoder()
    texts = ["I feel so alone and scared", "the pothole is back"]
    results = assess_batch(texts, encoder=encoder, head=keyword_head)
    assert [r.flagged for r in results] == [True, False]
    assert results[0].reasons and results[0].severity in (1, 2, 3) and results[0].score > results[1].score
    keyword_head.save(tmp_path / "head.npz")
    again = heads.SafeguardingHead.from_bytes((tmp_path / "head.npz").read_bytes())
    assert again.version == keyword_head.version and again.threshold == keyword_head.threshold
    assert [r.score for r in assess_batch(texts, encoder=encoder, head=again)] == [r.score for r in results]
    assert [r.flagged for r in assess_batch(texts, encoder=encoder, head=again, threshold=0.0)] == [True, True]
    cv = keyword_head.meta["cross_validation"]
    assert keyword_head.threshold <= keyword_head.ceiling and cv["at_threshold"]["recall"] >= heads.DEFAULT_RECALL


def test_pattern_evidence_halves_the_threshold():
    assert heads.SafeguardingHead.decide(0.2, firm=True, threshold=0.4)
    assert not heads.SafeguardingHead.decide(0.2, firm=False, threshold=0.4)
    assert heads.SafeguardingHead.decide(0.4, firm=False, threshold=0.4)


def test_a_head_for_another_encoder_falls_back_to_the_patterns(keyword_head, tiny_encoder):
    results = assess_batch(["He hits me when he drinks", "pothole"], encoder=tiny_encoder, head=keyword_head)
    assert [r.flagged for r in results] == [True, False] and results[0].reasons == [terms.ABUSE]


def test_the_shipped_head_matches_the_patterns_it_was_trained_with():
    """Change a pattern or prototype, then retrain: flask --app app classifiers train --task
    safeguarding --csv tests/classifiers/data/safeguarding-dev.csv (see MODEL_CARD.md)."""
    head = heads.load_shipped()
    assert head.meta["patterns"] == heads.pattern_fingerprint()
    assert head.meta["encoder"].startswith("all-MiniLM-L6-v2@")
    assert 0 < head.threshold <= head.ceiling < 1 and set(head.prototype_reasons) == set(REASONS)


def test_calibration_moves_only_as_far_as_decisions_allow():
    default, ceiling = 0.30, 0.50
    dismissed = [0.31, 0.33, 0.35, 0.36, 0.38, 0.40, 0.45]
    assert heads.calibrate(default, ceiling, [0.9], dismissed[:5]) == default  # too few decisions
    raised = heads.calibrate(default, ceiling, [0.9, 0.8, 0.95], dismissed)
    assert default < raised <= 0.41 and sum(d < raised for d in dismissed) >= 5
    # never past a confirmed concern (with a margin), never past the ceiling, never below the default
    assert heads.calibrate(default, ceiling, [0.34, 0.9, 0.95], dismissed) <= 0.32
    assert heads.calibrate(default, ceiling, [0.99] * 5, [0.6, 0.7, 0.8, 0.9, 0.95]) == default
    assert heads.calibrate(default, ceiling, [0.99] * 5, [0.45, 0.47, 0.48, 0.49, 0.6]) <= ceiling
    assert heads.calibrate(default, ceiling, [0.31] * 8, dismissed) == default
    assert heads.effective(0.2, firm=True) == pytest.approx(0.2 / heads.FIRM_FACTOR)
