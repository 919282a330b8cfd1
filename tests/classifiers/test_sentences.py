from classifiers.sentences import NLTK_DATA, split_sentences, stopwords


def test_sentences_split_offline_with_committed_data():
    text = "Dr. Smith was lovely. The wait was awful!\n- parking was hard\n\n2) food ok"
    assert split_sentences(text) == ["Dr. Smith was lovely.", "The wait was awful!",
                                     "parking was hard", "food ok"]
    assert split_sentences("") == [] and split_sentences(None) == []
    assert (NLTK_DATA / "tokenizers" / "punkt_tab" / "english" / "ortho_context.tab").exists()


def test_sentence_count_is_bounded():
    assert len(split_sentences("Bad. " * 500)) == 40


def test_stopwords_are_nltk_english():
    words = stopwords()
    assert {"the", "and", "wouldn't"} <= words and "pothole" not in words
