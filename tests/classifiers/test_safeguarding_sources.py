"""The safeguarding head's threshold from cross-validation grouped by source, its two-sentence
windows (max pooling), threats to harm someone, and the development set's sources (parts)."""
import csv

import numpy as np

from classifiers import safeguarding_head as heads
from classifiers import safeguarding_terms as terms
from classifiers.evaluation import read_labelled_csv
from classifiers.safeguarding import N_FEATURES, assess, assess_batch, units_of, window_rows, windows_of
from tests.classifiers.test_cli import run
from tests.classifiers.test_safeguarding import DEV_SET, KeywordEncoder

RISKY = ["I am scared and alone", "the children are hungry and alone", "scared to go home",
         "hungry and scared", "alone and scared at night"]
ORDINARY = ["pothole on the road", "bin not collected", "the bin is late", "another pothole", "bin day"]


def grouped_head():
    texts, labels, groups = [], [], []
    for source in ("first writer", "second writer", "third writer"):
        texts += RISKY + ORDINARY
        labels += ["risk"] * len(RISKY) + ["none"] * len(ORDINARY)
        groups += [source] * (len(RISKY) + len(ORDINARY))
    return heads.train(texts, labels, KeywordEncoder(), groups=groups)


def test_the_threshold_comes_from_recall_on_sources_held_out_in_turn():
    head = grouped_head()
    cv = head.meta["cross_validation"]
    assert cv["method"] == "by source" and set(cv["sources"]) == {"first writer", "second writer", "third writer"}
    assert all(found["risk"] == 5 and found["none"] == 5 for found in cv["sources"].values())
    assert cv["at_threshold"]["recall"] >= heads.DEFAULT_RECALL and cv["at_ceiling"]["recall"] >= heads.CEILING_RECALL
    assert head.threshold <= head.ceiling and "at_threshold" in cv["k_fold"]


def test_one_source_falls_back_to_k_fold():
    head = heads.train(RISKY * 3 + ORDINARY * 3, ["risk"] * 15 + ["none"] * 15, KeywordEncoder(),
                       groups=["only"] * 30)
    assert head.meta["cross_validation"]["method"] == "k-fold" and "sources" not in head.meta["cross_validation"]


def test_a_risky_pair_of_sentences_in_a_long_complaint_scores_on_its_own():
    """Max pooling over windows of two adjacent sentences: a risk said in two sentences of a
    long ordinary complaint is scored on its own, not averaged away by the rest."""
    head, encoder = grouped_head(), KeywordEncoder()
    ordinary = "The bin is late again this week. Another pothole on the road by the shop. Bin day was missed."
    long_text = (ordinary + " I am scared and alone in the flat at night. Nobody is hungry here but me. "
                 "The pothole is still there on the road.")
    embedding = encoder.encode([long_text])[0]
    units = encoder.encode(units_of(long_text))
    windows = windows_of(long_text, units)
    assert windows is not None and len(windows[0]) == len(window_rows(long_text)) == 4
    whole_only = head.probability(embedding, np.zeros(N_FEATURES), units)
    pooled = head.probability(embedding, np.zeros(N_FEATURES), units, windows)
    assert pooled > whole_only
    scored = assess_batch([long_text, ordinary], encoder=encoder, head=head)
    assert scored[0].score > scored[1].score


def test_a_lone_sentence_or_two_is_never_scored_out_of_context():
    assert list(window_rows("My nan works nights and has to walk home in the dark.")) == []
    assert list(window_rows("The lights go off at midnight now. My nan works nights and walks home in the dark.")) == []
    three = "The lights go off at midnight now. Nobody asked any of the residents. My nan works nights and walks home."
    assert list(window_rows(three)) == [3, 4]


def test_threats_to_harm_someone_are_a_reason_of_their_own_at_the_highest_severity():
    for text in ("He told the whole street he'll stab the lad at number 4 if he sees him again.",
                 "Keep that enforcement officer away from me, I've got a hammer behind the door for him.",
                 "My neighbour threatened to burn our house down while the kids were asleep."):
        result = assess(text)
        assert result.flagged and terms.THREAT in result.reasons and result.severity == 1, text
    for text in ("This queue is killing me, I'd kill for a straight answer.",
                 "The council will regret it at the next election.", "There are bats in our loft."):
        assert not assess(text).flagged, text


def test_each_part_of_the_development_set_is_a_source(tmp_path):
    data = read_labelled_csv(DEV_SET, "safeguarding", group_column="part")
    parts = {row["part"] for row in csv.DictReader(DEV_SET.open(encoding="utf-8"))}
    assert len(data.groups) == len(data.texts) and parts >= set("ABCDEFGH")
    assert set(data.groups) == {f"safeguarding-dev:{part}" for part in parts}
    plain = tmp_path / "council.csv"
    plain.write_text("text,label\nthe bins,none\n,risk\nI am scared of him,risk\n", encoding="utf-8")
    assert read_labelled_csv(plain, "safeguarding", group_column="part").groups == ["council", "council"]


def test_training_on_several_files_cross_validates_by_source(tmp_path, tiny_encoder_path):
    rows = list(csv.DictReader(DEV_SET.open(encoding="utf-8")))
    for name in ("one", "two"):
        chosen = [r for r in rows if r["part"] == ("A" if name == "one" else "B")]
        picked = [r for r in chosen if r["label"] == "risk"][:10] + [r for r in chosen if r["label"] == "none"][:10]
        with (tmp_path / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["text", "label"])
            writer.writerows([(r["text"], r["label"]) for r in picked])
    result = run("train", "--task", "safeguarding", "--csv", tmp_path / "one.csv", "--csv", tmp_path / "two.csv",
                 "--out", tmp_path / "head.npz", "--encoder", tiny_encoder_path)
    assert result.exit_code == 0, result.output
    assert "Cross-validated by source (each of 2 sources held out in turn)" in result.output
    assert "  one: 10 risk, 10 none" in result.output and "  two: 10 risk, 10 none" in result.output
    assert heads.SafeguardingHead.from_bytes((tmp_path / "head.npz").read_bytes()).meta["training_rows"] == {
        "risk": 20, "none": 20}


def test_sentiment_training_refuses_a_missing_file_and_defaults_to_the_shipped_corpus(tmp_path):
    from classifiers.recipes import DATA, SHIPPED_CORPUS

    result = run("train", "--task", "sentiment", "--csv", tmp_path / "none.csv")
    assert result.exit_code == 2 and "no such file" in result.output
    assert all((DATA / name).is_file() for name in SHIPPED_CORPUS)
