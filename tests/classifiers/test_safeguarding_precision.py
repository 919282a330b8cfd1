"""Whether a text is flagged is decided as at fp32, even when the encoder runs with int8
weights: texts scoring near the flagging line are assessed again on fp32 embeddings."""
import numpy as np

from classifiers.safeguarding import assess_batch
from tests.classifiers.test_safeguarding import KeywordEncoder, keyword_head  # noqa: F401 (fixture)

TEXTS = ["I feel scared", "pothole on the road", "hungry", "bin day and I am alone",
         "the bin is late", "hungry and alone", "another pothole"]


class RoughEncoder(KeywordEncoder):
    """Exact at fp32; its default pass leans every text a little towards "scared", as
    quantisation moves embeddings a little (much more than int8 does, to make flips)."""

    def __init__(self, runs_as):
        self.runs_as = runs_as
        self.fp32_texts = []

    def encode(self, texts, precision=None):
        exact = super().encode(texts)
        if precision == "fp32":
            self.fp32_texts += list(texts)
            return exact
        leaned = exact + np.eye(self.dim, dtype=np.float32)[0] * 0.6
        return leaned / np.linalg.norm(leaned, axis=1, keepdims=True)


def flags(results):
    return [r.flagged for r in results]


def test_near_the_line_the_fp32_embeddings_decide(keyword_head):
    head = keyword_head
    exact = assess_batch(TEXTS, KeywordEncoder(), head)
    rough = assess_batch(TEXTS, RoughEncoder("fp32"), head)  # taken as it comes
    assert flags(rough) != flags(exact)  # the lean alone would change decisions

    encoder = RoughEncoder("int8")
    checked = assess_batch(TEXTS, encoder, head)
    assert flags(checked) == flags(exact)
    assert checked[2].score == exact[2].score  # "hungry", near the line: its fp32 score
    assert "pothole on the road" not in encoder.fp32_texts  # far below the line: not redone
    assert "hungry" in encoder.fp32_texts


def test_the_stored_embeddings_given_are_checked_too(keyword_head):
    head = keyword_head
    encoder = RoughEncoder("int8")
    given = encoder.encode(TEXTS)
    assert flags(assess_batch(TEXTS, encoder, head, embeddings=given)) == \
        flags(assess_batch(TEXTS, KeywordEncoder(), head))
