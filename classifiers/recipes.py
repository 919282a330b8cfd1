"""How a challenger for a head is trained from labelled texts: the same recipe in the learning
loop (officers' labels) and in `classifiers evaluate --train` (a labelled file), so a figure
measured with the command is a figure for what the live system would learn.

- Fewer labelled texts than classifiers.tuned.MIN_ROWS for the head, or CLASSIFIER_FINE_TUNE
  off: a head on the frozen encoder (sentiment: logistic regression on the labels given;
  service areas: prototypes adapted to the unlabelled texts plus a blended head; themes: a
  thresholded head per theme).
- Enough labels: a fine-tuned version (classifiers.tuned.TunedModel: a LoRA adapter and the
  head trained on the tuned encoder). A fine-tuned sentiment model also learns from the
  shipped corpus (CLASSIFIER_SENTIMENT_CORPUS), the given labels counting OFFICER_WEIGHT
  times as much.
"""
import logging
from pathlib import Path

from classifiers.settings import fine_tune_setting, sentiment_corpus_setting

log = logging.getLogger(__name__)

OFFICER_WEIGHT = 3.0
DATA = Path(__file__).resolve().parent / "data"
SHIPPED_CORPUS = ("sentiment-train.csv", "sentiment-mixed.csv")


def fine_tunes(kind, count, labels=1):
    """True when `count` labelled texts over `labels` service areas or themes are enough to
    fine-tune the encoder for this head."""
    from classifiers.tuned import MIN_PER_LABEL, MIN_ROWS

    return (fine_tune_setting() and count >= MIN_ROWS[kind]
            and count >= MIN_PER_LABEL[kind] * max(1, labels))


def sentiment_corpus():
    """[(text, label)] a fine-tuned sentiment model learns from beside the given labels."""
    from classifiers.evaluation import DataFileError, read_labelled_csv

    paths = sentiment_corpus_setting()
    if paths is None:
        paths = [DATA / name for name in SHIPPED_CORPUS]
    rows = []
    for path in paths:
        try:
            data = read_labelled_csv(path, "sentiment", skip_blank_labels=True)
        except DataFileError as error:
            log.warning("sentiment corpus file skipped: %s", error)
            continue
        rows += list(zip(data.texts, data.labels))
    return rows


def train(kind, texts, labels, encoder, taxonomy=None, unlabelled=None, unlabelled_texts=None):
    """A challenger for one head ("sentiment", "service" or "theme").

    `labels`: a sentiment label per text; a service-area key (or a one-key list) per text; a
    list of theme keys per text. `unlabelled`: base-encoder embeddings of the council's other
    feedback (adapts a frozen topic head); `unlabelled_texts`: texts a fine-tuned topic head
    may adapt to."""
    texts = [str(t) for t in texts]
    if fine_tunes(kind, len(texts), len(taxonomy or ())):
        return _tuned(kind, texts, labels, encoder, taxonomy, unlabelled_texts)
    if kind == "sentiment":
        from classifiers.sentiment import SentimentModel

        model = SentimentModel.train(texts, list(labels), encoder)
    elif kind == "service":
        from classifiers.topics import TopicModel

        firsts = [[label] if isinstance(label, str) else list(label)[:1] for label in labels]
        model = TopicModel.train(taxonomy, texts, firsts, encoder)
        if unlabelled is not None:
            model.adapt(unlabelled)
    else:
        from classifiers.themes import ThemeModel

        model = ThemeModel.train(taxonomy, texts, [list(label) for label in labels], encoder,
                                 unlabelled=unlabelled)
    model.meta.setdefault("method", "head")
    return model


def _tuned(kind, texts, labels, encoder, taxonomy, unlabelled_texts):
    from classifiers.tuned import TunedModel

    if kind == "sentiment":
        corpus = sentiment_corpus()
        weights = [1.0] * len(corpus) + [OFFICER_WEIGHT] * len(texts)
        model = TunedModel.train("sentiment", [t for t, _ in corpus] + texts,
                                 [label for _, label in corpus] + list(labels), encoder,
                                 sample_weights=weights)
        model.meta["labelled_rows"], model.meta["corpus_rows"] = len(texts), len(corpus)
        return model
    if kind == "service":
        labels = [label if isinstance(label, str) else list(label)[0] for label in labels]
    return TunedModel.train(kind, texts, list(labels), encoder, taxonomy=taxonomy,
                            unlabelled_texts=unlabelled_texts or texts)
