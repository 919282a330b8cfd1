"""Round 3 of the safeguarding flag: negative evidence (policy talk, idioms, accidents), modern
slavery and labour exploitation as a reason, the nearest training rows as evidence, and the
threshold that asks for recall on every unseen source within a false-positive budget."""
import numpy as np

from classifiers import safeguarding_head as heads
from classifiers import safeguarding_neighbours as neighbours
from classifiers import safeguarding_terms as terms
from classifiers import safeguarding_validation as validation
from classifiers.safeguarding import N_FEATURES, assess, assess_batch, pattern_features, pattern_hits
from classifiers.safeguarding_frames import FRAMES
from tests.classifiers.test_safeguarding import KeywordEncoder


def test_policy_talk_idioms_and_accidents_are_not_firm_evidence():
    for text in ("Could the suicide prevention training for volunteers be run on a Saturday?",
                 "Please send posters for the domestic abuse helpline for our cafe toilets.",
                 "When the council tax bill came I nearly had a heart attack.",
                 "I'm at the end of my tether with the parking on our street.",
                 "My grandad tripped on a raised paving slab and bruised his hip, he's fine now.",
                 "Our son hurt himself on the loose springs of the trampoline at the leisure centre."):
        result = assess(text)
        assert not result.flagged, text
        assert all(level == "anywhere" for found in pattern_hits(text).values() for level, _, _ in found), text


def test_a_disclosure_beside_policy_talk_still_counts():
    text = "I went to the suicide prevention talk at the library. I have been suicidal since the winter."
    result = assess(text)
    assert result.flagged and result.reasons == [terms.SELF_HARM]
    assert result.evidence == ["I have been suicidal since the winter."]
    assert assess("I want to kill myself").flagged and assess("My husband beats me").flagged


def test_frames_are_features_of_the_head():
    text = "Is the homelessness strategy going out for consultation? I nearly had a heart attack at the rent."
    vector = pattern_features(pattern_hits(text), text)
    assert len(vector) == N_FEATURES and list(vector[-len(FRAMES):]) == [1.0, 1.0, 0.0, 0.0]
    assert list(pattern_features({}, "Thanks, he's fine now.")[-len(FRAMES):]) == [0.0, 0.0, 0.0, 1.0]


def test_modern_slavery_and_labour_exploitation_is_a_reason_with_the_severity_of_abuse():
    for text in ("The men at the hand car wash sleep on site, are not paid and the boss keeps their passports.",
                 "She cleans for them every day and says she owes them for her flight and has to work it off.",
                 "A minibus collects about 12 men from the house next door at 5am and there are 14 people living in "
                 "a three bed house."):
        result = assess(text)
        assert result.flagged and terms.EXPLOIT in result.reasons and result.severity == 2, text
    assert terms.SEVERITY[terms.EXPLOIT] == terms.SEVERITY[terms.ABUSE] == 2
    for text in ("The hand car wash on the corner floods the pavement.", "Where do I renew my passport photo?",
                 "Does our firm have to sign the modern slavery clause in the procurement rules?"):
        assert not assess(text).flagged, text


def test_nights_in_a_car_park_or_on_a_night_bus_are_rough_sleeping():
    for text in ("sleeping in the leisure centre car park again tonight", "I live in the car at the moment",
                 "I've been kipping on night buses since my mum threw me out"):
        result = assess(text)
        assert result.flagged and terms.HOUSING in result.reasons, text
    for text in ("I park in the leisure centre car park every day", "I live in the flat above the car park",
                 "The N12 night bus was late again"):
        assert not assess(text).flagged, text


def test_the_nearest_rows_say_how_close_the_risks_and_the_ordinary_rows_are():
    reference = np.array([[1, 0], [0.8, 0.6], [0, 1], [0.6, 0.8]], dtype=np.float32)
    found = neighbours.evidence([[1, 0]], reference, [1, 1, 0, 0], k=1)
    assert np.allclose(found, [[1.0, 0.6, 0.4]])
    found = neighbours.evidence([[1, 0]], reference, [1, 1, 0, 0], k=2)
    assert np.allclose(found, [[0.9, 0.3, 0.6]])
    assert np.allclose(neighbours.evidence([[1, 0]], reference[:0], np.array([])), [[0, 0, 0]])


def test_a_training_rows_neighbours_never_come_from_its_own_source():
    embeddings = np.array([[1, 0], [1, 0], [0, 1], [0, 1]], dtype=np.float32)
    y, groups = np.array([1, 0, 1, 0]), np.array(["one", "one", "two", "two"])
    whole, _ = neighbours.grouped_blocks(np.arange(4), embeddings, [None] * 4, y, groups)
    # row 0 (source one) has an identical twin in its own source but sees only source two's rows
    assert np.allclose(whole[0], [0.0, 0.0, 0.0]) and np.allclose(whole[2], [0.0, 0.0, 0.0])


def test_the_head_keeps_its_reference_rows_in_its_file(tmp_path):
    texts = ["I am scared and alone", "the children are hungry and alone", "pothole on the road", "bin day"] * 4
    head = heads.train(texts, ["risk", "risk", "none", "none"] * 4, KeywordEncoder(),
                       groups=["a"] * 8 + ["b"] * 8)
    assert head.neighbours.shape == (16, KeywordEncoder.dim) and list(head.neighbour_labels[:4]) == [1, 1, 0, 0]
    head.save(tmp_path / "head.npz")
    again = heads.SafeguardingHead.from_bytes((tmp_path / "head.npz").read_bytes())
    assert np.array_equal(again.neighbours, head.neighbours) and again.version == head.version
    scored = assess_batch(["so scared and alone", "a pothole"], encoder=KeywordEncoder(), head=again)
    assert scored[0].score > scored[1].score
    assert again.coef.shape[0] == KeywordEncoder.dim + N_FEATURES + len(terms.REASONS) + neighbours.N_FEATURES


def _toy_scores():
    """Source a: 60 risks, 60 ordinary rows; source b: 30 of each, one risk said so sideways
    that it scores 0.1 (29 of 30 is below SOURCE_RECALL, while pooled and average recall are not)."""
    risk_a, none_a = np.linspace(0.5, 0.9, 60), np.linspace(0.0, 0.3, 60)
    risk_b, none_b = np.r_[0.1, np.linspace(0.5, 0.9, 29)], np.linspace(0.0, 0.45, 30)
    scores = np.r_[risk_a, none_a, risk_b, none_b]
    y = np.r_[[1] * 60, [0] * 60, [1] * 30, [0] * 30]
    return scores, np.zeros(len(y), dtype=bool), y, np.array(["a"] * 120 + ["b"] * 60)


def test_the_threshold_reaches_every_source_when_the_budget_allows():
    scores, firm, y, groups = _toy_scores()
    base = validation.threshold_at_recall(scores, firm, y, validation.DEFAULT_RECALL, groups)
    every = validation.threshold_at_recall(scores, firm, y, validation.DEFAULT_RECALL, groups,
                                           each=validation.SOURCE_RECALL)
    assert (base, every) == (0.5, 0.1)
    budget = validation.FPR_BUDGET
    try:
        validation.FPR_BUDGET = 1.0  # room to catch the hard risk
        assert validation.choose_threshold(scores, firm, y, groups) == 0.1
        validation.FPR_BUDGET = 0.2  # catching it would flag more than a fifth of the ordinary rows
        chosen = validation.choose_threshold(scores, firm, y, groups)
        assert 0.1 < chosen < 0.5 and validation.false_positive_rate(scores, firm, y, chosen) <= 0.2
        assert validation.false_positive_rate(scores, firm, y, chosen - 0.02) > 0.2  # the lowest within it
        validation.FPR_BUDGET = 0.0  # no room at all: pooled and average recall still come first
        assert validation.choose_threshold(scores, firm, y, groups) == 0.5
    finally:
        validation.FPR_BUDGET = budget


def test_a_flag_resting_on_meaning_alone_gets_the_generic_reason_at_the_lowest_severity():
    """The head flags "so alone and scared at night" with no pattern evidence: it must not borrow
    a specific reason (the nearest prototype's, which can be "Mentions self-harm or suicide" and
    jump the top queue); it is "May need a safeguarding check" in the lowest queue. With pattern
    evidence the specific reason and its severity stand."""
    texts = ["I am scared and alone", "the children are hungry and alone", "scared to go home",
             "hungry and scared", "alone and scared at night"] * 3
    texts += ["pothole on the road", "bin not collected", "the bin is late", "another pothole", "bin day"] * 3
    head = heads.train(texts, ["risk"] * 15 + ["none"] * 15, KeywordEncoder())
    meaning_only = "so alone and scared at night"
    assert pattern_hits(meaning_only) == {}
    found, specific = assess_batch([meaning_only, "I am scared and alone, I want to kill myself"],
                                   encoder=KeywordEncoder(), head=head)
    assert found.flagged and found.reasons == [terms.CHECK] and found.severity == terms.VULNERABILITY == 3
    assert found.evidence == [meaning_only]
    assert specific.flagged and specific.reasons == [terms.SELF_HARM] and specific.severity == 1
    assert terms.CHECK not in terms.REASONS and terms.SEVERITY[terms.CHECK] == 3
