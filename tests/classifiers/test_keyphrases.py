"""Key phrases with NLTK tokenisation, stopwords and C-value ranking."""
from classifiers.keyphrases import key_phrases

FLOODING = [
    "Brookfield Road in Little Wexley is flooded AGAIN. The drains at the bottom by the bridge are blocked.",
    "water coming up through the drains on brookfield road every time it rains, my garage is flooded",
    "Caller from Brookfield Road, Little Wexley says the road is under a foot of water. Drains blocked.",
    "Since the heavy rain the road at Brookfield Road, Little Wexley has been impassable near the stream.",
    "Flooding on Brookfield Road Little Wexley - the school bus couldn't get through. Sort the drains out",
    "Please clear the blocked gullies on Brookfield Road, Little Wexley. Water is pooling near the bridge.",
]
BINS = [
    "My green bin was missed again. Email [email] or ring [phone].",
    "Green bin missed for the third week, [name] at [address]",
    "The green bin was not emptied and the crew left the lid open",
]


def test_finds_the_multi_word_subject_first():
    phrases = key_phrases(FLOODING, top_n=5)
    assert phrases[0] == ("brookfield road", 6)
    assert ("little wexley", 5) in phrases
    words = [p for p, _ in phrases]
    assert "brookfield" not in words and "wexley" not in words  # covered by the longer phrase


def test_counts_texts_not_occurrences_and_respects_min_count():
    phrases = dict(key_phrases(["pothole pothole pothole", "pothole on the road"], min_count=2))
    assert phrases == {"pothole": 2}
    assert key_phrases(["pothole", "street light"], min_count=2) == []
    assert ("street light", 1) in key_phrases(["pothole", "street light"], min_count=1)


def test_lower_cases_and_strips_pii_tokens_and_stopwords():
    phrases = key_phrases(BINS, top_n=10)
    words = " ".join(p for p, _ in phrases)
    assert phrases[0] == ("green bin", 3)
    for leaked in ("email", "phone", "name", "address", "the", "was"):
        assert leaked not in words.split()


def test_background_prefers_what_is_unusual_for_this_topic():
    texts = FLOODING + ["the council never answers the phone on brookfield road"] * 3
    background = ["the council never answers the phone"] * 20
    plain = [p for p, _ in key_phrases(texts, top_n=6)]
    weighted = [p for p, _ in key_phrases(texts, top_n=6, background=background)]
    assert "phone" in plain and "answers" in plain
    assert "phone" not in weighted and "answers" not in weighted
    assert weighted[0] == plain[0] == "brookfield road"


def test_deterministic_and_empty_input():
    assert key_phrases(FLOODING) == key_phrases(list(FLOODING))
    assert key_phrases(FLOODING[::-1]) == key_phrases(FLOODING)
    assert key_phrases([]) == [] and key_phrases(["", None, "   "]) == []
    assert key_phrases(FLOODING, top_n=0) == []
    assert len(key_phrases(FLOODING, top_n=2)) == 2
